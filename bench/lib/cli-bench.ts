/**
 * The real-CLI half of the benchmark for one N and one mode: in a fresh copy of the root Pulumi
 * project with N generated definitions and a local file backend, run up (creating N), a preview
 * with no change, a refresh, `stack export`, an update of one connector and a destroy, with the
 * emulator's counters and request timeline read around each command.
 *
 * Modes: "default" is Pulumi as it comes (a checkpoint written after every step); "bulk" sets
 * PULUMI_SKIP_CHECKPOINTS=true for every command (one checkpoint at the end of each command), the
 * opt-in the README describes for large estates.
 */
import * as fs from "fs";
import * as path from "path";
import { prepareProjectCopy } from "../../scripts/lib/project-copy";
import { runPulumi, runPulumiOk, type PulumiSession } from "../../scripts/lib/pulumi-process";
import { emulatorControl, type CallCounts } from "./emulator-control";
import { stateFootprint, type StateFootprint, type StateResource } from "./state-parts";
import type { Activity, RequestTimeline } from "./timeline";

export type CliOperation = "up" | "preview" | "refresh" | "update" | "destroy";
export const cliOperations: CliOperation[] = ["up", "preview", "refresh", "update", "destroy"];

export type CliMode = "default" | "bulk";
export const cliModes: CliMode[] = ["default", "bulk"];

/** The environment of a mode: bulk mode is Pulumi's own switch that skips intermediate checkpoints. */
export function modeEnv(mode: CliMode): NodeJS.ProcessEnv {
  return mode === "bulk" ? { PULUMI_SKIP_CHECKPOINTS: "true" } : {};
}

export interface Measured {
  calls: CallCounts;
  wallMs: number;
  activity: Activity;
  /** Exit code 0 (for the preview: no change expected and none found). */
  ok: boolean;
}

export interface CliSizeResult {
  n: number;
  mode: CliMode;
  runs: Record<CliOperation, Measured>;
  /** All the commands of this N and mode, setup included. */
  totalMs: number;
  state: StateFootprint;
  /** The serialized provider, for the provider-level runs. */
  providerString: string;
}

export interface CliBenchContext {
  workDir: string;
  emulator: { url: string };
  timeline: RequestTimeline;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

/** The connector resources of a `pulumi stack export`: those that carry a serialized provider. */
export function connectorResources(exported: { deployment: { resources?: StateResource[] } }): StateResource[] {
  return (exported.deployment.resources ?? []).filter((resource) => typeof resource.inputs?.__provider === "string");
}

export async function runCliBench(context: CliBenchContext, n: number, definitionsDir: string, mode: CliMode = "default"): Promise<CliSizeResult> {
  const started = performance.now();
  const projectDir = path.join(context.workDir, `cli-${n}-${mode}`);
  const backendDir = path.join(context.workDir, `cli-${n}-${mode}-backend`);
  fs.rmSync(projectDir, { recursive: true, force: true });
  fs.rmSync(backendDir, { recursive: true, force: true });
  fs.mkdirSync(backendDir, { recursive: true });
  prepareProjectCopy(projectDir, { connectorsFrom: definitionsDir });
  const session: PulumiSession = { cwd: projectDir, backendDir, passphrase: "bench-local-only", env: { ...context.env, ...modeEnv(mode) } };
  const url = context.emulator.url;

  await runPulumiOk(session, ["stack", "init", "dev"]);

  const measure = async (operation: CliOperation, args: string[], allowFailure = false): Promise<Measured> => {
    await emulatorControl.clearCounters(url);
    context.timeline.clear();
    const commandStarted = performance.now();
    const result = await runPulumi(session, [...args, "--stack", "dev"]);
    const wallMs = performance.now() - commandStarted;
    if (result.code !== 0 && !allowFailure) {
      throw new Error(`pulumi ${args.join(" ")} (N=${n}, ${mode} mode) exited with ${result.code}:\n${result.output.slice(-4000)}`);
    }
    const measured = { calls: await emulatorControl.counters(url), wallMs, activity: context.timeline.activity(), ok: result.code === 0 };
    context.log(`  cli N=${n} ${mode} ${operation}: ${(wallMs / 1000).toFixed(1)} s, ${measured.calls.total} API calls`);
    return measured;
  };

  const up = await measure("up", ["up", "--yes", "--skip-preview"]);
  const preview = await measure("preview", ["preview", "--expect-no-changes"], true);
  const refresh = await measure("refresh", ["refresh", "--yes", "--skip-preview"]);

  const exported = await runPulumiOk(session, ["stack", "export", "--stack", "dev"]);
  const resources = connectorResources(JSON.parse(exported.stdout));
  const state = stateFootprint(exported.stdout, resources);

  // Update one connector: a new description in its definition file.
  const files = fs.readdirSync(path.join(projectDir, "connectors")).filter((file) => file.endsWith(".json")).sort();
  const first = path.join(projectDir, "connectors", files[0]!);
  const payload = JSON.parse(fs.readFileSync(first, "utf8")) as Record<string, unknown>;
  fs.writeFileSync(first, JSON.stringify({ ...payload, description: `${String(payload.description)} (updated)` }, null, 2));
  const update = await measure("update", ["up", "--yes", "--skip-preview"]);

  const destroy = await measure("destroy", ["destroy", "--yes", "--skip-preview"]);
  fs.rmSync(projectDir, { recursive: true, force: true });
  fs.rmSync(backendDir, { recursive: true, force: true });

  return {
    n,
    mode,
    runs: { up, preview, refresh, update, destroy },
    totalMs: performance.now() - started,
    state,
    providerString: String(resources[0]?.inputs.__provider ?? ""),
  };
}
