/**
 * The real-CLI half of the benchmark for one N and one mode: in a fresh copy of the root Pulumi
 * project with N generated definitions and a local file backend, run up (creating N), a preview
 * with no change, a refresh, `stack export`, an update of one connector and a destroy, with the
 * emulator's counters and request log read around each command.
 *
 * Modes:
 *   - "default": the project as shipped. Its Pulumi.yaml names tsconfig.pulumi.json (`noCheck`),
 *     so ts-node only transpiles the program; the engine writes a checkpoint after every step.
 *   - "bulk": the same with PULUMI_SKIP_CHECKPOINTS=true for every command (one checkpoint at the
 *     end of each command), the opt-in the README describes for large estates.
 *   - "typecheck": default mode in a copy whose Pulumi.yaml has lost its `tsconfig:
 *     tsconfig.pulumi.json` line, so that ts-node compiles with tsconfig.json and type-checks the
 *     program on every run, as the project did before. That only changes the commands that run the
 *     program (up, preview, update), so only those are run in it.
 *   - "plugin": the project as shipped with `door: plugin` in the stack's config, so that the
 *     root program declares its connectors through the resource plugin pulumi-resource-scalekit
 *     (found through `plugins.providers` in Pulumi.yaml); a checkpoint after every step, as in the
 *     default mode.
 * Both switches a calling shell might export are unset unless the mode sets them:
 * PULUMI_NODEJS_TRANSPILE_ONLY=true would make the typecheck mode transpile-only (Pulumi reads it
 * before the tsconfig), and PULUMI_SKIP_CHECKPOINTS=true would make the default mode a bulk one.
 */
import * as fs from "fs";
import * as path from "path";
import { emulatorControl, type CallCounts } from "../../../scripts/lib/emulator-control";
import type { Activity, WatchedEmulator } from "../../../scripts/lib/emulators";
import { repoRoot } from "../../../scripts/lib/paths";
import { prepareProjectCopy } from "../../../scripts/lib/project-copy";
import { runPulumi, runPulumiOk, type PulumiCli, type PulumiSession } from "../../../scripts/lib/pulumi-process";
import { stateFootprint, type StateFootprint, type StateResource } from "./state-parts";

export type CliOperation = "up" | "preview" | "refresh" | "update" | "destroy";
export const cliOperations: CliOperation[] = ["up", "preview", "refresh", "update", "destroy"];

export type CliMode = "default" | "bulk" | "typecheck" | "plugin";
export const cliModes: CliMode[] = ["default", "bulk", "typecheck", "plugin"];

/** The resource type of a connector served by the resource plugin (the dynamic door's is Pulumi's dynamic resource). */
export const pluginConnectorType = "scalekit:index:CustomConnector";

/** The stack config a mode sets after `stack init`: the plugin mode chooses the root program's plugin door. */
export function modeConfig(mode: CliMode): [key: string, value: string][] {
  return mode === "plugin" ? [["door", "plugin"]] : [];
}

/** The environment of a mode: PULUMI_SKIP_CHECKPOINTS=true in bulk mode; otherwise, and PULUMI_NODEJS_TRANSPILE_ONLY always, undefined (not passed on from the calling shell). */
export function modeEnv(mode: CliMode): NodeJS.ProcessEnv {
  return { PULUMI_NODEJS_TRANSPILE_ONLY: undefined, PULUMI_SKIP_CHECKPOINTS: mode === "bulk" ? "true" : undefined };
}

/** The commands measured in a mode: refresh and destroy do not run the program, so type-checking it changes nothing for them. */
export function modeOperations(mode: CliMode): CliOperation[] {
  return mode === "typecheck" ? ["up", "preview", "update"] : cliOperations;
}

/** The line of the project's Pulumi.yaml (under runtime.options) that makes ts-node only transpile. */
const transpileOnlyTsconfigLine = /^[ \t]*tsconfig:[ \t]*["']?tsconfig\.pulumi\.json["']?[ \t]*(#.*)?(\r?\n|$)/m;

/**
 * A Pulumi.yaml without its `tsconfig: tsconfig.pulumi.json` line: Pulumi then hands ts-node the
 * project's tsconfig.json (no `noCheck`), and ts-node type-checks the program on every run.
 * Throws when the line is not there, since the type-checked variant would then measure nothing.
 */
export function withoutTranspileOnlyTsconfig(yaml: string): string {
  if (!transpileOnlyTsconfigLine.test(yaml)) {
    throw new Error("Pulumi.yaml no longer says `tsconfig: tsconfig.pulumi.json` under runtime.options; the bench's type-checked variant needs updating");
  }
  return yaml.replace(transpileOnlyTsconfigLine, "");
}

/** Makes a project copy type-check its program on every run, as the project did before tsconfig.pulumi.json. */
export function typeCheckEveryRun(projectDir: string): void {
  const project = path.join(projectDir, "Pulumi.yaml");
  fs.writeFileSync(project, withoutTranspileOnlyTsconfig(fs.readFileSync(project, "utf8")));
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
  /** The commands of modeOperations(mode). */
  runs: Partial<Record<CliOperation, Measured>>;
  /** All the commands of this N and mode, setup included. */
  totalMs: number;
  state: StateFootprint;
  /** The serialized provider, for the provider-level runs ("" in plugin mode). */
  providerString: string;
}

export interface CliBenchContext {
  workDir: string;
  /** The emulator, its API requests recorded. */
  emulator: WatchedEmulator;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
  /** Another runtime pair than the default to run the commands on (tools/bench/lib/previous-pair.ts). */
  pair?: BenchPair;
}

/** A runtime pair other than the repository's default: its CLI, the environment it starts from, and the node_modules its project copies link to. */
export interface BenchPair {
  /** Short name, in folder names and progress lines ("previous"). */
  name: string;
  cli: PulumiCli;
  baseEnv: NodeJS.ProcessEnv;
  nodeModulesDir: string;
}

/** The connector resources of a `pulumi stack export`: the dynamic door's (they carry a serialized provider) and the plugin's (by type). */
export function connectorResources(exported: { deployment: { resources?: StateResource[] } }): StateResource[] {
  return (exported.deployment.resources ?? []).filter((resource) => resource.type === pluginConnectorType || typeof resource.inputs?.__provider === "string");
}

/** Throws unless the stack holds `n` connectors, all served by the door the mode measures. */
export function assertDoor(resources: StateResource[], n: number, mode: CliMode): void {
  const plugin = resources.filter((resource) => resource.type === pluginConnectorType).length;
  const expected = mode === "plugin" ? { plugin: n, dynamic: 0 } : { plugin: 0, dynamic: n };
  const dynamic = resources.length - plugin;
  if (plugin !== expected.plugin || dynamic !== expected.dynamic) {
    throw new Error(
      `${mode} mode, N=${n}: the stack holds ${plugin} connectors of the resource plugin and ${dynamic} of the dynamic provider, ` +
        `${expected.plugin} and ${expected.dynamic} expected; the bench would measure the wrong door (check the root program's door config and Pulumi.yaml's plugins.providers)`,
    );
  }
}

export async function runCliBench(context: CliBenchContext, n: number, definitionsDir: string, mode: CliMode = "default"): Promise<CliSizeResult> {
  const started = performance.now();
  const tag = context.pair ? `${mode}-${context.pair.name}` : mode;
  const projectDir = path.join(context.workDir, `cli-${n}-${tag}`);
  const backendDir = path.join(context.workDir, `cli-${n}-${tag}-backend`);
  fs.rmSync(projectDir, { recursive: true, force: true });
  fs.rmSync(backendDir, { recursive: true, force: true });
  fs.mkdirSync(backendDir, { recursive: true });
  if (context.pair) {
    // Linked before the copy is laid out, so that the copy keeps this node_modules instead of the repository's.
    fs.mkdirSync(projectDir, { recursive: true });
    fs.symlinkSync(context.pair.nodeModulesDir, path.join(projectDir, "node_modules"), "dir");
  }
  prepareProjectCopy(projectDir, { connectorsFrom: definitionsDir });
  if (mode === "typecheck") typeCheckEveryRun(projectDir);
  const session: PulumiSession = {
    cwd: projectDir,
    backendDir,
    passphrase: "bench-local-only",
    env: { ...context.env, ...modeEnv(mode) },
    ...(context.pair ? { cli: context.pair.cli, baseEnv: context.pair.baseEnv } : {}),
  };
  const url = context.emulator.url;

  await runPulumiOk(session, ["stack", "init", "dev"]);
  for (const [key, value] of modeConfig(mode)) await runPulumiOk(session, ["config", "set", key, value, "--stack", "dev"]);

  const measure = async (operation: CliOperation, args: string[], allowFailure = false): Promise<Measured> => {
    await emulatorControl.clearCounters(url);
    context.emulator.requests.clear();
    const commandStarted = performance.now();
    const result = await runPulumi(session, [...args, "--stack", "dev"]);
    const wallMs = performance.now() - commandStarted;
    if (result.code !== 0 && !allowFailure) {
      throw new Error(`pulumi ${args.join(" ")} (N=${n}, ${tag} mode) exited with ${result.code}:\n${result.output.slice(-4000)}`);
    }
    const measured = { calls: await emulatorControl.counters(url), wallMs, activity: context.emulator.requests.activity(), ok: result.code === 0 };
    context.log(`  cli N=${n} ${tag} ${operation}: ${(wallMs / 1000).toFixed(1)} s, ${measured.calls.total} API calls`);
    return measured;
  };

  const measuring = modeOperations(mode);
  const runs: Partial<Record<CliOperation, Measured>> = {};
  runs.up = await measure("up", ["up", "--yes", "--skip-preview"]);
  runs.preview = await measure("preview", ["preview", "--expect-no-changes"], true);
  if (measuring.includes("refresh")) runs.refresh = await measure("refresh", ["refresh", "--yes", "--skip-preview"]);

  const exported = await runPulumiOk(session, ["stack", "export", "--stack", "dev"]);
  const resources = connectorResources(JSON.parse(exported.stdout));
  assertDoor(resources, n, mode);
  const toRoot = path.relative(projectDir, repoRoot).split(path.sep).join("/");
  const state = stateFootprint(exported.stdout, resources, toRoot === "" ? "" : `${toRoot}/`);

  // Update one connector: a new description in its definition file.
  const files = fs.readdirSync(path.join(projectDir, "connectors")).filter((file) => file.endsWith(".json")).sort();
  const first = path.join(projectDir, "connectors", files[0]!);
  const payload = JSON.parse(fs.readFileSync(first, "utf8")) as Record<string, unknown>;
  fs.writeFileSync(first, JSON.stringify({ ...payload, description: `${String(payload.description)} (updated)` }, null, 2));
  runs.update = await measure("update", ["up", "--yes", "--skip-preview"]);

  // Without a destroy the connectors stay in the emulator, which the caller resets before the next mode.
  if (measuring.includes("destroy")) runs.destroy = await measure("destroy", ["destroy", "--yes", "--skip-preview"]);
  fs.rmSync(projectDir, { recursive: true, force: true });
  fs.rmSync(backendDir, { recursive: true, force: true });

  return {
    n,
    mode,
    runs,
    totalMs: performance.now() - started,
    state,
    providerString: String(resources[0]?.inputs.__provider ?? ""),
  };
}
