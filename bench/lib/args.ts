/** Command line of `npm run bench`. */

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
}

export const usage =
  "usage: npm run bench -- [--latency-ms 50] [--sizes 10,100,500] [--out bench/results/latest.md | --no-out] [--fixed-runs 3 | --no-fixed-cost] [--no-wait-idle]";

export function parseBenchArgs(argv: string[], defaults: BenchArgs): BenchArgs {
  const args = { ...defaults };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]!;
    const value = (): string => {
      const next = argv[i + 1];
      if (next === undefined) throw new Error(`${flag} needs a value\n${usage}`);
      i += 1;
      return next;
    };
    if (flag === "--latency-ms") {
      const latency = Number(value());
      if (!Number.isInteger(latency) || latency < 0) throw new Error(`--latency-ms must be a whole number ≥ 0\n${usage}`);
      args.latencyMs = latency;
    } else if (flag === "--sizes") {
      const sizes = value().split(",").map((part) => Number(part.trim()));
      if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes must be whole numbers ≥ 1, comma-separated\n${usage}`);
      args.sizes = sizes;
    } else if (flag === "--out") {
      args.out = value();
    } else if (flag === "--no-out") {
      args.out = "";
    } else if (flag === "--no-fixed-cost") {
      args.fixedCost = false;
    } else if (flag === "--fixed-runs") {
      const runs = Number(value());
      if (!Number.isInteger(runs) || runs < 1) throw new Error(`--fixed-runs must be a whole number ≥ 1\n${usage}`);
      args.fixedRuns = runs;
    } else if (flag === "--no-wait-idle") {
      args.waitIdle = false;
    } else if (flag === "--help" || flag === "-h") {
      throw new Error(usage);
    } else {
      throw new Error(`unknown argument ${flag}\n${usage}`);
    }
  }
  return args;
}
