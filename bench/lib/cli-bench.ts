/**
 * The real-CLI half of the benchmark for one N: in a fresh copy of the root Pulumi project with
 * N generated definitions and a local file backend, run up (creating N), a preview with no
 * change, a refresh, `stack export`, an update of one connector and a destroy, with the
 * emulator's counters and request timeline read around each command.
 */
import * as fs from "fs";
import * as path from "path";
import { prepareProjectCopy } from "../../scripts/lib/project-copy";
import { runPulumi, runPulumiOk, type PulumiSession } from "../../scripts/lib/pulumi-process";
import { emulatorControl, type CallCounts } from "./emulator-control";
import type { Activity, RequestTimeline } from "./timeline";

export type CliOperation = "up" | "preview" | "refresh" | "update" | "destroy";

export interface Measured {
  calls: CallCounts;
  wallMs: number;
  activity: Activity;
  /** Exit code 0 (for the preview: no change expected and none found). */
  ok: boolean;
}

export interface StateFootprint {
  exportBytes: number;
  connectors: number;
  /** Mean size of one connector's resource entry in the export (compact JSON). */
  bytesPerConnector: number;
  /** Size of the `__provider` string. */
  providerBytes: number;
  /** How many times one connector's entry holds that string (inputs, outputs). */
  providerCopiesPerConnector: number;
}

export interface StateResource {
  urn: string;
  id: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

export interface CliSizeResult {
  n: number;
  runs: Record<CliOperation, Measured>;
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

function footprint(exportText: string, resources: StateResource[]): StateFootprint {
  const providerString = String(resources[0]?.inputs.__provider ?? "");
  const sizes = resources.map((resource) => Buffer.byteLength(JSON.stringify(resource)));
  const copies = resources[0]
    ? [resources[0].inputs.__provider, resources[0].outputs.__provider].filter((value) => value === providerString).length
    : 0;
  return {
    exportBytes: Buffer.byteLength(exportText),
    connectors: resources.length,
    bytesPerConnector: sizes.length ? Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length) : 0,
    providerBytes: Buffer.byteLength(providerString),
    providerCopiesPerConnector: copies,
  };
}

export async function runCliBench(context: CliBenchContext, n: number, definitionsDir: string): Promise<CliSizeResult> {
  const projectDir = path.join(context.workDir, `cli-${n}`);
  const backendDir = path.join(context.workDir, `cli-${n}-backend`);
  fs.rmSync(projectDir, { recursive: true, force: true });
  fs.rmSync(backendDir, { recursive: true, force: true });
  fs.mkdirSync(backendDir, { recursive: true });
  prepareProjectCopy(projectDir, { connectorsFrom: definitionsDir });
  const session: PulumiSession = { cwd: projectDir, backendDir, passphrase: "bench-local-only", env: context.env };
  const url = context.emulator.url;

  await runPulumiOk(session, ["stack", "init", "dev"]);

  const measure = async (operation: CliOperation, args: string[], allowFailure = false): Promise<Measured> => {
    await emulatorControl.clearCounters(url);
    context.timeline.clear();
    const started = performance.now();
    const result = await runPulumi(session, [...args, "--stack", "dev"]);
    const wallMs = performance.now() - started;
    if (result.code !== 0 && !allowFailure) {
      throw new Error(`pulumi ${args.join(" ")} (N=${n}) exited with ${result.code}:\n${result.output.slice(-4000)}`);
    }
    const measured = { calls: await emulatorControl.counters(url), wallMs, activity: context.timeline.activity(), ok: result.code === 0 };
    context.log(`  cli N=${n} ${operation}: ${(wallMs / 1000).toFixed(1)} s, ${measured.calls.total} API calls`);
    return measured;
  };

  const up = await measure("up", ["up", "--yes", "--skip-preview"]);
  const preview = await measure("preview", ["preview", "--expect-no-changes"], true);
  const refresh = await measure("refresh", ["refresh", "--yes", "--skip-preview"]);

  const exported = await runPulumiOk(session, ["stack", "export", "--stack", "dev"]);
  const resources = connectorResources(JSON.parse(exported.stdout));
  const state = footprint(exported.stdout, resources);

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
    runs: { up, preview, refresh, update, destroy },
    state,
    providerString: String(resources[0]?.inputs.__provider ?? ""),
  };
}
