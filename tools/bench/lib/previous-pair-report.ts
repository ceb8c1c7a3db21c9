/**
 * The report's comparison of the default pair with the previous pair (tools/bench/lib/previous-pair.ts):
 * the same whole commands, both figures, their ratio, and a mark on every figure that moved by
 * more than 10 %. docs/benchmarks.md explains each marked figure of the last quiet run.
 */
import type { CliMode, Measured } from "./cli-bench";
import { maybeRunOf, operations, table, type BenchReport, type CliModeResult } from "./report";

/** The modes run on the previous pair: the project as shipped, through each door. */
export const previousPairModes = ["default", "plugin"] as const satisfies readonly CliMode[];
export type PairMode = (typeof previousPairModes)[number];

/** A runtime pair as the report names it. */
export interface PairDescription {
  /** `node --version` of the Node.js that runs the program and the providers. */
  node: string;
  /** The @pulumi/pulumi the program loads. */
  sdk: string;
  /** `pulumi version` of the CLI. */
  cli: string;
}

export interface PreviousPairSize {
  n: number;
  cli: Record<PairMode, CliModeResult>;
}

/** What the report needs: both pairs named, and the previous pair's commands per size. */
export interface PreviousPairResult {
  pairs: { default: PairDescription; previous: PairDescription };
  sizes: PreviousPairSize[];
}

/** A figure moved when the default pair's differs from the previous pair's by more than this share of the previous pair's. */
export const moveThreshold = 0.1;

export type Move = "slower" | "faster";

/** How the default pair's time compares with the previous pair's: undefined within 10 %, else which way it moved. */
export function moveOf(defaultMs: number, previousMs: number): Move | undefined {
  if (previousMs <= 0) return undefined;
  const change = (defaultMs - previousMs) / previousMs;
  if (change > moveThreshold) return "slower";
  if (change < -moveThreshold) return "faster";
  return undefined;
}

const marks: Record<Move, string> = { slower: "▲", faster: "▼" };
const modeLabels: Record<PairMode, string> = { default: "default mode", plugin: "plugin door" };

export interface PairFigure {
  label: string;
  n: number;
  mode: PairMode;
  defaultPair?: Measured;
  previousPair?: Measured;
  move?: Move;
}

/** Every command, size and mode measured on both pairs, in the order of the table. */
export function pairFigures(report: BenchReport): PairFigure[] {
  const previous = report.previousPair;
  if (!previous) return [];
  return operations.flatMap((op) =>
    report.sizes.flatMap((size) =>
      previousPairModes.map((mode) => {
        const defaultPair = maybeRunOf(size, mode, op.cli);
        const previousPair = previous.sizes.find((candidate) => candidate.n === size.n)?.cli[mode]?.runs[op.cli];
        const move = defaultPair && previousPair ? moveOf(defaultPair.wallMs, previousPair.wallMs) : undefined;
        return { label: op.label, n: size.n, mode, ...(defaultPair ? { defaultPair } : {}), ...(previousPair ? { previousPair } : {}), ...(move ? { move } : {}) };
      }),
    ),
  );
}

function figureCell(measured: Measured | undefined): string {
  if (!measured) return "—";
  return `${(measured.wallMs / 1000).toFixed(2)}${measured.ok ? "" : " (failed or found changes)"}`;
}

function ratioCell(figure: PairFigure): string {
  if (!figure.defaultPair || !figure.previousPair || figure.previousPair.wallMs <= 0) return "—";
  const ratio = `${(figure.defaultPair.wallMs / figure.previousPair.wallMs).toFixed(2)}×`;
  return figure.move ? `**${ratio} ${marks[figure.move]}**` : ratio;
}

/** One row per command and size; per mode, the default pair's figure, the previous pair's, and default ÷ previous (marked when it moved). */
export function pairComparisonTable(report: BenchReport): string {
  const figures = pairFigures(report);
  const rows = operations.flatMap((op) =>
    report.sizes.map((size) => {
      const cells = previousPairModes.flatMap((mode) => {
        const figure = figures.find((candidate) => candidate.label === op.label && candidate.n === size.n && candidate.mode === mode)!;
        return [figureCell(figure.defaultPair), figureCell(figure.previousPair), ratioCell(figure)];
      });
      return [op.label, String(size.n), ...cells];
    }),
  );
  const header = previousPairModes.flatMap((mode) => [`${modeLabels[mode]}, default pair (s)`, `${modeLabels[mode]}, previous pair (s)`, `${modeLabels[mode]}: default ÷ previous`]);
  return table(["command", "N", ...header], rows);
}

function pairText(pair: PairDescription): string {
  return `Node.js ${pair.node}, @pulumi/pulumi ${pair.sdk}, Pulumi CLI ${pair.cli}`;
}

/** The machine line naming both pairs, when the previous pair was measured. */
export function pairsLine(report: BenchReport): string[] {
  const previous = report.previousPair;
  if (!previous) return [];
  return [``, `Pairs: the default pair is ${pairText(previous.pairs.default)}; the previous pair, measured in the same run for the comparison below, is ${pairText(previous.pairs.previous)}.`];
}

/** The figures that moved by more than 10 %, one phrase each, for the line under the table. */
function movedLine(figures: PairFigure[]): string {
  const moved = figures.filter((figure) => figure.move);
  if (moved.length === 0) return `No figure moved by more than ${moveThreshold * 100} %.`;
  const shown = moved.map((figure) => `${figure.label}, N=${figure.n}, ${modeLabels[figure.mode]}: ${ratioCell(figure).replace(/\*\*/g, "")} (${figure.move})`);
  return `${moved.length} of ${figures.length} figures moved by more than ${moveThreshold * 100} %: ${shown.join("; ")}. docs/benchmarks.md explains those of the last quiet run.`;
}

/** The section "Default pair vs previous pair", or nothing when the run skipped it (--no-previous-pair). */
export function previousPairSection(report: BenchReport): string[] {
  const previous = report.previousPair;
  if (!previous) return [];
  return [
    `## Default pair vs previous pair`,
    ``,
    `The whole commands of the default mode and of the plugin door, for the same sizes, on the default pair (${pairText(previous.pairs.default)}) and on the previous pair (${pairText(previous.pairs.previous)}), against the same emulator in the same run; the previous pair runs each size right after the default pair. On the previous pair the project runs as its earlier users ran it: the root program and this provider package on @pulumi/pulumi ${previous.pairs.previous.sdk}, installed by npm on Node.js ${previous.pairs.previous.node}. The targets above are judged on the default pair only. ${marks.slower} the default pair took more than ${moveThreshold * 100} % longer than the previous pair, ${marks.faster} more than ${moveThreshold * 100} % less.`,
    ``,
    pairComparisonTable(report),
    ``,
    movedLine(pairFigures(report)),
    ``,
  ];
}
