/**
 * Moving a stack of 20 connectors from the dynamic provider to the resource plugin with
 * `npm run migrate`, through the real CLI against the emulator, in a clone with an `origin`:
 * step 1 marks the dynamic records retained and writes `door: plugin`; step 2 is refused until
 * that change is committed and pushed, then moves the stack. No write reaches Scalekit while it
 * runs (no POST, PUT or DELETE; so no moment without a connector), each connector keeps its
 * identifier, the state afterwards holds only the plugin's records, the root program declares
 * them through the plugin with no change, and the next edit is an in-place update by the plugin.
 */
import * as fs from "fs";
import * as path from "path";
import { DYNAMIC_CONNECTOR_TYPE, PLUGIN_CONNECTOR_TYPE, resourceNameOf } from "../../../scripts/lib/connector-state";
import { startWatchedEmulator, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { writeGeneratedDefinitions } from "../../../scripts/lib/generated-definitions";
import { runPulumi, runPulumiOk, type PulumiRunResult } from "../../../scripts/lib/pulumi-process";
import { credentialsEnv } from "../../../scripts/lib/credentials";
import { runTool, type ToolRun } from "../../support/run-tool";
import { initProjectRepository, type ProjectRepository } from "../../support/git-remote";
import { openWorkProject, shellEnv, type WorkProject } from "../../support/work-project";

jest.setTimeout(300_000);

const connectorCount = 20;
let emulator: WatchedEmulator;
let project: WorkProject;
let names: string[];
/** Display name → identifier, as the emulator held them after the dynamic up. */
let identifiersBefore: Map<string, string>;
let migration: ToolRun;
let repository: ProjectRepository;

async function pulumiOk(args: string[]): Promise<PulumiRunResult> {
  return runPulumiOk(project.session, args);
}

async function held(): Promise<Map<string, string>> {
  return new Map((await emulatorControl.connectors(emulator.url)).map((provider) => [provider.display_name, provider.identifier]));
}

function migrate(): Promise<ToolRun> {
  return runTool("migrate", ["--stack", "dev", "--project", project.dir], { ...shellEnv(project.session), ...credentialsEnv(emulator.credentials) });
}

async function stateResources(): Promise<{ urn: string; type: string; id?: string; retainOnDelete?: boolean; inputs?: Record<string, unknown> }[]> {
  return JSON.parse((await pulumiOk(["stack", "export", "--stack", "dev"])).stdout).deployment.resources ?? [];
}

function writesIn(records: readonly { method: string; path: string }[]): string[] {
  return records.filter((record) => record.method !== "GET" && record.path.startsWith("/api/v1/custom-providers")).map((record) => `${record.method} ${record.path}`);
}

beforeAll(async () => {
  emulator = await startWatchedEmulator();
  project = await openWorkProject({ label: "door-migration", credentials: emulator.credentials, definitions: {}, stacks: ["dev"] });
  names = writeGeneratedDefinitions(path.join(project.dir, "connectors"), connectorCount, { prefix: "moved", label: "Moved Connector" }).names;
  repository = initProjectRepository(project.dir, path.join(project.tmp, "origin.git"));
});

afterAll(async () => {
  await emulator?.close();
  project?.cleanup();
});

test(`the dynamic provider creates ${connectorCount} connectors`, async () => {
  await pulumiOk(["up", "--stack", "dev", "--skip-preview", "--yes"]);
  identifiersBefore = await held();
  expect(identifiersBefore.size).toBe(connectorCount);
  const types = (await stateResources()).filter((resource) => resource.type.endsWith("CustomConnector")).map((resource) => resource.type);
  expect(types).toEqual(Array(connectorCount).fill(DYNAMIC_CONNECTOR_TYPE));
});

test("step 1 marks the dynamic records retained and writes door: plugin, with no write to Scalekit", async () => {
  emulator.requests.clear();
  const prepared = await migrate();
  expect({ code: prepared.code, stderr: prepared.stderr }).toEqual({ code: 0, stderr: "" });
  expect(prepared.stdout).toContain(`step 1 of 2 done: ${connectorCount} dynamic record(s) marked retained`);
  expect(prepared.stdout).toContain("commit Pulumi.dev.yaml and push it to origin/main");
  const connectors = (await stateResources()).filter((resource) => resource.type === DYNAMIC_CONNECTOR_TYPE);
  expect(connectors.map((resource) => resource.retainOnDelete)).toEqual(Array(connectorCount).fill(true));
  expect((await pulumiOk(["config", "get", "door", "--stack", "dev"])).stdout.trim()).toBe("plugin");
  expect(writesIn(emulator.requests.entries)).toEqual([]);
});

test("step 2 is refused until the door change is committed and pushed; the state stays as it was", async () => {
  const before = await stateResources();
  const uncommitted = await migrate();
  expect(uncommitted.code).toBe(1);
  expect(uncommitted.stderr).toContain("Pulumi.dev.yaml has changes that are not committed");
  repository.commitAll("dev: door plugin");
  const unpushed = await migrate();
  expect(unpushed.code).toBe(1);
  expect(unpushed.stderr).toContain("origin/main does not have the commit that sets door: plugin in Pulumi.dev.yaml");
  expect(await stateResources()).toEqual(before);
});

test("npm run migrate moves them to the plugin with no write to Scalekit once the change is pushed", async () => {
  repository.push();
  emulator.requests.clear();
  migration = await migrate();
  expect({ code: migration.code, stderr: migration.stderr }).toEqual({ code: 0, stderr: "" });
  expect(migration.stdout).toContain(`${connectorCount} connector(s) imported into the plugin`);
  expect(migration.stdout).toContain("pulumi preview --expect-no-changes: no change");
  // The plugin read each connector (GET), nothing else.
  expect(writesIn(emulator.requests.entries)).toEqual([]);
  expect(emulator.requests.entries.length).toBeGreaterThan(0);
  expect(await held()).toEqual(identifiersBefore);
});

test("the state holds only the plugin's records, by the same identifiers, and the backup holds the dynamic ones", async () => {
  const connectors = (await stateResources()).filter((resource) => resource.type.endsWith("CustomConnector"));
  expect(connectors.map((resource) => resource.type)).toEqual(Array(connectorCount).fill(PLUGIN_CONNECTOR_TYPE));
  expect(connectors.map((resource) => resourceNameOf(resource.urn)).sort()).toEqual([...names].sort());
  expect(new Set(connectors.map((resource) => resource.id))).toEqual(new Set(identifiersBefore.values()));
  expect(connectors.map((resource) => resource.retainOnDelete)).toEqual(Array(connectorCount).fill(true));
  expect((await stateResources()).some((resource) => resource.type === "pulumi:providers:pulumi-nodejs")).toBe(false);
  const backup = migration.stdout.match(/The state before the move: (\S+)/)?.[1];
  expect(backup).toBeDefined();
  const saved = JSON.parse(fs.readFileSync(backup!, "utf8")).deployment.resources as { type: string }[];
  expect(saved.filter((resource) => resource.type === DYNAMIC_CONNECTOR_TYPE)).toHaveLength(connectorCount);
});

test("the stack's door is now plugin, and a preview of the unchanged program shows no change", async () => {
  expect((await pulumiOk(["config", "get", "door", "--stack", "dev"])).stdout.trim()).toBe("plugin");
  emulator.requests.clear();
  await pulumiOk(["preview", "--stack", "dev", "--expect-no-changes"]);
  expect(writesIn(emulator.requests.entries)).toEqual([]);
});

test("an edit is one in-place update through the plugin, under the same identifier", async () => {
  const file = path.join(project.dir, "connectors", `${names[3]}.json`);
  const payload = JSON.parse(fs.readFileSync(file, "utf8"));
  payload.description = "Edited after the move";
  fs.writeFileSync(file, JSON.stringify(payload, null, 2));
  emulator.requests.clear();
  await pulumiOk(["up", "--stack", "dev", "--skip-preview", "--yes"]);
  const identifier = identifiersBefore.get(payload.display_name)!;
  expect(writesIn(emulator.requests.entries)).toEqual([`PUT /api/v1/custom-providers/${identifier}`]);
  expect(await held()).toEqual(identifiersBefore);
});

test("migrating again finds nothing to move and changes nothing", async () => {
  emulator.requests.clear();
  const again = await migrate();
  expect(again.code).toBe(0);
  expect(again.stdout).toContain("0 connector(s) imported");
  expect(writesIn(emulator.requests.entries)).toEqual([]);
  const result = await runPulumi(project.session, ["preview", "--stack", "dev", "--expect-no-changes"]);
  expect(result.code).toBe(0);
});
