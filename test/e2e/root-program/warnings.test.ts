/**
 * The provider's review warnings reach the real Pulumi CLI's output: a connector with OAuth
 * scopes is created, its scopes are changed (one added, one removed), and both `pulumi preview`
 * and `pulumi up` print, for that connector, the scope warning and the note that existing
 * connections keep their old settings and connected accounts must re-authorise.
 */
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { runPulumiOk, type PulumiSession } from "../../../scripts/lib/pulumi-process";
import { openWorkProject, writeDefinitions, type WorkProject } from "../../support/work-project";

// A few CLI commands of some seconds each; the first run on a machine may build the CLI.
jest.setTimeout(10 * 60 * 1000);

function scope(name: string): Record<string, unknown> {
  return { scope: name, display_name: `Scope ${name}`, description: `Grants ${name}` };
}

const definition = {
  display_name: "Scopewatch CRM",
  description: "A CRM whose scopes change",
  auth_patterns: [
    {
      type: "OAUTH",
      display_name: "OAuth 2.0",
      oauth_config: {
        authorize_uri: "https://login.scopewatch.example/authorize",
        token_uri: "https://login.scopewatch.example/token",
        available_scopes: [scope("contacts.read"), scope("deals.write")],
        pkce_enabled: true,
      },
    },
  ],
  proxy_url: "https://api.scopewatch.example/v1",
  proxy_enabled: true,
};

/** An unrelated connector that does not change: the warnings must not name it. */
const bystander = {
  display_name: "Bystander Docs MCP",
  description: "Never changes",
  auth_patterns: [{ type: "NO_AUTH", display_name: "None", is_mcp: true }],
  proxy_url: "https://mcp.bystander.example/mcp",
  proxy_enabled: true,
};

/** Set once the connector exists: Scalekit chooses the identifier the warnings name beside the display name. */
let scopeWarning: string;
let connectionsNote: string;

let emulator: WatchedEmulator;
let project: WorkProject;
let session: PulumiSession;

/** The two definition files, the OAuth connector with these scopes. */
function definitions(scopes: string[]): Record<string, unknown> {
  const payload = structuredClone(definition);
  payload.auth_patterns[0].oauth_config.available_scopes = scopes.map(scope);
  return { "scopewatch-crm.json": payload, "bystander-docs-mcp.json": bystander };
}

async function liveScopes(): Promise<string[]> {
  const connector = (await emulatorControl.connectors(emulator.url)).find((provider) => provider.display_name === definition.display_name);
  return connector!.auth_patterns[0]!.oauth_config!.available_scopes!.map((entry) => entry.scope!);
}

beforeAll(async () => {
  emulator = await startWatchedEmulator({ identifierStyle: "opaque" });
  project = await openWorkProject({ label: "warnings-e2e", definitions: definitions(["contacts.read", "deals.write"]), credentials: emulator.credentials, stacks: ["dev"] });
  session = project.session;
  const created = await runPulumiOk(session, ["up", "--yes", "--skip-preview", "--stack", "dev"]);
  // A create is not an update: no scope warning and no connections note.
  expect(created.output).not.toContain("OAuth scopes change");
  expect(created.output).not.toContain("is updated: existing connections");
  expect(await liveScopes()).toEqual(["contacts.read", "deals.write"]);
  const identifier = (await emulatorControl.connectors(emulator.url)).find((provider) => provider.display_name === definition.display_name)!.identifier;
  scopeWarning = `Connector "Scopewatch CRM" (${identifier}): OAuth scopes change in auth pattern 0 (added invoices.read; removed deals.write)`;
  connectionsNote = `Connector "Scopewatch CRM" (${identifier}) is updated: existing connections keep their old settings`;
  writeDefinitions(project.dir, definitions(["contacts.read", "invoices.read"]));
});

afterAll(async () => {
  await emulator?.close();
  project?.cleanup();
});

test("pulumi preview prints the scope warning and the connections note for the changed connector", async () => {
  const preview = await runPulumiOk(session, ["preview", "--stack", "dev"]);
  expect(preview.output).toContain(scopeWarning);
  expect(preview.output).toContain(connectionsNote);
  expect(preview.output).not.toContain("Bystander Docs MCP");
  // Shown as engine warnings (counted in the summary), not as the SDK's stderr fallback.
  expect(preview.output).toMatch(new RegExp(`warning: .*${scopeWarning.replace(/[()]/g, "\\$&")}`));
  expect(preview.output).not.toContain("[runtime]");
  expect(preview.output).toMatch(/\d+ warnings?/);
  // The preview changed nothing.
  expect(await liveScopes()).toEqual(["contacts.read", "deals.write"]);
});

/** The warnings the engine received during a `pulumi preview --json`, one entry per diagnostic. */
function warningsOf(json: string): string[] {
  const diagnostics = (JSON.parse(json) as { diagnostics?: { severity: string; message: string }[] }).diagnostics ?? [];
  return diagnostics.filter((diagnostic) => diagnostic.severity === "warning").map((diagnostic) => diagnostic.message.trim());
}

test("each warning reaches the engine once per command, also in a preview that refreshes first", async () => {
  for (const args of [["preview"], ["preview", "--refresh"]]) {
    const preview = await runPulumiOk(session, [...args, "--json", "--stack", "dev"]);
    // The plan speaks of the declaration only: none of the provider's bookkeeping.
    expect(preview.stdout).not.toMatch(/"(desired|declaredAs)"|"adopt": false/);
    expect(preview.stdout).toContain('"scalekitPayload"');
    const warnings = warningsOf(preview.stdout);
    expect({ args, scope: warnings.filter((w) => w.includes(scopeWarning)).length, note: warnings.filter((w) => w.includes(connectionsNote)).length }).toEqual({ args, scope: 1, note: 1 });
  }
});

test("pulumi up prints them too, and applies the new scopes", async () => {
  const up = await runPulumiOk(session, ["up", "--yes", "--stack", "dev"]);
  expect(up.output).toContain(scopeWarning);
  expect(up.output).toContain(connectionsNote);
  expect(up.output).toMatch(/~ 1 updated/);
  expect(await liveScopes()).toEqual(["contacts.read", "invoices.read"]);
});
