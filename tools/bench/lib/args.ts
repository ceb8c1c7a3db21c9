/** Command line of `npm run bench`, read with node:util's parseArgs (scripts/lib/command-line.ts). */
import { CommandError, CommandLineError, parseCommandLine } from "../../../scripts/lib/command-line";

export interface BenchArgs {
  latencyMs: number;
  sizes: number[];
  /** Where the markdown table is written; "" = nowhere. */
  out: string;
  /** Measure the fixed cost of a command (no-change previews of 10 under several programs and runtimes). */
  fixedCost: boolean;
  /** Previews per program and runtime in the fixed-cost section (the median is reported). */
  fixedRuns: number;
  /** Wait (up to 10 minutes) for the 1-minute load average to drop below 1.0 before measuring. */
  waitIdle: boolean;
  /** Also run the default mode and the plugin door on the previous runtime pair, for the comparison (tools/bench/lib/previous-pair.ts). */
  previousPair: boolean;
}

export const usage =
  "usage: npm run bench -- [--latency-ms 50] [--sizes 10,100,500] [--out tools/bench/results/latest.md | --no-out] [--fixed-runs 3 | --no-fixed-cost] [--no-wait-idle] [--no-previous-pair]";

/** Exit code of a usage error. */
export const EXIT_USAGE = 2;

const flags = {
  "latency-ms": { type: "string" },
  sizes: { type: "string" },
  out: { type: "string" },
  "no-out": { type: "boolean" },
  "fixed-runs": { type: "string" },
  "no-fixed-cost": { type: "boolean" },
  "no-wait-idle": { type: "boolean" },
  "no-previous-pair": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

function usageError(message: string): CommandError {
  return new CommandError(`${message}\n${usage}`, EXIT_USAGE);
}

/** A whole number of at least `min`, or a usage error that says which flag. */
function wholeNumber(flag: string, text: string, min: number, what = `a whole number ≥ ${min}`): number {
  const value = Number(text.trim());
  if (text.trim() === "" || !Number.isInteger(value) || value < min) throw usageError(`--${flag} must be ${what}`);
  return value;
}

/** The options, `defaults` where none is given; `help` when --help was asked for. */
export function parseBenchArgs(argv: readonly string[], defaults: BenchArgs): BenchArgs & { help?: true } {
  let values;
  try {
    values = parseCommandLine(argv, flags);
  } catch (err) {
    if (err instanceof CommandLineError) throw usageError(err.message);
    throw err;
  }
  if (values.help) return { ...defaults, help: true };
  const args = { ...defaults };
  if (values["latency-ms"] !== undefined) args.latencyMs = wholeNumber("latency-ms", values["latency-ms"], 0);
  if (values.sizes !== undefined) args.sizes = values.sizes.split(",").map((part) => wholeNumber("sizes", part, 1, "whole numbers ≥ 1, comma-separated"));
  if (values.out !== undefined) args.out = values.out;
  if (values["no-out"]) args.out = "";
  if (values["fixed-runs"] !== undefined) args.fixedRuns = wholeNumber("fixed-runs", values["fixed-runs"], 1);
  if (values["no-fixed-cost"]) args.fixedCost = false;
  if (values["no-wait-idle"]) args.waitIdle = false;
  if (values["no-previous-pair"]) args.previousPair = false;
  return args;
}
