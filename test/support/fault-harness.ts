/**
 * The fault suites' project and checks: a working copy of the root program with N generated
 * definitions and stack `dev` (test/support/work-project.ts), and the comparison of the stack's
 * state with what the emulator holds.
 */
import * as fs from "fs";
import * as path from "path";
import type { RunningEmulator } from "scalekit-emulator";
import { emulatorControl } from "../../scripts/lib/emulator-control";
import { writeGeneratedDefinitions } from "../../scripts/lib/generated-definitions";
import { runPulumiOk, type PulumiSession } from "../../scripts/lib/pulumi-process";
import { openWorkProject, type WorkProject } from "./work-project";

export interface Project extends WorkProject {
  /** Display names of the definitions, in file order. */
  displayNames: string[];
}

export interface ProjectOptions {
  /**
   * Use a plain `file://` backend URL, as `pulumi login file://...` gives, whose storage layer
   * writes an `.attrs` sidecar next to each checkpoint (the project's sessions skip them).
   */
  sidecars?: boolean;
  /** Extra environment for every command of the project (e.g. PULUMI_SKIP_CHECKPOINTS for bulk mode). */
  env?: NodeJS.ProcessEnv;
}

/** A working copy of the root project with N generated definitions and stack `dev` created. */
export async function newProject(emulator: RunningEmulator, n: number, label: string, options: ProjectOptions = {}): Promise<Project> {
  const project = await openWorkProject({ label: `faults-${label}`, definitions: {}, credentials: emulator.credentials, passphrase: "faults-local-only", env: options.env });
  if (options.sidecars) project.session.env = { ...project.session.env, PULUMI_BACKEND_URL: `file://${project.session.backendDir}` };
  const definitions = writeGeneratedDefinitions(path.join(project.dir, "connectors"), n, { prefix: label });
  await runPulumiOk(project.session, ["stack", "init", "dev"]);
  const displayNames = definitions.names.map(
    (name) => (JSON.parse(fs.readFileSync(path.join(definitions.dir, `${name}.json`), "utf8")) as { display_name: string }).display_name,
  );
  return { ...project, displayNames };
}

export interface StateView {
  /** The id of each connector resource in the state. */
  ids: string[];
  pendingOperations: { type: string; urn: string }[];
}

interface Exported {
  deployment: {
    resources?: { id: string; inputs?: Record<string, unknown> }[];
    pending_operations?: { type: string; resource: { urn: string } }[];
  };
}

export async function readState(session: PulumiSession): Promise<StateView> {
  const exported = JSON.parse((await runPulumiOk(session, ["stack", "export", "--stack", "dev"])).stdout) as Exported;
  const connectors = (exported.deployment.resources ?? []).filter((r) => typeof r.inputs?.__provider === "string");
  return {
    ids: connectors.map((r) => r.id),
    pendingOperations: (exported.deployment.pending_operations ?? []).map((op) => ({ type: op.type, urn: op.resource.urn })),
  };
}

export interface Comparison {
  stateIds: string[];
  emulatorIds: string[];
  duplicatesInState: string[];
  inEmulatorOnly: string[];
  inStateOnly: string[];
  pendingOperations: number;
}

/** State against emulator: what the assertions look at, in one object so a failure shows all of it. */
export async function compareStateWithEmulator(session: PulumiSession, emulatorUrl: string): Promise<Comparison> {
  const state = await readState(session);
  const emulatorIds = (await emulatorControl.connectors(emulatorUrl)).map((p) => p.identifier).sort();
  const stateIds = [...state.ids].sort();
  const seen = new Set<string>();
  const duplicatesInState = stateIds.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
  return {
    stateIds,
    emulatorIds,
    duplicatesInState,
    inEmulatorOnly: emulatorIds.filter((id) => !state.ids.includes(id)),
    inStateOnly: stateIds.filter((id) => !emulatorIds.includes(id)),
    pendingOperations: state.pendingOperations.length,
  };
}

/**
 * The stack and the emulator agree exactly: every definition is one connector, the state holds
 * each of them once and nothing else, and no operation is pending.
 */
export async function expectStateMatchesEmulator(project: Project, emulatorUrl: string, n: number): Promise<void> {
  const comparison = await compareStateWithEmulator(project.session, emulatorUrl);
  expect(comparison.stateIds).toHaveLength(n);
  expect(comparison).toEqual({
    stateIds: comparison.emulatorIds,
    emulatorIds: comparison.stateIds,
    duplicatesInState: [],
    inEmulatorOnly: [],
    inStateOnly: [],
    pendingOperations: 0,
  });
  // Each definition became exactly one connector: no name twice (a server may accept a taken name).
  const displayNames = (await emulatorControl.connectors(emulatorUrl)).map((p) => p.display_name).sort();
  expect(displayNames).toEqual([...project.displayNames].sort());
}
