/** Turns the benchmark's measurements into the markdown tables it prints and saves. */
import type { BaselineOperation } from "./baseline";
import type { CliOperation, Measured, StateFootprint } from "./cli-bench";
import type { CallCounts } from "./emulator-control";
import { idealCreateMs, idealRefreshMs, listPages } from "./ideal";
import type { Machine } from "./machine";

export interface BaselineMeasured {
  calls: CallCounts;
  wallMs: number;
}

export interface ProviderMeasured {
  calls: CallCounts;
  wallMs: number;
  maxInFlight: number;
  errors: number;
}

export interface SizeResult {
  n: number;
  baseline: Record<BaselineOperation, BaselineMeasured>;
  cli: Record<CliOperation, Measured>;
  cliTotalMs: number;
  state: StateFootprint;
  provider: { create: ProviderMeasured; refresh: ProviderMeasured };
}

export interface BenchReport {
  machine: Machine;
  latencyMs: number;
  parallelism: number;
  transport: string;
  startedAt: string;
  durationMs: number;
  sizes: SizeResult[];
}

const seconds = (ms: number): string => (ms / 1000).toFixed(2);
const ratio = (a: number, b: number): string => (b === 0 ? (a === 0 ? "—" : "∞") : `${(a / b).toFixed(2)}×`);
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

function breakdown(calls: CallCounts): string {
  return `${calls.token} / ${calls.list} / ${calls.create} / ${calls.update} / ${calls.remove}`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

const operations: { cli: CliOperation; baseline: BaselineOperation; label: string }[] = [
  { cli: "up", baseline: "create", label: "up creating N" },
  { cli: "preview", baseline: "check", label: "preview, no change" },
  { cli: "refresh", baseline: "refresh", label: "refresh" },
  { cli: "update", baseline: "update", label: "update of one connector" },
  { cli: "destroy", baseline: "destroy", label: "destroy" },
];

function callsTable(report: BenchReport): string {
  const rows: string[][] = [];
  for (const op of operations) {
    for (const size of report.sizes) {
      const ours = size.cli[op.cli].calls;
      const base = size.baseline[op.baseline].calls;
      rows.push([op.label, String(size.n), String(ours.total), breakdown(ours), String(base.total), breakdown(base), ratio(ours.total, base.total)]);
    }
  }
  return table(
    ["operation (real CLI)", "N", "our calls", "token / list / create / update / delete", "baseline calls", "baseline breakdown", "ours ÷ baseline"],
    rows,
  );
}

interface Target {
  label: string;
  check(size: SizeResult): { met: boolean; shown: string };
}

const runsMakingCalls: CliOperation[] = ["up", "refresh", "update", "destroy"];

const targets: Target[] = [
  {
    label: "a preview with no change makes no API call (and finds no change)",
    check: (size) => {
      const run = size.cli.preview;
      return { met: run.calls.total === 0 && run.ok, shown: `${run.calls.total} calls${run.ok ? "" : ", changes found"}` };
    },
  },
  {
    label: "a refresh makes ≤ 1 list page per 1000 connectors + 1 token, and nothing else (real CLI)",
    check: (size) => {
      const c = size.cli.refresh.calls;
      const allowed = listPages(size.n);
      return { met: c.token <= 1 && c.list <= allowed && c.total === c.token + c.list, shown: `${c.token} token + ${c.list} list of ≤ ${allowed}, ${c.total} in all` };
    },
  },
  {
    label: "the same at the provider level",
    check: (size) => {
      const c = size.provider.refresh.calls;
      const allowed = listPages(size.n);
      return { met: c.token <= 1 && c.list <= allowed && c.total === c.token + c.list, shown: `${c.token} token + ${c.list} list of ≤ ${allowed}, ${c.total} in all` };
    },
  },
  {
    label: "one token per environment per run (up, refresh, update, destroy through the CLI; create and read at the provider level)",
    check: (size) => {
      const counts = [...runsMakingCalls.map((op) => size.cli[op].calls.token), size.provider.create.calls.token, size.provider.refresh.calls.token];
      return { met: counts.every((count) => count === 1), shown: `tokens: ${counts.join(", ")}` };
    },
  },
];

function targetsTable(report: BenchReport): string {
  const rows = targets.map((target) => [
    target.label,
    ...report.sizes.map((size) => {
      const { met, shown } = target.check(size);
      return `${met ? "**met**" : "**NOT MET**"} (${shown})`;
    }),
  ]);
  return table(["target", ...report.sizes.map((size) => `N=${size.n}`)], rows);
}

/** Whether every target was met at every size. */
export function allTargetsMet(report: BenchReport): boolean {
  return report.sizes.every((size) => targets.every((target) => target.check(size).met));
}

function wallTable(report: BenchReport): string {
  const rows: string[][] = [];
  const { latencyMs, parallelism } = report;
  for (const size of report.sizes) {
    const work = [
      { label: "up creating N", cli: size.cli.up, provider: size.provider.create, ideal: idealCreateMs(size.n, parallelism, latencyMs), base: size.baseline.create },
      { label: "refresh", cli: size.cli.refresh, provider: size.provider.refresh, ideal: idealRefreshMs(size.n, latencyMs), base: size.baseline.refresh },
    ];
    for (const w of work) {
      rows.push([
        w.label,
        String(size.n),
        seconds(w.ideal),
        seconds(w.cli.wallMs),
        ratio(w.cli.wallMs, w.ideal),
        `${seconds(w.cli.activity.spanMs)} (≤ ${w.cli.activity.maxInFlight} at once)`,
        ratio(w.cli.activity.spanMs, w.ideal),
        `${seconds(w.provider.wallMs)} (≤ ${w.provider.maxInFlight} at once)`,
        ratio(w.provider.wallMs, w.ideal),
        seconds(w.base.wallMs),
        ratio(w.cli.wallMs, w.base.wallMs),
        ratio(w.provider.wallMs, w.base.wallMs),
      ]);
    }
  }
  return table(
    [
      "work",
      "N",
      "ideal (s)",
      "real CLI, whole command (s)",
      "CLI ÷ ideal",
      "real CLI, API span (s)",
      "span ÷ ideal",
      "provider level (s)",
      "provider ÷ ideal",
      "baseline (s)",
      "CLI ÷ baseline",
      "provider ÷ baseline",
    ],
    rows,
  );
}

function stateTable(report: BenchReport): string {
  const rows = report.sizes.map((size) => {
    const s = size.state;
    const providerShare = s.bytesPerConnector ? (s.providerBytes * s.providerCopiesPerConnector) / s.bytesPerConnector : 0;
    return [
      String(size.n),
      kib(s.exportBytes),
      `${s.bytesPerConnector} B`,
      `${s.providerBytes} B`,
      String(s.providerCopiesPerConnector),
      `${(providerShare * 100).toFixed(0)} %`,
      seconds(size.cliTotalMs),
    ];
  });
  return table(
    ["N", "`pulumi stack export`", "bytes per connector", "`__provider` string", "copies per connector", "share of a connector's bytes", "all CLI commands for this N (s)"],
    rows,
  );
}

export function renderReport(report: BenchReport): string {
  const m = report.machine;
  return [
    `# Benchmark results`,
    ``,
    `Run ${report.startedAt}, ${seconds(report.durationMs)} s in all. Every API request waits ${report.latencyMs} ms in the emulator (token included).`,
    `Engine parallelism ${report.parallelism} (Pulumi's default: GOMAXPROCS × 4). Baseline transport: ${report.transport}.`,
    ``,
    `Machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}; Node.js ${m.node}; Pulumi ${m.pulumi}.`,
    ``,
    `## Targets`,
    ``,
    targetsTable(report),
    ``,
    `## API calls`,
    ``,
    `Counted by the emulator for each command. Baseline: Scalekit's curl workflow (token, list, then one write at a time).`,
    ``,
    callsTable(report),
    ``,
    `## Wall time`,
    ``,
    `Ideal = the calls the work needs at parallelism ${report.parallelism} and ${report.latencyMs} ms a call: up creating N = (1 + ⌈N / ${report.parallelism}⌉) × latency (token, then the creates); refresh = (1 + ⌈N / 1000⌉) × latency (token, then the list pages in sequence).`,
    `"Whole command" includes the CLI's start, the TypeScript program and the state writes; "API span" is from the first request the emulator saw to its last answer.`,
    ``,
    wallTable(report),
    ``,
    `## State footprint`,
    ``,
    stateTable(report),
    ``,
  ].join("\n");
}
