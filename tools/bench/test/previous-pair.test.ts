/**
 * The comparison of the default pair with the previous pair, from made-up measurements: the
 * table's columns, the mark on every figure that moved by more than 10 % (and on no other), both
 * pairs named in the report, the section gone with --no-previous-pair, and what the previous
 * pair's project installs.
 */
import * as path from "path";
import type { CallCounts } from "../../../scripts/lib/emulator-control";
import { runtimeVersions } from "../../runtimes/runtimes";
import { lockedVersion } from "../../../test/support/fresh-project";
import { parseBenchArgs, usage } from "../lib/args";
import type { BaselineOperation } from "../lib/baseline";
import { cliOperations, type CliOperation, type Measured } from "../lib/cli-bench";
import { previousPairPackages } from "../lib/previous-pair";
import { moveOf, pairComparisonTable, pairFigures, previousPairModes, type PairMode, type PreviousPairResult } from "../lib/previous-pair-report";
import { renderReport, type BenchReport, type CliModeResult, type SizeResult } from "../lib/report";
import { benchReport } from "./support/bench-report";

const calls = (): CallCounts => ({ token: 1, list: 1, create: 0, update: 0, remove: 0, total: 2, writes: 0 });

const measured = (seconds: number, ok = true): Measured => ({ calls: calls(), wallMs: seconds * 1000, activity: { requests: 2, spanMs: 100, maxInFlight: 1 }, ok });

const footprint = {
  exportBytes: 18000,
  connectors: 10,
  bytesPerConnector: 1800,
  parts: { providerInInputs: 0, providerInOutputs: 0, declaration: 400, stored: 500, stackTrace: 450, bookkeeping: 450 },
  providerBytes: 0,
  providerCopiesPerConnector: 0,
  bytesPerConnectorAtRoot: 1700,
};

/** Every command of a mode taking the seconds given, 2 s where none is. */
function modeResult(seconds: Partial<Record<CliOperation, number>>, ok: Partial<Record<CliOperation, boolean>> = {}): CliModeResult {
  return { runs: Object.fromEntries(cliOperations.map((op) => [op, measured(seconds[op] ?? 2, ok[op] ?? true)])), totalMs: 20_000, state: footprint };
}

function size(n: number, modes: Record<PairMode, Partial<Record<CliOperation, number>>>): SizeResult {
  const baseline = Object.fromEntries(
    (["create", "check", "refresh", "update", "destroy"] as BaselineOperation[]).map((op) => [op, { calls: calls(), wallMs: 1000 }]),
  ) as SizeResult["baseline"];
  const provider = { calls: calls(), wallMs: 500, maxInFlight: 8, errors: 0 };
  return {
    n,
    baseline,
    cli: { default: modeResult(modes.default), bulk: modeResult({}), plugin: modeResult(modes.plugin) },
    provider: { create: provider, refresh: provider },
  };
}

const pairs: PreviousPairResult["pairs"] = {
  default: { node: "v24.22.3", sdk: "3.276.0", cli: "v3.276.0" },
  previous: { node: "v20.20.2", sdk: "3.248.0", cli: "v3.248.0" },
};

function report(sizes: SizeResult[], previousPair?: PreviousPairResult): BenchReport {
  return benchReport(sizes, previousPair ? { previousPair } : {});
}

// N=10: default pair's up 2.2 s (+10 %, exactly: not marked), refresh 2.3 s (+15 %: ▲), plugin up 1.5 s (−25 %: ▼),
// plugin destroy 1.82 s (−9 %: not marked). The previous pair: 2 s for everything.
const defaultPairSizes = [size(10, { default: { up: 2.2, refresh: 2.3 }, plugin: { up: 1.5, destroy: 1.82 } })];
const previousPair: PreviousPairResult = { pairs, sizes: [{ n: 10, cli: { default: modeResult({}), plugin: modeResult({}) } }] };

describe("moved by more than 10 %", () => {
  test("marks a change beyond 10 % either way, and neither 10 % itself nor less", () => {
    expect(moveOf(1101, 1000)).toBe("slower");
    expect(moveOf(1100, 1000)).toBeUndefined();
    expect(moveOf(1050, 1000)).toBeUndefined();
    expect(moveOf(900, 1000)).toBeUndefined();
    expect(moveOf(899, 1000)).toBe("faster");
    expect(moveOf(3000, 1000)).toBe("slower");
  });
});

describe("the table default pair vs previous pair", () => {
  test("per mode: the default pair's figure, the previous pair's, and default ÷ previous", () => {
    const lines = pairComparisonTable(report(defaultPairSizes, previousPair)).split("\n");
    expect(lines[0]).toBe(
      "| command | N | default mode, default pair (s) | default mode, previous pair (s) | default mode: default ÷ previous | plugin door, default pair (s) | plugin door, previous pair (s) | plugin door: default ÷ previous |",
    );
    // One row per command and size.
    expect(lines).toHaveLength(2 + cliOperations.length);
    expect(lines).toContain("| up creating N | 10 | 2.20 | 2.00 | 1.10× | 1.50 | 2.00 | **0.75× ▼** |");
    expect(lines).toContain("| refresh | 10 | 2.30 | 2.00 | **1.15× ▲** | 2.00 | 2.00 | 1.00× |");
    expect(lines).toContain("| destroy | 10 | 2.00 | 2.00 | 1.00× | 1.82 | 2.00 | 0.91× |");
  });

  test("a mark on every moved figure and on no other", () => {
    const figures = pairFigures(report(defaultPairSizes, previousPair));
    expect(figures).toHaveLength(cliOperations.length * previousPairModes.length);
    expect(figures.filter((figure) => figure.move).map((figure) => [figure.label, figure.mode, figure.move])).toEqual([
      ["up creating N", "plugin", "faster"],
      ["refresh", "default", "slower"],
    ]);
    const table = pairComparisonTable(report(defaultPairSizes, previousPair));
    expect(table.match(/[▲▼]/g)).toHaveLength(2);
  });

  test("a command that failed or found changes on either pair says so beside its figure", () => {
    const failing: PreviousPairResult = { pairs, sizes: [{ n: 10, cli: { default: modeResult({}, { preview: false }), plugin: modeResult({}) } }] };
    expect(pairComparisonTable(report(defaultPairSizes, failing))).toContain("| preview, no change | 10 | 2.00 | 2.00 (failed or found changes) | 1.00× |");
  });
});

describe("the report", () => {
  test("names both pairs and holds the comparison, the moved figures listed under it", () => {
    const markdown = renderReport(report(defaultPairSizes, previousPair));
    expect(markdown).toContain(
      "Pairs: the default pair is Node.js v24.22.3, @pulumi/pulumi 3.276.0, Pulumi CLI v3.276.0; the previous pair, measured in the same run for the comparison below, is Node.js v20.20.2, @pulumi/pulumi 3.248.0, Pulumi CLI v3.248.0.",
    );
    expect(markdown).toContain("## Default pair vs previous pair");
    expect(markdown).toContain("2 of 10 figures moved by more than 10 %: up creating N, N=10, plugin door: 0.75× ▼ (faster); refresh, N=10, default mode: 1.15× ▲ (slower). docs/benchmarks.md explains those of the last quiet run.");
    // After the targets, which are judged on the default pair only.
    expect(markdown.indexOf("## Default pair vs previous pair")).toBeGreaterThan(markdown.indexOf("## Targets"));
  });

  test("says so when no figure moved", () => {
    const still: PreviousPairResult = { pairs, sizes: [{ n: 10, cli: { default: modeResult({}), plugin: modeResult({}) } }] };
    expect(renderReport(report([size(10, { default: {}, plugin: {} })], still))).toContain("No figure moved by more than 10 %.");
  });

  test("without the previous pair (--no-previous-pair), neither the section nor the pairs line", () => {
    const markdown = renderReport(report(defaultPairSizes));
    expect(markdown).not.toContain("previous pair");
    expect(markdown).not.toContain("Pairs:");
  });
});

describe("--no-previous-pair", () => {
  const defaults = { latencyMs: 50, sizes: [10], out: "", fixedCost: true, fixedRuns: 3, waitIdle: true, previousPair: true };

  test("the comparison stays on unless the flag turns it off, and the usage names the flag", () => {
    expect(parseBenchArgs([], defaults).previousPair).toBe(true);
    expect(parseBenchArgs(["--no-previous-pair"], defaults)).toEqual({ ...defaults, previousPair: false });
    expect(usage).toContain("[--no-previous-pair]");
  });
});

describe("the previous pair's project", () => {
  test("installs this commit's packed provider beside the previous pair's SDK and the repository's TypeScript", () => {
    const tarball = path.join("/tmp", "pulumi-scalekit-connectors-0.1.0.tgz");
    expect(previousPairPackages(tarball, runtimeVersions.previous.pulumi)).toEqual([
      tarball,
      `@pulumi/pulumi@${runtimeVersions.previous.pulumi}`,
      `typescript@${lockedVersion("typescript")}`,
      `@types/node@${lockedVersion("@types/node")}`,
    ]);
    expect(previousPairModes).toEqual(["default", "plugin"]);
  });
});
