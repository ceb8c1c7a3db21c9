/**
 * The Dev and Production workflow with the real Pulumi CLI: the root program on two emulators,
 * a local file backend, and every step a team takes (up, preview, refresh, drift, adoption, bad
 * input, destroy, a killed up) checked against what Scalekit (the emulator) then holds.
 *
 * Neither emulator plays the default answers to what Scalekit leaves undocumented: Dev chooses
 * opaque identifiers, accepts a taken name and refuses an in-use delete with 400; Production
 * chooses suffixed identifiers (`ACMECRM:48213`). Nothing here knows an identifier in advance:
 * connectors are found by display name, as the provider finds them.
 */
import * as fs from "fs";
import * as path from "path";
import { credentialsEnv } from "../../../scripts/lib/credentials";
import { startEmulators, type Emulators } from "../../../scripts/lib/emulators";
import { connectorsDir } from "../../../scripts/lib/paths";
import { runPulumi, runPulumiOk, type PulumiSession } from "../../../scripts/lib/pulumi-process";
import { EmulatorClient } from "../../support/emulator-api";
import { openWorkProject, setStackCredentials, type WorkProject } from "../../support/work-project";

jest.setTimeout(240_000);

const definitionNames = fs.readdirSync(connectorsDir).filter((f) => f.endsWith(".json")).map((f) => f.slice(0, -5)).sort();

let dev: EmulatorClient;
let production: EmulatorClient;
let emulators: Emulators<"dev" | "production">;
let project: WorkProject;
let workDir: string;
let session: PulumiSession;
const transcript: string[] = [];

async function pulumi(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = await runPulumi(session, args, { env });
  transcript.push(result.output);
  return result;
}

async function pulumiOk(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = await runPulumiOk(session, args, { env });
  transcript.push(result.output);
  return result;
}

const devEnv = () => credentialsEnv(dev.emulator.credentials);

async function customConnectors(client: EmulatorClient): Promise<Record<string, any>[]> {
  const answer = await client.control("GET", "connectors");
  return answer.body.providers;
}

/** The one connector of this display name the emulator holds (fails when there is not exactly one). */
async function connectorNamed(client: EmulatorClient, displayName: string): Promise<Record<string, any>> {
  const found = (await customConnectors(client)).filter((c) => c.display_name === displayName);
  expect(found.map((c) => c.display_name)).toEqual([displayName]);
  return found[0]!;
}

/** The connector the stack's state names `name` (the definition file's base name). */
async function resourceNamed(stack: string, name: string): Promise<any> {
  return connectorResources(await stackState(stack)).find((r) => r.urn.endsWith(`::${name}`));
}

async function writes(client: EmulatorClient): Promise<number> {
  const routes = (await client.control("GET", "counters")).body.routes as Record<string, number>;
  return (routes["POST /api/v1/custom-providers"] ?? 0) + (routes["PUT /api/v1/custom-providers/{identifier}"] ?? 0) + (routes["DELETE /api/v1/custom-providers/{identifier}"] ?? 0);
}

function editDefinition(name: string, edit: (payload: any) => void): void {
  const file = path.join(workDir, "connectors", `${name}.json`);
  const payload = JSON.parse(fs.readFileSync(file, "utf8"));
  edit(payload);
  fs.writeFileSync(file, JSON.stringify(payload, null, 2));
}

async function stackState(stack: string): Promise<any> {
  const exported = await pulumiOk(["stack", "export", "--stack", stack], devEnv());
  return JSON.parse(exported.stdout);
}

function connectorResources(state: any): any[] {
  return (state.deployment.resources ?? []).filter((r: any) => r.type.endsWith("CustomConnector"));
}

beforeAll(async () => {
  emulators = await startEmulators({
    dev: { identifierStyle: "opaque", duplicateNames: "accept", deleteInUse: "failed-precondition" },
    production: { clientSecret: "production-secret-for-e2e-only-0123456789", identifierStyle: "suffixed", duplicateNames: "conflict", deleteInUse: "permission-denied" },
  });
  dev = new EmulatorClient(emulators.dev);
  production = new EmulatorClient(emulators.production);
  project = await openWorkProject({ label: "scalekit-e2e", passphrase: "e2e-passphrase" });
  ({ dir: workDir, session } = project);
  await pulumiOk(["stack", "init", "dev"]);
  await pulumiOk(["stack", "init", "production"]);
  // Production takes its credentials from stack config, the secret encrypted; dev from the environment.
  for (const result of await setStackCredentials(session, "production", emulators.production.credentials)) transcript.push(result.output);
});

/**
 * A SIGKILL of pulumi leaves its language host and provider host running (they finish their
 * calls, as after a real crash). They run in the project folder: end them by that.
 */
function endProcessesIn(folder: string): void {
  for (const entry of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      if (fs.readlinkSync(`/proc/${entry}/cwd`).startsWith(folder)) process.kill(Number(entry), "SIGKILL");
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
}

afterAll(async () => {
  if (project) endProcessesIn(project.tmp);
  await emulators?.close();
  project?.cleanup();
});

test("up on dev creates every connector and exports file name -> identifier", async () => {
  await pulumiOk(["up", "--yes", "--stack", "dev"], devEnv());
  const stored = await customConnectors(dev);
  expect(stored).toHaveLength(definitionNames.length);
  const outputs = JSON.parse((await pulumiOk(["stack", "output", "connectors", "--json", "--stack", "dev"], devEnv())).stdout);
  expect(Object.keys(outputs).sort()).toEqual(definitionNames);
  expect(Object.values(outputs).sort()).toEqual(stored.map((c) => c.identifier).sort());
});

test("preview on production shows the creates and writes nothing", async () => {
  const preview = await pulumiOk(["preview", "--stack", "production"]);
  for (const name of definitionNames) expect(preview.output).toMatch(new RegExp(`\\+\\s+pulumi-nodejs:dynamic/scalekit:CustomConnector\\s+${name}\\s+create`));
  expect(preview.output).toMatch(new RegExp(`${definitionNames.length + 1} to create`));
  expect(await customConnectors(production)).toHaveLength(0);
});

test("up on production creates the same definitions, protected", async () => {
  await pulumiOk(["up", "--yes", "--stack", "production"]);
  const devStored = await customConnectors(dev);
  const prodStored = await customConnectors(production);
  const strip = (c: any) => ({ display_name: c.display_name, auth_patterns: c.auth_patterns, proxy_url: c.proxy_url });
  const byName = (a: { display_name: string }, b: { display_name: string }) => a.display_name.localeCompare(b.display_name);
  expect(prodStored.map(strip).sort(byName)).toEqual(devStored.map(strip).sort(byName));
  // Each environment chose its own identifiers.
  expect(prodStored.every((c) => /^[A-Z0-9]+:\d+$/.test(c.identifier))).toBe(true);
  expect(devStored.every((c) => /^prov_[0-9a-f]+$/.test(c.identifier))).toBe(true);
  expect(connectorResources(await stackState("production")).every((r) => r.protect === true)).toBe(true);
});

test("a changed definition previews as an update of that connector alone, then applies", async () => {
  editDefinition("ledgerly", (p) => {
    p.description = "Post journal entries, read balances and export trial balances";
  });
  const ledgerlyId = (await resourceNamed("dev", "ledgerly")).id;
  const preview = await pulumiOk(["preview", "--diff", "--stack", "dev"], devEnv());
  expect(preview.output).toMatch(new RegExp(`~ pulumi-nodejs:dynamic/scalekit:CustomConnector: \\(update\\)\\s+\\[id=${ledgerlyId}\\]`));
  // In the words of the definition file: the payload's own property, no bookkeeping.
  expect(preview.output).toMatch(/~ scalekitPayload: \{/);
  expect(preview.output).not.toMatch(/desired|declaredAs|adopt\s*:/);
  expect(preview.output).toMatch(/description\s*:\s*"Post journal entries and read balances in Ledgerly accounting" => "Post journal entries, read balances and export trial balances"/);
  expect(preview.output).toMatch(/1 to update/);
  expect(preview.output.match(/CustomConnector: \(update\)/g)).toHaveLength(1);
  await pulumiOk(["up", "--yes", "--stack", "dev"], devEnv());
  const ledgerly = await connectorNamed(dev, "Ledgerly");
  expect(ledgerly.identifier).toBe(ledgerlyId);
  expect(ledgerly.description).toBe("Post journal entries, read balances and export trial balances");
  const again = await pulumiOk(["preview", "--expect-no-changes", "--stack", "dev"], devEnv());
  expect(again.code).toBe(0);
});

test("a change made behind Pulumi's back shows at refresh and the next up restores the definition", async () => {
  const before = await connectorNamed(dev, "Forecastly Weather");
  const changed = await dev.update(before.identifier, { ...before, proxy_url: "https://api.forecastly.io/v3", metadata: {} });
  expect(changed.status).toBe(200);
  const refresh = await pulumiOk(["refresh", "--yes", "--stack", "dev"], devEnv());
  expect(refresh.output).toMatch(/~\s+pulumi-nodejs:dynamic\/scalekit:CustomConnector\s+forecastly\s+(update|updated)/);
  const preview = await pulumiOk(["preview", "--diff", "--stack", "dev"], devEnv());
  expect(preview.output).toMatch(/proxy_url\s*:\s*"https:\/\/api.forecastly.io\/v3" => "https:\/\/api.forecastly.io\/v2"/);
  await pulumiOk(["up", "--yes", "--stack", "dev"], devEnv());
  const after = await connectorNamed(dev, "Forecastly Weather");
  expect(after.proxy_url).toBe("https://api.forecastly.io/v2");
});

test("a connector deleted behind Pulumi's back is dropped by refresh and recreated by up", async () => {
  const gone = await connectorNamed(dev, "Pager Relay MCP");
  expect((await dev.remove(gone.identifier)).status).toBe(200);
  await pulumiOk(["refresh", "--yes", "--stack", "dev"], devEnv());
  expect(await resourceNamed("dev", "pager-relay-mcp")).toBeUndefined();
  await pulumiOk(["up", "--yes", "--stack", "dev"], devEnv());
  const recreated = await connectorNamed(dev, "Pager Relay MCP");
  expect(recreated.identifier).not.toBe(gone.identifier);
  expect((await resourceNamed("dev", "pager-relay-mcp")).id).toBe(recreated.identifier);
});

test("an existing connector is refused without adoption, adopted unchanged when identical, updated when it differs", async () => {
  const payloadOf = (name: string) => JSON.parse(fs.readFileSync(path.join(workDir, "connectors", `${name}.json`), "utf8"));
  // Two connectors created straight through the API, before Pulumi knows them.
  fs.writeFileSync(path.join(workDir, "connectors", "billing-hub.json"), JSON.stringify({ ...payloadOf("forecastly"), display_name: "Billing Hub" }));
  expect((await dev.create({ ...payloadOf("forecastly"), display_name: "Billing Hub" })).status).toBe(201);

  const refused = await pulumi(["up", "--yes", "--stack", "dev"], devEnv());
  expect(refused.code).not.toBe(0);
  expect(refused.output).toMatch(/A connector named "Billing Hub" already exists/);
  expect(refused.output).toMatch(/adoptExisting true/);
  // The server would have accepted a second "Billing Hub": the provider refused before asking.
  const billingHub = await connectorNamed(dev, "Billing Hub");

  const writesBefore = await writes(dev);
  await pulumiOk(["up", "--yes", "--stack", "dev", "--config", "adoptExisting=true"], devEnv());
  expect(await writes(dev)).toBe(writesBefore); // identical: taken over without a write
  expect((await resourceNamed("dev", "billing-hub")).id).toBe(billingHub.identifier);
  const noDiff = await pulumiOk(["preview", "--expect-no-changes", "--stack", "dev"], devEnv());
  expect(noDiff.code).toBe(0);

  // A differing declaration of an existing connector: adoption applies just the differences.
  fs.writeFileSync(path.join(workDir, "connectors", "ticket-desk.json"), JSON.stringify({ ...payloadOf("statuspage-pro"), display_name: "Ticket Desk", description: "Declared" }));
  expect((await dev.create({ ...payloadOf("statuspage-pro"), display_name: "Ticket Desk", description: "Created by hand" })).status).toBe(201);
  await pulumiOk(["up", "--yes", "--stack", "dev"], devEnv());
  const ticketDesk = await connectorNamed(dev, "Ticket Desk");
  expect(ticketDesk.description).toBe("Declared");
  expect(ticketDesk.proxy_url).toBe(payloadOf("statuspage-pro").proxy_url);
  await pulumiOk(["config", "rm", "adoptExisting", "--stack", "dev"]);
});

test("an invalid definition fails preview naming the file, the property and the rule, with no write", async () => {
  const file = path.join(workDir, "connectors", "broken.json");
  fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(path.join(workDir, "connectors", "acme-crm.json"), "utf8")), display_name: "Broken", proxy_url: "http://api.broken.example" }));
  const writesBefore = await writes(dev);
  const preview = await pulumi(["preview", "--stack", "dev"], devEnv());
  expect(preview.code).not.toBe(0);
  expect(preview.output).toContain("connectors/broken.json: proxy_url: must start with https://");
  expect(await writes(dev)).toBe(writesBefore);
  fs.rmSync(file);
});

/** The connector the in-use tests hold on to. */
let inUse: { identifier: string; displayName: string };

test("destroy while a connector is in use fails clearly and keeps it in state", async () => {
  const acme = await connectorNamed(dev, "Acme CRM");
  inUse = { identifier: acme.identifier, displayName: acme.display_name };
  expect((await dev.control("PUT", `connectors/${encodeURIComponent(inUse.identifier)}/usage`, { connections: 2, connectedAccounts: 5 })).status).toBe(200);
  const refusedClearly = (output: string) => {
    expect(output).toContain(`Scalekit refused to delete connector "Acme CRM" (identifier ${inUse.identifier}) (400 FailedPrecondition: "`);
    expect(output).toMatch(/connections or connected accounts are still attached to it; remove them in the Scalekit dashboard first/);
    expect(output).toMatch(/The connector stays in the Pulumi stack until it is deleted/);
  };
  // The engine stops starting queued deletes once one fails, so which others a failing destroy
  // removes depends on timing. What holds whatever the timing: it fails clearly, the connector in
  // use stays, and the state and Scalekit agree.
  const destroy = await pulumi(["destroy", "--yes", "--stack", "dev"], devEnv());
  expect(destroy.code).not.toBe(0);
  refusedClearly(destroy.output);
  let inState = connectorResources(await stackState("dev"));
  expect(inState.map((r) => r.id)).toContain(inUse.identifier);
  expect(inState.map((r) => r.id).sort()).toEqual((await customConnectors(dev)).map((c) => c.identifier).sort());
  // The others go with a targeted destroy; then the connector in use alone is refused again.
  const others = inState.filter((r) => r.id !== inUse.identifier).map((r) => r.urn);
  if (others.length > 0) await pulumiOk(["destroy", "--yes", "--stack", "dev", ...others.flatMap((urn) => ["--target", urn])], devEnv());
  const again = await pulumi(["destroy", "--yes", "--stack", "dev"], devEnv());
  expect(again.code).not.toBe(0);
  refusedClearly(again.output);
  inState = connectorResources(await stackState("dev"));
  expect(inState.map((r) => r.id)).toEqual([inUse.identifier]);
  expect((await customConnectors(dev)).map((c) => c.identifier)).toEqual([inUse.identifier]);
});

test("destroy of dev succeeds once the connector is free, and leaves the emulator empty", async () => {
  expect((await dev.control("PUT", `connectors/${encodeURIComponent(inUse.identifier)}/usage`, { connections: 0, connectedAccounts: 0 })).status).toBe(200);
  await pulumiOk(["destroy", "--yes", "--stack", "dev"], devEnv());
  expect(await customConnectors(dev)).toHaveLength(0);
  expect(connectorResources(await stackState("dev"))).toHaveLength(0);
});

test("an up killed mid-way converges with the documented recovery: no duplicate, no orphan", async () => {
  await dev.control("PUT", "faults", { rules: [{ route: "POST /api/v1/custom-providers", latencyMs: 400 }] });
  const killed = await runPulumi(session, ["up", "--yes", "--skip-preview", "--stack", "dev"], { env: devEnv(), killWhen: /CustomConnector\s+\S+\s+created/ });
  transcript.push(killed.output);
  expect(killed.signal).toBe("SIGKILL");
  await dev.control("DELETE", "faults");
  // docs/recovery.md: release the killed run's lock, refresh (clearing creates that never reported back),
  // then up adopting what those creates left in Scalekit.
  await pulumiOk(["cancel", "--yes", "--stack", "dev"], devEnv());
  await pulumiOk(["refresh", "--yes", "--clear-pending-creates", "--stack", "dev"], devEnv());
  await pulumiOk(["up", "--yes", "--stack", "dev", "--config", "adoptExisting=true"], devEnv());
  await pulumiOk(["config", "rm", "adoptExisting", "--stack", "dev"]);
  const live = await customConnectors(dev);
  const stored = live.map((c) => c.identifier).sort();
  const inState = connectorResources(await stackState("dev")).map((r) => r.id).sort();
  // Dev accepts a taken name, so a twin would show as a repeated display name.
  expect(new Set(live.map((c) => c.display_name)).size).toBe(live.length);
  expect(inState).toEqual(stored);
  const declared = fs.readdirSync(path.join(workDir, "connectors")).filter((f) => f.endsWith(".json"));
  expect(stored).toHaveLength(declared.length);
});

test("the client secrets appear nowhere in the exported state nor in the CLI output", async () => {
  const exported = JSON.stringify(await stackState("production")) + JSON.stringify(await stackState("dev"));
  for (const secret of [dev.emulator.clientSecret, production.emulator.clientSecret]) {
    expect(exported).not.toContain(secret);
    expect(transcript.join("\n")).not.toContain(secret);
  }
});
