/**
 * Shared pieces of the fault suites: an in-process emulator whose requests the test can watch,
 * a working copy of the root Pulumi project with N generated definitions and its own file
 * backend, and the comparison of the stack's state with what the emulator holds.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "scalekit-emulator";
import { writeDefinitions } from "../../bench/lib/definitions";
import { emulatorControl } from "../../bench/lib/emulator-control";
import { credentialsEnv } from "../../scripts/lib/credentials";
import { prepareProjectCopy } from "../../scripts/lib/project-copy";
import { runPulumiOk, type PulumiSession } from "../../scripts/lib/pulumi-process";

export interface RequestSeen {
  method: string;
  path: string;
  /** HTTP status, or "dropped". */
  outcome: string;
  at: number;
}

export interface WatchedEmulator {
  emulator: RunningEmulator;
  requests: RequestSeen[];
  /** Called after each API request is answered (or dropped). */
  onRequest?: (request: RequestSeen) => void;
  /** Resolves once no API request has been answered for `quietMs`. */
  quiet(quietMs: number): Promise<void>;
}

/** An emulator on a free port, with its requests watched; `modes` picks its answers to what Scalekit leaves undocumented. */
export async function startWatchedEmulator(seed: number, modes: Pick<EmulatorOptions, "identifierStyle" | "duplicateNames" | "deleteInUse"> = {}): Promise<WatchedEmulator> {
  const watched: Partial<WatchedEmulator> & { requests: RequestSeen[] } = { requests: [] };
  const emulator = await startEmulator({
    port: 0,
    seed,
    ...modes,
    log: (line) => {
      const match = /^(\S+) (\S+) (\S+) \d+ms$/.exec(line);
      if (!match || match[2]!.startsWith("/_emulator/")) return;
      const request = { method: match[1]!, path: match[2]!, outcome: match[3]!, at: Date.now() };
      watched.requests.push(request);
      watched.onRequest?.(request);
    },
  });
  watched.emulator = emulator;
  watched.quiet = async (quietMs) => {
    const started = Date.now();
    for (;;) {
      const last = Math.max(started, ...watched.requests.slice(-1).map((r) => r.at));
      if (Date.now() - last >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return watched as WatchedEmulator;
}

export interface Project {
  session: PulumiSession;
  dir: string;
  /** Display names of the definitions, in file order. */
  displayNames: string[];
  cleanup(): void;
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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `faults-${label}-`));
  const definitions = writeDefinitions(path.join(dir, "definitions"), n, { prefix: label });
  const projectDir = prepareProjectCopy(path.join(dir, "project"), { connectorsFrom: definitions.dir });
  const backendDir = path.join(dir, "backend");
  fs.mkdirSync(backendDir);
  const session: PulumiSession = {
    cwd: projectDir,
    backendDir,
    passphrase: "faults-local-only",
    env: {
      ...credentialsEnv(emulator.credentials),
      PULUMI_HOME: path.join(dir, "pulumi-home"),
      ...(options.sidecars ? { PULUMI_BACKEND_URL: `file://${backendDir}` } : {}),
      ...options.env,
    },
  };
  await runPulumiOk(session, ["stack", "init", "dev"]);
  const displayNames = definitions.names.map(
    (name) => (JSON.parse(fs.readFileSync(path.join(definitions.dir, `${name}.json`), "utf8")) as { display_name: string }).display_name,
  );
  return { session, dir, displayNames, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
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
