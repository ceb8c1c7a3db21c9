/**
 * What `npm run migrate` guarantees besides moving the connectors, through the real CLI against
 * the emulator, in a clone with an `origin` and `adoptExisting: true` committed (the setting with
 * which a run from the wrong door adopts the connectors and then deletes them):
 *   - it refuses while Pulumi.dev.yaml is not tracked by git, changing nothing;
 *   - another run that changes the state between the migration's export and its write (before
 *     `pulumi stack import`, before `pulumi import`, before putting the backup back) stops it
 *     without touching the state;
 *   - a failing step (a connector the plugin cannot import; writing the door config, the failure
 *     injected) leaves the state exactly as it was;
 *   - the backup and every file it writes are its owner's only (0600);
 *   - after the move, a run from a checkout still on `door: dynamic` deletes nothing in Scalekit;
 *   - after step 1, a run from a checkout that already says `door: plugin` deletes nothing either.
 */
import * as fs from "fs";
import * as path from "path";
import { DYNAMIC_CONNECTOR_TYPE, PLUGIN_CONNECTOR_TYPE } from "../../../scripts/lib/connector-state";
import { credentialsEnv } from "../../../scripts/lib/credentials";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { writeGeneratedDefinitions } from "../../../scripts/lib/generated-definitions";
import { runPulumi, runPulumiOk, type PulumiRunResult } from "../../../scripts/lib/pulumi-process";
import { migrateToPlugin, type PulumiRunner } from "../../../scripts/migrate/migrate";
import type { ExportedStack, StateResource } from "../../../scripts/migrate/plan";
import { initProjectRepository, type ProjectRepository } from "../../support/git-remote";
import { runTool, type ToolRun } from "../../support/run-tool";
import { openWorkProject, shellEnv, type WorkProject } from "../../support/work-project";

jest.setTimeout(300_000);

let emulator: WatchedEmulator;
let project: WorkProject;
let repository: ProjectRepository;
let names: string[];
let identifiersBefore: Map<string, string>;
let workDir: string;

async function pulumiOk(args: string[]): Promise<PulumiRunResult> {
  return runPulumiOk(project.session, args);
}

async function exported(): Promise<ExportedStack> {
  return JSON.parse((await pulumiOk(["stack", "export", "--stack", "dev"])).stdout) as ExportedStack;
}

async function connectorRecords(): Promise<StateResource[]> {
  return ((await exported()).deployment.resources ?? []).filter((resource) => resource.type.endsWith("CustomConnector"));
}

async function held(): Promise<Map<string, string>> {
  return new Map((await emulatorControl.connectors(emulator.url)).map((provider) => [provider.display_name, provider.identifier]));
}

function writesIn(records: readonly { method: string; path: string }[]): string[] {
  return records.filter((record) => record.method !== "GET" && record.path.startsWith("/api/v1/custom-providers")).map((record) => `${record.method} ${record.path}`);
}

function migrate(): Promise<ToolRun> {
  return runTool("migrate", ["--stack", "dev", "--project", project.dir, "--work-dir", workDir], { ...shellEnv(project.session), ...credentialsEnv(emulator.credentials) });
}

/**
 * The migration run in this process with the real CLI, and `concurrently` run by another
 * "user" as soon as the migration's command number `after` (counting from 1) has finished.
 */
function runnerWithConcurrentRun(after: (args: readonly string[], index: number) => boolean, concurrently: () => Promise<unknown>): { run: PulumiRunner; commands: string[][] } {
  const commands: string[][] = [];
  let done = false;
  const run: PulumiRunner = async (args) => {
    commands.push([...args]);
    const result = await runPulumi(project.session, [...args]);
    if (!done && after(args, commands.length)) {
      done = true;
      await concurrently();
    }
    return result;
  };
  return { run, commands };
}

const writesState = (command: readonly string[]): boolean => command[0] === "import" || (command[0] === "stack" && command[1] === "import") || command[0] === "config";

beforeAll(async () => {
  emulator = await startWatchedEmulator();
  project = await openWorkProject({ label: "migration-safety", credentials: emulator.credentials, definitions: {}, stacks: ["dev"] });
  names = writeGeneratedDefinitions(path.join(project.dir, "connectors"), 3, { prefix: "kept", label: "Kept Connector" }).names;
  workDir = path.join(project.tmp, "migrate-work");
  await pulumiOk(["config", "set", "adoptExisting", "true", "--stack", "dev"]);
  repository = initProjectRepository(project.dir, path.join(project.tmp, "origin.git"));
});

afterAll(async () => {
  await emulator?.close();
  project?.cleanup();
});

test("the dynamic provider creates 3 connectors", async () => {
  await pulumiOk(["up", "--stack", "dev", "--skip-preview", "--yes"]);
  identifiersBefore = await held();
  expect(identifiersBefore.size).toBe(3);
});

test("it refuses while Pulumi.dev.yaml is not tracked by git, and changes nothing", async () => {
  const before = await exported();
  repository.git(["rm", "-q", "--cached", "Pulumi.dev.yaml"]);
  try {
    const refused = await migrate();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Pulumi.dev.yaml is not tracked by git, so other runs (CI, colleagues) do not read it");
    expect(refused.stderr).toContain("Nothing was changed.");
  } finally {
    repository.git(["reset", "-q", "HEAD", "--", "Pulumi.dev.yaml"]);
  }
  expect(await exported()).toEqual(before);
  expect(fs.existsSync(workDir)).toBe(false);
});

test("a run that changes the state after the migration's export stops step 1 before its write", async () => {
  let afterOtherRun: ExportedStack | undefined;
  const { run, commands } = runnerWithConcurrentRun(
    (args) => args[0] === "stack" && args[1] === "export",
    async () => {
      const file = path.join(project.dir, "connectors", `${names[0]}.json`);
      const payload = JSON.parse(fs.readFileSync(file, "utf8"));
      payload.description = "Changed by another run";
      fs.writeFileSync(file, JSON.stringify(payload, null, 2));
      await pulumiOk(["up", "--stack", "dev", "--skip-preview", "--yes"]);
      afterOtherRun = await exported();
    },
  );
  const failure = migrateToPlugin(run, { stack: "dev", projectDir: project.dir, workDir });
  await expect(failure).rejects.toThrow(/the state changed while the migration was working \(changed: [^)]*\), so it stopped before marking the dynamic records retained/);
  await expect(failure).rejects.toThrow(`CustomConnector::${names[0]}`);
  await expect(failure).rejects.toThrow("The migration wrote nothing to the state");
  expect(commands.filter(writesState)).toEqual([]);
  expect(await exported()).toEqual(afterOtherRun);
  repository.commitAll("kept-1: description");
  repository.push();
});

test("a step that fails after the state was written (writing door: plugin) puts the state back as it was", async () => {
  const before = await exported();
  const run: PulumiRunner = async (args) =>
    args[0] === "config" ? { code: 1, signal: null, stdout: "", stderr: "", output: "error: injected: cannot write Pulumi.dev.yaml" } : runPulumi(project.session, [...args]);
  const failure = migrateToPlugin(run, { stack: "dev", projectDir: project.dir, workDir });
  await expect(failure).rejects.toThrow(/writing door: plugin into Pulumi.dev.yaml failed/);
  await expect(failure).rejects.toThrow(/The stack's state is (back )?as it was.*; nothing was written to Scalekit\./);
  expect(await exported()).toEqual(before);
});

test("step 1 marks the dynamic records retained; the backup and every file written are the owner's only", async () => {
  const prepared = await migrate();
  repository.commitAll("dev: door plugin");
  repository.push();
  expect({ code: prepared.code, stderr: prepared.stderr }).toEqual({ code: 0, stderr: "" });
  expect((await connectorRecords()).map((resource) => [resource.type, resource.retainOnDelete])).toEqual(Array(3).fill([DYNAMIC_CONNECTOR_TYPE, true]));
  const backup = prepared.stdout.match(/The state before this step: (\S+)/)?.[1];
  expect(backup).toBeDefined();
  expect(fs.statSync(backup!).mode & 0o777).toBe(0o600);
  expect(fs.statSync(workDir).mode & 0o777).toBe(0o700);
  const files = fs.readdirSync(workDir);
  expect(files.length).toBeGreaterThanOrEqual(2);
  expect(files.map((file) => [file, fs.statSync(path.join(workDir, file)).mode & 0o777])).toEqual(files.map((file) => [file, 0o600]));
});

test("a run that changes the state before step 2's pulumi import stops it with nothing imported", async () => {
  const firstUrn = (await connectorRecords())[0]!.urn;
  let afterOtherRun: ExportedStack | undefined;
  const { run, commands } = runnerWithConcurrentRun(
    (args) => args[0] === "stack" && args[1] === "export",
    async () => {
      await pulumiOk(["state", "protect", firstUrn, "--stack", "dev", "--yes"]);
      afterOtherRun = await exported();
    },
  );
  await expect(migrateToPlugin(run, { stack: "dev", projectDir: project.dir, workDir })).rejects.toThrow(/so it stopped before importing 3 connector\(s\) into the plugin/);
  expect(commands.filter(writesState)).toEqual([]);
  expect(await exported()).toEqual(afterOtherRun);
  await pulumiOk(["state", "unprotect", firstUrn, "--stack", "dev", "--yes"]);
});

test("a run that changes the state while step 2 works keeps its change: the backup is not put back over it", async () => {
  const records = await connectorRecords();
  const { run, commands } = runnerWithConcurrentRun(
    (args) => args[0] === "import",
    () => pulumiOk(["state", "protect", records[2]!.urn, "--stack", "dev", "--yes"]),
  );
  const failure = migrateToPlugin(run, { stack: "dev", projectDir: project.dir, workDir });
  await expect(failure).rejects.toThrow(`changed: ${records[2]!.urn}`);
  await expect(failure).rejects.toThrow("The state was not put back, because another run changed it too");
  expect(commands.filter((command) => command[0] === "stack" && command[1] === "import")).toEqual([]);
  const now = await connectorRecords();
  expect(now.find((resource) => resource.urn === records[2]!.urn)?.protect).toBe(true);
  expect(now.filter((resource) => resource.type === PLUGIN_CONNECTOR_TYPE)).toHaveLength(3);
  // What the message says to do, once the other run is done: put the backup back.
  const backup = fs.readdirSync(workDir).filter((file) => file.includes("-before-plugin-")).sort().at(-1)!;
  await pulumiOk(["stack", "import", "--stack", "dev", "--file", path.join(workDir, backup)]);
  expect(await connectorRecords()).toEqual(records);
});

test("a step that fails leaves the state exactly as it was", async () => {
  // A record of a connector Scalekit no longer has: the plugin cannot import it.
  const state = await exported();
  const template = state.deployment.resources!.find((resource) => resource.type === DYNAMIC_CONNECTOR_TYPE)!;
  const vanished = { ...template, urn: template.urn.replace(/::[^:]+$/, "::vanished"), id: "prov_vanished_0000" };
  fs.writeFileSync(path.join(project.tmp, "with-vanished.json"), JSON.stringify({ ...state, deployment: { ...state.deployment, resources: [...state.deployment.resources!, vanished] } }));
  await pulumiOk(["stack", "import", "--stack", "dev", "--file", path.join(project.tmp, "with-vanished.json")]);
  const before = await exported();
  emulator.requests.clear();
  const failed = await migrate();
  expect(failed.code).toBe(1);
  expect(failed.stderr).toContain("importing 4 connector(s) into the plugin failed");
  expect(failed.stderr).toContain("The stack's state is back as it was; nothing was written to Scalekit.");
  expect(await exported()).toEqual(before);
  expect(writesIn(emulator.requests.entries)).toEqual([]);
  await pulumiOk(["state", "delete", vanished.urn, "--stack", "dev", "--yes"]);
});

test("step 2 moves the stack; the plugin's records are retained", async () => {
  emulator.requests.clear();
  const moved = await migrate();
  expect({ code: moved.code, stderr: moved.stderr }).toEqual({ code: 0, stderr: "" });
  expect(moved.stdout).toContain("3 connector(s) imported into the plugin");
  expect((await connectorRecords()).map((resource) => [resource.type, resource.retainOnDelete])).toEqual(Array(3).fill([PLUGIN_CONNECTOR_TYPE, true]));
  expect(writesIn(emulator.requests.entries)).toEqual([]);
});

test("after the move, a run from a checkout still on door: dynamic deletes nothing in Scalekit", async () => {
  await pulumiOk(["config", "set", "door", "dynamic", "--stack", "dev"]);
  emulator.requests.clear();
  await pulumiOk(["up", "--stack", "dev", "--skip-preview", "--yes"]);
  expect(writesIn(emulator.requests.entries).filter((write) => write.startsWith("DELETE"))).toEqual([]);
  expect(await held()).toEqual(identifiersBefore);
  const records = await connectorRecords();
  expect(records.map((resource) => resource.type)).toEqual(Array(3).fill(DYNAMIC_CONNECTOR_TYPE));
  expect(new Set(records.map((resource) => resource.id))).toEqual(new Set(identifiersBefore.values()));
});

test("after step 1, a run from a checkout that already says door: plugin deletes nothing in Scalekit", async () => {
  // The stack is back on the dynamic door (the run above); the team starts the move again.
  repository.commitAll("dev: door dynamic again");
  repository.push();
  const prepared = await migrate();
  expect({ code: prepared.code, stderr: prepared.stderr }).toEqual({ code: 0, stderr: "" });
  expect(prepared.stdout).toContain("step 1 of 2 done: 3 dynamic record(s) marked retained");
  emulator.requests.clear();
  await pulumiOk(["up", "--stack", "dev", "--skip-preview", "--yes"]);
  expect(writesIn(emulator.requests.entries).filter((write) => write.startsWith("DELETE"))).toEqual([]);
  expect(await held()).toEqual(identifiersBefore);
  const records = await connectorRecords();
  expect(records.map((resource) => resource.type)).toEqual(Array(3).fill(PLUGIN_CONNECTOR_TYPE));
  expect(new Set(records.map((resource) => resource.id))).toEqual(new Set(identifiersBefore.values()));
});
