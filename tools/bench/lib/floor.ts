/**
 * Pulumi's floor at one N: the same CLI, file backend, runtime (the project's Pulumi.yaml and
 * tsconfig.pulumi.json) and engine parallelism as the connector's whole commands, running a
 * program that registers N resources of a provider that does nothing (floor/noop-provider.ts),
 * with the connector's arguments from the same generated definitions, once through a dynamic
 * provider and once through a resource plugin. The commands are those of cli-bench.ts but the
 * destroy: up creating N, a preview with no change, a refresh and an update of one resource (the
 * first definition's description changed, as there).
 */
import * as fs from "fs";
import * as path from "path";
import { runPulumi, runPulumiOk, type PulumiSession } from "../../../scripts/lib/pulumi-process";
import { modeEnv, type CliOperation } from "./cli-bench";
import { median, timePluginStart } from "./fixed-cost";
import { floorDoors, prepareFloorProject, writeFloorLib, type FloorDoor, type FloorLib } from "./floor/programs";

/** The commands measured at the floor. */
export const floorOperations = ["up", "preview", "refresh", "update"] as const satisfies readonly CliOperation[];
export type FloorOperation = (typeof floorOperations)[number];

export interface FloorMeasured {
  wallMs: number;
}

export interface FloorResult {
  dynamic: Record<FloorOperation, FloorMeasured>;
  plugin: Record<FloorOperation, FloorMeasured>;
  /** The floor plugin's executable started alone until it prints its port (median of 3). */
  pluginStartMs: number;
}

export interface FloorContext {
  workDir: string;
  /** The environment of the connector's commands (PULUMI_HOME among it). */
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

/** The floor's modules, once per run. */
let lib: FloorLib | undefined;
function floorLib(workDir: string): FloorLib {
  if (!lib || !fs.existsSync(lib.pluginExecutable)) lib = writeFloorLib(path.join(workDir, "floor-lib"));
  return lib;
}

/** The first definition with a new description: the update of one connector. */
export function editFirstDefinition(connectorsDir: string): void {
  const files = fs.readdirSync(connectorsDir).filter((file) => file.endsWith(".json")).sort();
  const first = path.join(connectorsDir, files[0]!);
  const payload = JSON.parse(fs.readFileSync(first, "utf8")) as Record<string, unknown>;
  fs.writeFileSync(first, JSON.stringify({ ...payload, description: `${String(payload.description)} (updated)` }, null, 2));
}

async function measureDoor(context: FloorContext, n: number, definitionsDir: string, door: FloorDoor): Promise<Record<FloorOperation, FloorMeasured>> {
  const projectDir = path.join(context.workDir, `floor-${n}-${door}`);
  const backendDir = path.join(context.workDir, `floor-${n}-${door}-backend`);
  fs.rmSync(projectDir, { recursive: true, force: true });
  fs.rmSync(backendDir, { recursive: true, force: true });
  fs.mkdirSync(backendDir, { recursive: true });
  prepareFloorProject(projectDir, door, floorLib(context.workDir), definitionsDir);
  // The default mode's environment: a checkpoint after every step, the program transpiled only.
  const session: PulumiSession = { cwd: projectDir, backendDir, passphrase: "bench-local-only", env: { ...context.env, ...modeEnv("default") } };
  await runPulumiOk(session, ["stack", "init", "dev"]);
  const measure = async (operation: FloorOperation, args: string[]): Promise<FloorMeasured> => {
    const started = performance.now();
    const result = await runPulumi(session, [...args, "--stack", "dev"]);
    const wallMs = performance.now() - started;
    if (result.code !== 0) throw new Error(`floor, ${door} door: pulumi ${args.join(" ")} (N=${n}) exited with ${result.code}:\n${result.output.slice(-4000)}`);
    context.log(`  floor N=${n} ${door} ${operation}: ${(wallMs / 1000).toFixed(1)} s`);
    return { wallMs };
  };
  const up = await measure("up", ["up", "--yes", "--skip-preview"]);
  const preview = await measure("preview", ["preview", "--expect-no-changes"]);
  const refresh = await measure("refresh", ["refresh", "--yes", "--skip-preview"]);
  editFirstDefinition(path.join(projectDir, "connectors"));
  const update = await measure("update", ["up", "--yes", "--skip-preview"]);
  fs.rmSync(projectDir, { recursive: true, force: true });
  fs.rmSync(backendDir, { recursive: true, force: true });
  return { up, preview, refresh, update };
}

export async function measureFloor(context: FloorContext, n: number, definitionsDir: string): Promise<FloorResult> {
  const result = {} as Record<FloorDoor, Record<FloorOperation, FloorMeasured>>;
  for (const door of floorDoors) result[door] = await measureDoor(context, n, definitionsDir, door);
  const starts: number[] = [];
  for (let run = 0; run < 3; run += 1) starts.push(await timePluginStart(floorLib(context.workDir).pluginExecutable));
  return { ...result, pluginStartMs: median(starts) };
}
