/**
 * The resource plugin `pulumi-resource-scalekit` through the real Pulumi CLI, one TypeScript
 * program using the plugin door (pulumi-scalekit-connectors/plugin) against two emulators, its
 * steps in order: the CLI validates the schema; up creates (the default provider configured by
 * the stack's config, an explicit Provider for the second environment); the secret default
 * password is secret at its own path only; a no-change preview; an update whose preview shows a
 * detailed diff at the user's paths, known outputs and no replacement; `pulumi import` and the
 * `import` option take existing connectors over with no write to Scalekit and no change after;
 * the plugin installed offline from its tarball serves a refresh; destroy.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { packageRoot, pluginExecutable, schemaPath, secretSignature, specialSignatureKey } from "pulumi-scalekit-connectors/internal";
import type { Provider as StoredConnector } from "scalekit-emulator";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { startEmulators, type Emulators } from "../../../scripts/lib/emulators";
import { packPluginTarball } from "../../../scripts/lib/plugin-tarball";
import { linkNodeModules } from "../../../scripts/lib/project-copy";
import { runPulumi, runPulumiOk, type PulumiRunResult, type PulumiSession } from "../../../scripts/lib/pulumi-process";
import { EmulatorClient } from "../../support/emulator-api";
import { setStackCredentials } from "../../support/work-project";

jest.setTimeout(240_000);

const password = "correct-horse-battery-staple";
const pluginDir = path.join(packageRoot, "bin");

/** What the program declares at a step (step.json). */
interface Step {
  description: string;
  userLabel: string;
  /** The second environment, given to an explicit Provider. */
  second?: { environmentUrl: string; clientId: string; clientSecret: string };
  /** Declare the connector `pulumi import` took over. */
  takenOver?: boolean;
  /** Declare a connector with the `import` option and this identifier. */
  importId?: string;
}

const program = `import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import { CustomConnector, Provider, type CustomConnectorArgs } from "pulumi-scalekit-connectors/plugin";

const step = JSON.parse(fs.readFileSync("step.json", "utf8"));

function basic(displayName: string, description: string, userLabel: string): CustomConnectorArgs {
  return {
    displayName,
    description,
    authPatterns: [
      {
        type: "BASIC",
        displayName: "Basic",
        fields: [
          { fieldName: "username", label: userLabel, inputType: "text", required: true },
          { fieldName: "domain", label: "Domain", inputType: "text", isPathParam: true },
        ],
        authFieldMutations: { password: { default: pulumi.secret(${JSON.stringify(password)}) } },
      },
    ],
    proxyUrl: "https://{{domain}}.acmecrm.com/api",
  };
}

const crm = new CustomConnector("crm", basic("Acme CRM", step.description, step.userLabel));
export const crmIdentifier = crm.identifier;
export const crmDescription = crm.description;
// Runs only when every one of these outputs is known (in a preview too).
pulumi.all([crm.identifier, crm.scalekitId, crm.isCustomMcp, crm.description, crm.authPatterns]).apply(([identifier, scalekitId, isCustomMcp, description, patterns]) => {
  if (pulumi.runtime.isDryRun()) pulumi.log.info(\`known outputs: \${JSON.stringify({ identifier, scalekitId, isCustomMcp, description, patterns: patterns?.length })}\`, crm);
});

if (step.second) {
  const second = new Provider("second", step.second);
  new CustomConnector("mirror", basic("Acme CRM Mirror", "In the second environment", "User"), { provider: second });
}
if (step.takenOver) new CustomConnector("taken-over", basic("Legacy Desk", "Made in the dashboard", "User"));
if (step.importId) new CustomConnector("adopted", basic("Old Billing", "Made in the dashboard", "User"), { import: step.importId });
`;

let tmp: string;
let session: PulumiSession;
let emulators: Emulators<"main" | "second">;
let step: Step;

function writeStep(next: Step): void {
  step = next;
  fs.writeFileSync(path.join(session.cwd, "step.json"), JSON.stringify(next));
}

function pulumi(args: string[]): Promise<PulumiRunResult> {
  return runPulumiOk(session, args);
}

async function connectorsIn(name: "main" | "second"): Promise<Record<string, StoredConnector>> {
  return Object.fromEntries((await emulatorControl.connectors(emulators[name].url)).map((provider) => [provider.display_name, provider]));
}

/** Requests that write (create, update, delete) the emulators answered since their logs were cleared. */
function writes(): string[] {
  return [emulators.main, emulators.second].flatMap((emulator) =>
    emulator.requests.entries.filter((request) => request.method !== "GET" && request.path.startsWith("/api/")).map((request) => `${request.method} ${request.path}`),
  );
}

function clearRequestLogs(): void {
  emulators.main.requests.clear();
  emulators.second.requests.clear();
}

interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, any>;
  outputs?: Record<string, any>;
}

async function exportedState(): Promise<{ text: string; resources: StateResource[] }> {
  const { stdout } = await pulumi(["stack", "export"]);
  return { text: stdout, resources: (JSON.parse(stdout) as { deployment: { resources: StateResource[] } }).deployment.resources };
}

function isSecret(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[specialSignatureKey] === secretSignature && typeof (value as { ciphertext?: unknown }).ciphertext === "string";
}

function connectorState(resources: StateResource[], name: string): StateResource {
  const found = resources.find((resource) => resource.urn.endsWith(`::scalekit:index:CustomConnector::${name}`));
  if (!found) throw new Error(`no CustomConnector ${name} in the state`);
  return found;
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-door-"));
  const dir = path.join(tmp, "project");
  fs.mkdirSync(dir);
  fs.mkdirSync(path.join(tmp, "backend"));
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "plugin-door", private: true, main: "index.ts" }));
  fs.writeFileSync(
    path.join(dir, "Pulumi.yaml"),
    `name: plugin-door\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nplugins:\n  providers:\n    - name: scalekit\n      path: ${pluginDir}\n`,
  );
  fs.writeFileSync(path.join(dir, "index.ts"), program);
  linkNodeModules(dir);
  // Only the plugin this run names: not one on PATH (node_modules/.bin holds the workspace's).
  session = { cwd: dir, backendDir: path.join(tmp, "backend"), passphrase: "plugin-door-local-only", env: { PULUMI_HOME: path.join(tmp, "pulumi-home"), PULUMI_IGNORE_AMBIENT_PLUGINS: "true" } };
  emulators = await startEmulators({ main: {}, second: {} });
  await pulumi(["stack", "init", "dev"]);
  await setStackCredentials(session, "dev", emulators.main.credentials);
});

afterAll(async () => {
  await emulators?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test("the CLI reads the plugin's schema and binds it without a diagnostic", async () => {
  const result = await runPulumi(session, ["package", "get-schema", path.join(pluginDir, pluginExecutable)]);
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout)).toEqual(JSON.parse(fs.readFileSync(schemaPath, "utf8")));
  expect(result.stderr).not.toMatch(/warning|error/i);
});

test("up creates the connector in the stack's environment and, through an explicit Provider, one in the second", async () => {
  writeStep({ description: "Contacts and deals", userLabel: "User", second: emulators.second.credentials });
  await pulumi(["up", "--yes", "--skip-preview"]);
  const main = await connectorsIn("main");
  expect(Object.keys(main)).toEqual(["Acme CRM"]);
  expect(Object.keys(await connectorsIn("second"))).toEqual(["Acme CRM Mirror"]);
  // Scalekit received the plain value.
  expect((main["Acme CRM"]!.auth_patterns[0] as Record<string, any>).auth_field_mutations.password.default).toBe(password);
  const { stdout } = await pulumi(["stack", "output", "--json"]);
  expect(JSON.parse(stdout)).toEqual({ crmIdentifier: main["Acme CRM"]!.identifier, crmDescription: "Contacts and deals" });
});

test("the secret default password is secret at its own path only, in inputs and outputs; nothing plain in the export", async () => {
  const { text, resources } = await exportedState();
  for (const values of [connectorState(resources, "crm").inputs!, connectorState(resources, "crm").outputs!]) {
    const pattern = values.authPatterns[0];
    expect(isSecret(values.authPatterns)).toBe(false);
    expect(isSecret(pattern.authFieldMutations.password.default)).toBe(true);
    expect(pattern.fields[0]).toEqual({ fieldName: "username", label: "User", inputType: "text", required: true });
    expect(pattern.type).toBe("BASIC");
  }
  const second = resources.find((resource) => resource.urn.endsWith("::pulumi:providers:scalekit::second"))!;
  expect(isSecret(second.inputs!.clientSecret)).toBe(true);
  expect(second.inputs!.environmentUrl).toBe(emulators.second.url);
  for (const plain of [password, emulators.main.clientSecret, emulators.second.clientSecret]) expect(text).not.toContain(plain);
  const outputs = await pulumi(["stack", "output", "--json", "--show-secrets"]);
  expect(outputs.stdout).not.toContain(password);
});

test("a preview of the same program expects no change", async () => {
  clearRequestLogs();
  await pulumi(["preview", "--expect-no-changes"]);
  expect(writes()).toEqual([]);
});

test("a preview of an update shows a detailed diff at the user's paths, known outputs and no replacement", async () => {
  writeStep({ ...step, description: "Contacts, deals and notes", userLabel: "User name" });
  const { stdout } = await pulumi(["preview", "--json"]);
  const preview = JSON.parse(stdout) as {
    steps: { op: string; urn: string; detailedDiff?: Record<string, { kind: string }>; replaceReasons?: string[] }[];
    diagnostics: { urn?: string; message: string; severity: string }[];
  };
  const crm = preview.steps.find((entry) => entry.urn.endsWith("::crm"))!;
  expect(crm.op).toBe("update");
  expect(crm.replaceReasons ?? []).toEqual([]);
  expect(crm.detailedDiff).toEqual({ description: { kind: "update", inputDiff: true }, "authPatterns[0].fields[0].label": { kind: "update", inputDiff: true } });
  expect(preview.steps.filter((entry) => entry.op === "replace" || entry.op === "create-replacement")).toEqual([]);
  // The program logs the connector's outputs from an apply, which runs in a preview only when they are known.
  const logged = preview.diagnostics.find((entry) => entry.urn?.endsWith("::crm") && entry.message.includes("known outputs:"));
  expect(logged).toBeDefined();
  const known = JSON.parse(logged!.message.slice(logged!.message.indexOf("{")));
  const stored = (await connectorsIn("main"))["Acme CRM"]!;
  expect(known).toEqual({ identifier: stored.identifier, scalekitId: stored.id, isCustomMcp: false, description: "Contacts, deals and notes", patterns: 1 });
});

test("up applies the update in place: the same identifier, the new description", async () => {
  const before = (await connectorsIn("main"))["Acme CRM"]!;
  clearRequestLogs();
  await pulumi(["up", "--yes", "--skip-preview"]);
  const after = (await connectorsIn("main"))["Acme CRM"]!;
  expect(after.identifier).toBe(before.identifier);
  expect(after.description).toBe("Contacts, deals and notes");
  expect(writes()).toEqual([`PUT /api/v1/custom-providers/${encodeURIComponent(before.identifier)}`]);
});

test("pulumi import takes an existing connector over with no write to Scalekit; the matching declaration then shows no change", async () => {
  const existing = await new EmulatorClient(emulators.main).created({
    display_name: "Legacy Desk",
    description: "Made in the dashboard",
    auth_patterns: [
      {
        type: "BASIC",
        display_name: "Basic",
        fields: [
          { field_name: "username", label: "User", input_type: "text", required: true },
          { field_name: "domain", label: "Domain", input_type: "text", is_path_param: true },
        ],
        auth_field_mutations: { password: { default: password } },
      },
    ],
    proxy_url: "https://{{domain}}.acmecrm.com/api",
    proxy_enabled: true,
  });
  clearRequestLogs();
  await pulumi(["import", "scalekit:index:CustomConnector", "taken-over", existing.identifier, "--yes", "--generate-code=false", "--protect=false"]);
  expect(writes()).toEqual([]);
  const { text, resources } = await exportedState();
  expect(connectorState(resources, "taken-over").id).toBe(existing.identifier);
  // Import knows no secret of the program's: the credential Scalekit holds is kept secret anyway.
  expect(text).not.toContain(password);
  writeStep({ ...step, takenOver: true });
  await pulumi(["preview", "--expect-no-changes"]);
  expect(writes()).toEqual([]);
});

test("the import option takes a connector over during up with no write to Scalekit, and the next preview shows no change", async () => {
  const existing = await new EmulatorClient(emulators.main).created({
    display_name: "Old Billing",
    description: "Made in the dashboard",
    auth_patterns: [
      {
        type: "BASIC",
        display_name: "Basic",
        fields: [
          { field_name: "username", label: "User", input_type: "text", required: true },
          { field_name: "domain", label: "Domain", input_type: "text", is_path_param: true },
        ],
        auth_field_mutations: { password: { default: password } },
      },
    ],
    proxy_url: "https://{{domain}}.acmecrm.com/api",
    proxy_enabled: true,
  });
  writeStep({ ...step, importId: existing.identifier });
  clearRequestLogs();
  await pulumi(["up", "--yes", "--skip-preview"]);
  expect(writes()).toEqual([]);
  const { resources } = await exportedState();
  expect(connectorState(resources, "adopted").id).toBe(existing.identifier);
  await pulumi(["preview", "--expect-no-changes"]);
});

test("installed offline from its tarball, the plugin serves a refresh that finds nothing changed", async () => {
  const tarball = await packPluginTarball(path.join(tmp, "plugin-tarball"));
  await pulumi(["plugin", "install", "resource", "scalekit", "0.1.0", "--file", tarball]);
  // The project no longer names the plugin's folder: the installed one serves it.
  const manifest = path.join(session.cwd, "Pulumi.yaml");
  fs.writeFileSync(manifest, fs.readFileSync(manifest, "utf8").replace(/plugins:[\s\S]*$/, ""));
  const { stdout } = await pulumi(["plugin", "ls", "--json"]);
  expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ name: "scalekit", kind: "resource", version: "0.1.0" })]);
  clearRequestLogs();
  await pulumi(["refresh", "--yes", "--skip-preview"]);
  expect(writes()).toEqual([]);
  await pulumi(["preview", "--expect-no-changes"]);
});

test("destroy deletes every connector of the stack, in both environments", async () => {
  await pulumi(["destroy", "--yes", "--skip-preview"]);
  expect(await connectorsIn("main")).toEqual({});
  expect(await connectorsIn("second")).toEqual({});
});
