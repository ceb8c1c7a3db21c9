/**
 * What the report says about Pulumi's floor (floor.ts): its columns in the whole-command table,
 * each door's ratio to it, the targets of issue 27 and the note under the table.
 */
import type { CliMode, CliOperation } from "./cli-bench";
import { floorOperations, type FloorOperation, type FloorResult } from "./floor";
import type { FloorDoor } from "./floor/programs";
import type { BenchReport, SizeResult, TargetVerdict } from "./report";

const seconds = (ms: number): string => (ms / 1000).toFixed(2);

/** The door of the connector's commands that each floor stands under. */
export const floorOfMode: Record<FloorDoor, CliMode> = { dynamic: "default", plugin: "plugin" };

export const floorHeaders = ["dynamic floor (s)", "plugin floor (s)", "default ÷ dynamic floor", "plugin ÷ plugin floor"];

function isFloorOperation(op: CliOperation): op is FloorOperation {
  return (floorOperations as readonly CliOperation[]).includes(op);
}

/** The floor's wall time of a command at this size, if measured. */
export function floorMs(size: SizeResult & { floor?: FloorResult }, door: FloorDoor, op: CliOperation): number | undefined {
  return size.floor && isFloorOperation(op) ? size.floor[door][op].wallMs : undefined;
}

/** The connector's wall time of a command in a mode, if measured. */
function oursMs(size: SizeResult, mode: CliMode, op: CliOperation): number | undefined {
  return size.cli[mode]?.runs[op]?.wallMs;
}

const times = (ours: number | undefined, floor: number | undefined): string => (ours === undefined || floor === undefined || floor === 0 ? "—" : `${(ours / floor).toFixed(2)}×`);

/** The floor's cells of one row of the whole-command table, in the order of floorHeaders. */
export function floorCells(size: SizeResult, op: CliOperation): string[] {
  const dynamic = floorMs(size, "dynamic", op);
  const plugin = floorMs(size, "plugin", op);
  return [
    dynamic === undefined ? "—" : seconds(dynamic),
    plugin === undefined ? "—" : seconds(plugin),
    times(oursMs(size, "default", op), dynamic),
    times(oursMs(size, "plugin", op), plugin),
  ];
}

/** Said under the whole-command table when the run measured the floor. */
export function floorNote(report: BenchReport): string {
  const starts = report.sizes.filter((size) => size.floor).map((size) => `${seconds(size.floor!.pluginStartMs)} s (N=${size.n})`);
  if (starts.length === 0) return "";
  return (
    `Pulumi's floor: the same CLI, file backend, runtime (this Pulumi.yaml and tsconfig.pulumi.json) and engine parallelism, running a program that registers N resources of a provider that does nothing ` +
    `(answers check, diff, create, read and update at once, with the connector's arguments from the same generated definitions and outputs of the same shape: the declaration and the identifiers), ` +
    `a checkpoint after every step as in default mode. Dynamic floor: a dynamic provider whose serialized shim loads the do-nothing provider on its first call, as the connector's shim loads its runtime. ` +
    `Plugin floor: a resource plugin \`pulumi-resource-floor\` (gRPC on the definitions @pulumi/pulumi ships, found through \`plugins.providers\`), which takes ${starts.join(", ")} to start alone until it prints its port. ` +
    `Destroy is not measured at the floor ("—").`
  );
}

// ---- targets (issue 27) ---------------------------------------------------------------------

/** The plugin door's no-change preview of 10 against the empty program. */
export const pluginPreviewEmptyTarget = 1.3;
/** The dynamic door's no-change preview of 10 against the dynamic floor at 10. */
export const dynamicPreviewFloorTarget = 1.1;
/** The no-change preview and the update of one, at `largeFloorN`, against the floor in each door. */
export const largeFloorTarget = 1.15;
export const largeFloorN = 500;

const doorLabel: Record<FloorDoor, string> = { dynamic: "dynamic door", plugin: "plugin door" };

function pluginPreviewVerdict(report: BenchReport): TargetVerdict {
  const label = `no-change preview of 10, plugin door: ≤ ${pluginPreviewEmptyTarget.toFixed(2)}× the empty program's (same runtime, the project as shipped)`;
  const fixed = report.fixedCost;
  if (!fixed) return { label, measured: "not measured (--no-fixed-cost)" };
  const plugin = fixed.cells.plugin.shipped.medianMs;
  const empty = fixed.cells.empty.shipped.medianMs;
  const value = plugin / empty;
  const measured = `${seconds(plugin)} s against ${seconds(empty)} s: ${value.toFixed(2)}×`;
  if (value <= pluginPreviewEmptyTarget) return { label, met: true, measured };
  const reasons = [`${seconds(plugin - pluginPreviewEmptyTarget * empty)} s over`];
  const ten = report.sizes.find((size) => size.n === 10);
  const floor = ten ? floorMs(ten, "plugin", "preview") : undefined;
  if (floor !== undefined) {
    reasons.push(
      `the plugin floor's no-change preview of 10 (this run's N=10, one run) took ${seconds(floor)} s, ${(floor / empty).toFixed(2)}× the empty program: ` +
        `${seconds(Math.max(0, floor - empty))} s of the ${seconds(plugin - empty)} s above the empty program are Pulumi's own for 10 resources through a plugin`,
    );
    reasons.push(`the floor plugin starts in ${seconds(ten!.floor!.pluginStartMs)} s${fixed.pluginStartMs === undefined ? "" : `, the connector plugin in ${seconds(fixed.pluginStartMs)} s`}`);
  }
  return { label, met: false, measured, why: reasons.join("; ") };
}

/** `ours` against `max` × `floor`, with what the same run says beside it when missed. */
function againstFloor(label: string, ours: number, floor: number, max: number, context: string[]): TargetVerdict {
  const value = ours / floor;
  const measured = `${seconds(ours)} s against ${seconds(floor)} s: ${value.toFixed(2)}×`;
  if (value <= max) return { label, met: true, measured };
  return { label, met: false, measured, why: [`${seconds(ours - max * floor)} s over (${(value - max).toFixed(2)}× too much); ${seconds(ours - floor)} s above the floor`, ...context].join("; ") };
}

function dynamicPreviewVerdict(report: BenchReport): TargetVerdict {
  const label = `no-change preview of 10, dynamic door: ≤ the dynamic floor's + ${Math.round((dynamicPreviewFloorTarget - 1) * 100)} %`;
  const size = report.sizes.find((candidate) => candidate.n === 10);
  const floor = size ? floorMs(size, "dynamic", "preview") : undefined;
  const ours = size ? oursMs(size, "default", "preview") : undefined;
  if (!size || floor === undefined || ours === undefined) return { label, measured: "N=10 not in this run" };
  return againstFloor(label, ours, floor, dynamicPreviewFloorTarget, aboveFloorContext(size, "dynamic", "preview"));
}

/** The other commands of the same door and size above their floor: where the excess is shared (the program runs in preview and update, not in refresh). */
function aboveFloorContext(size: SizeResult, door: FloorDoor, op: CliOperation): string[] {
  const mode = floorOfMode[door];
  const others = (["preview", "update", "refresh"] as const)
    .filter((other) => other !== op)
    .map((other) => ({ other, ours: oursMs(size, mode, other), floor: floorMs(size, door, other) }))
    .filter((entry): entry is { other: "preview" | "update" | "refresh"; ours: number; floor: number } => entry.ours !== undefined && entry.floor !== undefined)
    .map(({ other, ours, floor }) => `${other === "preview" ? "the no-change preview" : other === "update" ? "the update of one" : "the refresh (no program)"} ${seconds(ours - floor)} s above its floor`);
  return others.length === 0 ? [] : [`in the same door and N: ${others.join(", ")}`];
}

function largeVerdicts(report: BenchReport): TargetVerdict[] {
  const size = report.sizes.find((candidate) => candidate.n === largeFloorN);
  const ops = [
    { op: "preview", what: `no-change preview of ${largeFloorN}` },
    { op: "update", what: `update of one connector among ${largeFloorN}` },
  ] as const;
  return ops.flatMap(({ op, what }) =>
    (["dynamic", "plugin"] as const).map((door) => {
      const label = `${what}, ${doorLabel[door]}: ≤ ${largeFloorTarget.toFixed(2)}× Pulumi's ${door} floor at ${largeFloorN}`;
      const floor = size ? floorMs(size, door, op) : undefined;
      const ours = size ? oursMs(size, floorOfMode[door], op) : undefined;
      if (!size || floor === undefined || ours === undefined) return { label, measured: `N=${largeFloorN} ${size ? "floor or door not measured" : "not in this run"}` };
      return againstFloor(label, ours, floor, largeFloorTarget, aboveFloorContext(size, door, op));
    }),
  );
}

/** Issue 27's targets, in the order the issue gives them. */
export function floorTargetVerdicts(report: BenchReport): TargetVerdict[] {
  return [pluginPreviewVerdict(report), dynamicPreviewVerdict(report), ...largeVerdicts(report)];
}
