/** Command line of `npm run bench`. */

export interface BenchArgs {
  latencyMs: number;
  sizes: number[];
  /** Where the markdown table is written; "" = nowhere. */
  out: string;
}

export const usage = `usage: npm run bench -- [--latency-ms 50] [--sizes 10,100,500] [--out bench/results/latest.md | --no-out]`;

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
    } else if (flag === "--help" || flag === "-h") {
      throw new Error(usage);
    } else {
      throw new Error(`unknown argument ${flag}\n${usage}`);
    }
  }
  return args;
}
