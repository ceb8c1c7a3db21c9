/**
 * The review with the real Pulumi CLI against servers that choose identifiers unlike the display
 * name: Dev gives opaque ones (`prov_<hex>`), Production suffixed ones (`ACMECRM:12345`) and
 * accepts a name that is taken. Both stacks are brought up by `pulumi up`; then a connector is
 * renamed in its definition and applied to Dev, two definitions are added, and people create
 * connectors by hand in Production. The review must read each stack's state and find:
 * - the renamed connector as an UPDATE of the very connector each state points to;
 * - a definition not yet applied to Production by its display name there;
 * - a name held by two Production connectors as AMBIGUOUS, naming both, guessing neither.
 * After the advised fix and `pulumi up --stack production`, it must find Production unchanged,
 * with the renamed connector still under the identifier it had before the rename.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulators, type Emulators } from "../../../scripts/lib/emulators";
import { runPulumiOk, type PulumiSession } from "../../../scripts/lib/pulumi-process";
import { pulumiStackStateReader } from "../../../scripts/review/state";
import { EmulatorClient } from "../../support/emulator-api";
import { runTool, type ToolRun } from "../../support/run-tool";
import { openWorkProject, setStackCredentials, shellEnv, type WorkProject } from "../../support/work-project";
import { connectorsByName, section } from "../../support/review-output";

// Several ups of some seconds each; the first run on a machine may build the CLI.
jest.setTimeout(10 * 60 * 1000);

type Payload = Record<string, any>;

function scope(name: string, required = false): Payload {
  return { scope: name, display_name: `Scope ${name}`, description: `Grants ${name}`, required };
}

const acmeCrm: Payload = {
  display_name: "Acme CRM",
  description: "Contacts and deals",
  auth_patterns: [
    {
      type: "OAUTH",
      display_name: "OAuth 2.0",
      oauth_config: {
        authorize_uri: "https://login.acme.example/authorize",
        token_uri: "https://login.acme.example/token",
        available_scopes: [scope("contacts.read", true), scope("deals.write")],
        pkce_enabled: true,
      },
    },
  ],
  proxy_url: "https://api.acme.example/v1",
  proxy_enabled: true,
};
/** The same file after the rename: new display name and description, same scopes. */
const acmeRenamed: Payload = { ...acmeCrm, display_name: "Acme Sales CRM", description: "Contacts, deals and quotes" };

function bearer(displayName: string, host: string): Payload {
  return {
    display_name: displayName,
    description: `${displayName} API`,
    auth_patterns: [{ type: "BEARER", display_name: "API token", fields: [{ field_name: "token", label: "Token", input_type: "password", required: true }] }],
    proxy_url: `https://api.${host}.example`,
    proxy_enabled: true,
  };
}

const ledgerly = bearer("Ledgerly", "ledgerly");
const freshDesk = bearer("Fresh Desk", "freshdesk");
const twinNotes = bearer("Twin Notes", "twinnotes");
const legacyFax = bearer("Legacy Fax", "legacyfax");

let emulators: Emulators<"dev" | "production">;
let devClient: EmulatorClient;
let productionClient: EmulatorClient;
let project: WorkProject;
let session: PulumiSession;
let connectorsDir: string;

function writeDefinition(file: string, payload: Payload): void {
  fs.writeFileSync(path.join(connectorsDir, file), JSON.stringify(payload, null, 2));
}

function review(extra: string[] = []): Promise<ToolRun> {
  return runTool("review", ["--from", "dev", "--to", "production", ...extra], shellEnv(session), session.cwd);
}

/** Each definition's identifier as the stack's program exports it (`connectors`: resource name → identifier). */
async function stackIdentifiers(stack: string): Promise<Record<string, string>> {
  const output = await runPulumiOk(session, ["stack", "output", "connectors", "--json", "--stack", stack]);
  return JSON.parse(output.stdout);
}

async function createByHand(client: EmulatorClient, payload: Payload): Promise<string> {
  const answer = await client.create(payload);
  expect({ name: payload.display_name, status: answer.status }).toEqual({ name: payload.display_name, status: 201 });
  return answer.body.provider.identifier as string;
}

let before: { dev: Record<string, string>; production: Record<string, string> };
let byHand: { freshDesk: string; twins: string[]; legacyFax: string };

beforeAll(async () => {
  emulators = await startEmulators({
    dev: { identifierStyle: "opaque", clientId: "dev-client", clientSecret: "dev-secret-never-shown" },
    production: { identifierStyle: "suffixed", duplicateNames: "accept", clientId: "prod-client", clientSecret: "prod-secret-never-shown" },
  });
  devClient = new EmulatorClient(emulators.dev);
  productionClient = new EmulatorClient(emulators.production);

  project = await openWorkProject({ label: "review-state", definitions: {}, passphrase: "review state test", stacks: ["dev", "production"] });
  session = project.session;
  connectorsDir = path.join(project.dir, "connectors");
  await setStackCredentials(session, "dev", emulators.dev.credentials);
  await setStackCredentials(session, "production", emulators.production.credentials);

  // Both environments get the first two definitions through Pulumi.
  writeDefinition("acme-crm.json", acmeCrm);
  writeDefinition("ledgerly.json", ledgerly);
  await runPulumiOk(session, ["up", "--yes", "--skip-preview", "--stack", "dev"]);
  await runPulumiOk(session, ["up", "--yes", "--skip-preview", "--stack", "production"]);
  before = { dev: await stackIdentifiers("dev"), production: await stackIdentifiers("production") };

  // The change under review: a rename and two new connectors, applied to Dev.
  writeDefinition("acme-crm.json", acmeRenamed);
  writeDefinition("fresh-desk.json", freshDesk);
  writeDefinition("twin-notes.json", twinNotes);
  await runPulumiOk(session, ["up", "--yes", "--skip-preview", "--stack", "dev"]);

  // Meanwhile in Production, by hand: Fresh Desk as defined, Twin Notes twice, Legacy Fax.
  byHand = {
    freshDesk: await createByHand(productionClient, freshDesk),
    twins: [await createByHand(productionClient, twinNotes), await createByHand(productionClient, { ...twinNotes, display_name: "twin notes" })],
    legacyFax: await createByHand(productionClient, legacyFax),
  };
});

afterAll(async () => {
  await emulators?.close();
  project?.cleanup();
});

test("the servers chose identifiers that are not the display name", () => {
  expect(before.dev).toEqual({ "acme-crm": expect.stringMatching(/^prov_[0-9a-f]{16}$/), ledgerly: expect.stringMatching(/^prov_[0-9a-f]{16}$/) });
  expect(before.production).toEqual({ "acme-crm": expect.stringMatching(/^ACMECRM:\d{5}$/), ledgerly: expect.stringMatching(/^LEDGERLY:\d{5}$/) });
});

describe("reading a stack's state", () => {
  test("reads resource name → identifier with pulumi stack export, without the passphrase", async () => {
    const env = { ...process.env, ...shellEnv(session) };
    delete env.PULUMI_CONFIG_PASSPHRASE;
    const state = await pulumiStackStateReader(session.cwd, env)("production");
    // The root program's definitions hold no secret, so the state marks none.
    expect(state).toEqual({ status: "read", connectors: new Map(Object.entries(before.production)), secretPaths: new Map() });
  });

  test("a stack that does not exist is no state at all; a state that cannot be read is an error that says what to do", async () => {
    const env = { ...process.env, ...shellEnv(session) };
    await expect(pulumiStackStateReader(session.cwd, env)("staging")).resolves.toMatchObject({ status: "no-stack" });
    const notAProject = path.join(project.tmp, "not-a-project");
    fs.mkdirSync(notAProject, { recursive: true });
    const failure = pulumiStackStateReader(notAProject, env)("dev");
    await expect(failure).rejects.toThrow('cannot read the state of stack "dev": `pulumi stack export --stack dev` failed');
    await expect(failure).rejects.toThrow("or pass --no-state to match connectors by display name only");
  });
});

describe("before Production is brought up", () => {
  let table: ToolRun;
  let json: ToolRun;
  let markdown: ToolRun;
  let doc: any;
  let byName: Record<string, any>;

  beforeAll(async () => {
    [table, json, markdown] = await Promise.all([review(), review(["--json"]), review(["--format", "markdown"])]);
    doc = JSON.parse(json.stdout);
    byName = connectorsByName(doc);
  });

  test("exits with 2, reading both states and printing no secret", () => {
    expect({ code: table.code, stderr: table.stderr }).toEqual({ code: 2, stderr: "" });
    expect({ code: json.code, stderr: json.stderr }).toEqual({ code: 2, stderr: "" });
    expect(doc.source.state).toEqual({ status: "read", connectors: 4 });
    expect(doc.target.state).toEqual({ status: "read", connectors: 2 });
    expect(table.stdout).toContain("Matching: through each stack's state, then by display name (ignoring case and spaces). dev state: 4 connectors; production state: 2 connectors.");
    for (const secret of [emulators.dev.clientSecret, emulators.production.clientSecret]) expect(table.stdout + json.stdout).not.toContain(secret);
  });

  test("--format markdown: the verdict first, with the same exit code; the renamed connector's table row", () => {
    expect({ code: markdown.code, stderr: markdown.stderr }).toEqual({ code: 2, stderr: "" });
    expect(markdown.stdout.split("\n").slice(0, 3)).toEqual([
      "## Review: promote dev → production",
      "",
      "**Production would change: review the rows marked \\*, the warnings and the AMBIGUOUS lines below, then run pulumi up --stack production. (exit code 2)**",
    ]);
    expect(markdown.stdout).toContain("\n### `acme-crm.json` (Acme Sales CRM): UPDATE in production\n");
    expect(markdown.stdout).toContain('\n| `*` | `display_name` | `"Acme Sales CRM"` | `"Acme CRM"` | `"Acme Sales CRM"` |\n');
    for (const secret of [emulators.dev.clientSecret, emulators.production.clientSecret]) expect(markdown.stdout).not.toContain(secret);
  });

  test("the renamed connector is an update of the connector each stack's state points to", () => {
    expect(byName["acme-crm"]).toMatchObject({
      displayName: "Acme Sales CRM",
      source: { kind: "state", identifier: before.dev["acme-crm"] },
      target: { kind: "state", identifier: before.production["acme-crm"] },
      action: "update",
      drift: { kind: "none" },
    });
    const changed = byName["acme-crm"].rows.filter((row: { targetChanges: boolean }) => row.targetChanges).map((row: { path: string }) => row.path);
    expect(changed).toEqual(["display_name", "description"]);
    const text = section(table.stdout, "acme-crm.json");
    expect(text.split("\n").slice(0, 4)).toEqual([
      "== acme-crm.json (Acme Sales CRM): UPDATE in production",
      `   Dev: ${before.dev["acme-crm"]} (from the dev stack's state)`,
      `   Production: ${before.production["acme-crm"]} (from the production stack's state)`,
      "   Dev matches the definitions.",
    ]);
    expect(text).toMatch(/\n {3}\* {3}display_name +"Acme Sales CRM" +"Acme CRM" +"Acme Sales CRM"\n/);
    expect(text).toContain(`NOTE: Connector "Acme Sales CRM" (${before.production["acme-crm"]}) is updated`);
    // Not a create plus a stray: the old name is nowhere in the "only in" lists.
    expect(table.stdout).not.toMatch(/^ {2}- .*Acme CRM/m);
  });

  test("an unchanged connector is matched through both states", () => {
    expect(byName.ledgerly).toMatchObject({
      source: { kind: "state", identifier: before.dev.ledgerly },
      target: { kind: "state", identifier: before.production.ledgerly },
      action: "unchanged",
    });
  });

  test("a definition not yet applied to Production is found there by display name", async () => {
    const devIdentifiers = await stackIdentifiers("dev");
    expect(byName["fresh-desk"]).toMatchObject({
      source: { kind: "state", identifier: devIdentifiers["fresh-desk"] },
      target: { kind: "name", identifier: byHand.freshDesk },
      action: "unchanged",
    });
    expect(section(table.stdout, "fresh-desk.json")).toContain(
      `   Production: ${byHand.freshDesk} (by display name; not in the production stack's state, so pulumi up --stack production adopts it only with adoptExisting set)`,
    );
  });

  test("two Production connectors of one name are reported as ambiguous, both named, neither guessed", () => {
    expect(byName["twin-notes"]).toMatchObject({ action: "ambiguous", target: { kind: "ambiguous", identifiers: byHand.twins }, drift: { kind: "none" } });
    const text = section(table.stdout, "twin-notes.json");
    expect(text).toContain("== twin-notes.json (Twin Notes): AMBIGUOUS in production");
    expect(text).toContain(`AMBIGUOUS: 2 live connectors are named "Twin Notes" (${byHand.twins.join(", ")})`);
    for (const [index, identifier] of byHand.twins.entries()) {
      expect(doc.onlyInTarget).toContainEqual({
        identifier,
        displayName: index === 0 ? "Twin Notes" : "twin notes",
        stateResource: null,
        sharesNameWith: [byHand.twins[1 - index]],
        ambiguousFor: "twin-notes.json",
      });
    }
    expect(doc.onlyInTarget).toContainEqual({ identifier: byHand.legacyFax, displayName: "Legacy Fax", stateResource: null, sharesNameWith: [], ambiguousFor: null });
    expect(doc.summary).toEqual({ create: 0, update: 1, unchanged: 2, ambiguous: 1, drifted: 0, onlyInTarget: 3, onlyInSource: 0, deleteInTarget: 0 });
    expect(table.stdout).toContain("Summary: 0 to create, 1 to update, 2 unchanged, 1 ambiguous in production; 0 drifted in dev; 3 only in production; 0 only in dev.");
  });

  test("matching by display name only (--no-state) cannot see the rename: a create plus a stray", async () => {
    const run = await review(["--json", "--no-state"]);
    expect(run.code).toBe(2);
    const names = JSON.parse(run.stdout);
    const acme = names.connectors.find((connector: { name: string }) => connector.name === "acme-crm");
    expect(acme).toMatchObject({ action: "create", target: { kind: "none" }, source: { kind: "name", identifier: before.dev["acme-crm"] } });
    expect(names.onlyInTarget.map((connector: { identifier: string }) => connector.identifier)).toContain(before.production["acme-crm"]);
    expect(names.target.state).toEqual({ status: "off" });
  });
});

describe("after the advised fix and pulumi up --stack production", () => {
  let run: ToolRun;
  let doc: any;

  beforeAll(async () => {
    // One twin goes, as the review advises; the remaining hand-made connectors are adopted.
    expect((await productionClient.remove(byHand.twins[1])).status).toBe(200);
    await runPulumiOk(session, ["config", "set", "adoptExisting", "true", "--stack", "production"]);
    await runPulumiOk(session, ["up", "--yes", "--skip-preview", "--stack", "production"]);
    run = await review(["--json"]);
    doc = JSON.parse(run.stdout);
  });

  test("Production would not change, and every connector is found through the states", () => {
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    expect(doc.summary).toMatchObject({ create: 0, update: 0, unchanged: 4, ambiguous: 0, deleteInTarget: 0 });
    for (const connector of doc.connectors) {
      expect({ name: connector.name, source: connector.source.kind, target: connector.target.kind }).toEqual({ name: connector.name, source: "state", target: "state" });
    }
    expect(doc.onlyInTarget).toEqual([{ identifier: byHand.legacyFax, displayName: "Legacy Fax", stateResource: null, sharesNameWith: [], ambiguousFor: null }]);
  });

  test("the renamed connector kept its Production identifier; the adopted ones are the hand-made ones", async () => {
    const identifiers = await stackIdentifiers("production");
    expect(identifiers).toEqual({
      "acme-crm": before.production["acme-crm"],
      ledgerly: before.production.ledgerly,
      "fresh-desk": byHand.freshDesk,
      "twin-notes": byHand.twins[0],
    });
    const acme = doc.connectors.find((connector: { name: string }) => connector.name === "acme-crm");
    expect(acme).toMatchObject({ target: { identifier: before.production["acme-crm"] }, action: "unchanged" });
    expect(acme.rows.find((row: { path: string }) => row.path === "display_name")).toMatchObject({ target: "Acme Sales CRM", targetChanges: false });
  });
});
