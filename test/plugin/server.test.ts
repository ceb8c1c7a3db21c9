/**
 * The resource plugin's gRPC server driven as Pulumi's engine drives it (test/support/plugin-driver.ts)
 * against the emulator: Configure (arguments, variables, the SCALEKIT_* fallback), CheckConfig,
 * Check (the user's shape, failures, warnings through the engine's Log about the resource),
 * secrets unwrapped for Scalekit and wrapped again at exactly their own paths, Diff (detailed paths
 * in the user's properties, stables, never a replacement), Create and Update in a preview (no
 * write, outputs known where the declaration decides them), Read for refresh and for import (no
 * write; a matching declaration then shows no change), Delete, errors with no secret in them.
 * Each test declares its own connector: they pass in any order.
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { EngineLog, packageRoot, pluginExecutable, pluginVersion, schemaPath, startProviderServer, unwrapSecrets, type RunningServer } from "pulumi-scalekit-connectors/internal";
import { emulatorControl } from "../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../scripts/lib/emulators";
import { connectorUrn, PluginDriver, startPluginProcess, startStandInEngine, type StandInEngine } from "../support/plugin-driver";

const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** A secret as the engine sends it: Pulumi's own markers (@pulumi/pulumi's runtime), not the plugin's constants. */
const secret = (value: unknown) => ({ [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value });

let emulator: WatchedEmulator;
let engine: StandInEngine;
const servers: RunningServer[] = [];
const drivers: PluginDriver[] = [];
let driver: PluginDriver;

async function plugin(): Promise<PluginDriver> {
  const server = await startProviderServer({ engineLog: new EngineLog(engine.address) });
  servers.push(server);
  const started = new PluginDriver(`127.0.0.1:${server.port}`);
  drivers.push(started);
  return started;
}

/** A connector of its own for each test: a BASIC pattern whose default password is declared secret. */
function basicConnector(name: string, password: unknown = secret(`pw-${randomBytes(6).toString("hex")}`)): Record<string, unknown> {
  return {
    displayName: name,
    description: "Tickets and customers",
    authPatterns: [
      {
        type: "BASIC",
        displayName: "Basic",
        fields: [
          { fieldName: "username", label: "User", inputType: "text", required: true },
          { fieldName: "domain", label: "Domain", inputType: "text", isPathParam: true },
        ],
        authFieldMutations: { password: { default: password } },
      },
    ],
    proxyUrl: "https://{{domain}}.example.com/api",
  };
}

function writes(): string[] {
  return emulator.requests.entries.filter((request) => ["POST", "PUT", "PATCH", "DELETE"].includes(request.method) && !request.path.startsWith("/oauth")).map((r) => `${r.method} ${r.path}`);
}

async function stored(displayName: string) {
  return (await emulatorControl.connectors(emulator.url)).find((provider) => provider.display_name === displayName);
}

/** Check then Create, as the engine does for a new resource. */
async function created(name: string, declaration: Record<string, unknown>) {
  const urn = connectorUrn(name);
  const { inputs, failures } = await driver.check(urn, declaration);
  expect(failures).toEqual([]);
  const result = await driver.create(urn, inputs);
  return { urn, inputs, ...result };
}

beforeAll(async () => {
  emulator = await startWatchedEmulator({ clientSecret: `plugin-secret-${randomBytes(12).toString("hex")}` });
  engine = await startStandInEngine();
  driver = await plugin();
  await driver.configure({ ...emulator.credentials, clientSecret: secret(emulator.clientSecret), version: "0.1.0" });
});

afterAll(async () => {
  for (const each of drivers) each.close();
  await Promise.all(servers.map((server) => server.stop()));
  await engine?.stop();
  await emulator?.close();
});

test("GetPluginInfo answers the package's version and GetSchema the checked-in schema", async () => {
  expect(await driver.pluginVersion()).toBe(pluginVersion);
  expect(await driver.schema()).toBe(fs.readFileSync(schemaPath, "utf8"));
});

test("Configure says the plugin takes secrets and previews", async () => {
  const other = await plugin();
  expect(await other.configure({})).toEqual({ acceptSecrets: true, supportsPreview: true });
});

test("CheckConfig keeps clientSecret secret even when given plain, and refuses a credential that is not a string", async () => {
  const { inputs, failures } = await driver.checkConfig({ environmentUrl: "https://acme.scalekit.dev", clientId: "skc_1", clientSecret: "plain-given", version: "0.1.0" });
  expect(inputs).toEqual({ environmentUrl: "https://acme.scalekit.dev", clientId: "skc_1", clientSecret: secret("plain-given"), version: "0.1.0" });
  expect(failures).toEqual([]);
  expect((await driver.checkConfig({ clientId: 42 })).failures).toEqual([{ property: "clientId", reason: "must be a string" }]);
});

test("DiffConfig names the credentials that changed and replaces nothing", async () => {
  const olds = { environmentUrl: "https://a.example.com", clientId: "skc_1", clientSecret: secret("one") };
  const rotated = await driver.diffConfig(olds, { ...olds, clientSecret: secret("two") });
  expect(rotated).toMatchObject({ changes: "some", replaces: [], diffs: ["clientSecret"], detailedDiff: { clientSecret: { kind: 4, inputDiff: true } } });
  expect((await driver.diffConfig(olds, { ...olds, clientSecret: "one" })).changes).toBe("none");
});

test("Check returns the user's own shape with the secret password wrapped at exactly its path, the rest plain", async () => {
  const declaration = basicConnector("Secret Path Check", secret("hunter2"));
  const { inputs, failures } = await driver.check(connectorUrn("secret-path"), declaration);
  expect(failures).toEqual([]);
  const patterns = inputs.authPatterns as Record<string, any>[];
  expect(patterns[0]!.authFieldMutations.password.default).toEqual(secret("hunter2"));
  // Only that path: the pattern's other values, and everything else, are plain.
  expect(unwrapSecrets(inputs).secretPaths).toEqual([["authPatterns", 0, "authFieldMutations", "password", "default"]]);
  expect(patterns[0]!.fields[0]).toEqual({ fieldName: "username", label: "User", inputType: "text", required: true });
});

test("Check of a payload-declared connector wraps the secret at its snake_case path", async () => {
  const payload = {
    display_name: "Payload Secret",
    auth_patterns: [{ type: "BEARER", fields: [{ field_name: "token", input_type: "password" }], auth_field_mutations: { token: { default: secret("tok-1"), prefix: "Bearer " } } }],
    proxy_url: "https://api.example.com",
  };
  const { inputs } = await driver.check(connectorUrn("payload-secret"), { scalekitPayload: payload });
  expect(unwrapSecrets(inputs).secretPaths).toEqual([["scalekitPayload", "auth_patterns", 0, "auth_field_mutations", "token", "default"]]);
});

test("Check fails with the property and the rule, as the dynamic provider does, and warns the engine about the resource", async () => {
  const urn = connectorUrn("bad-url");
  const bad = { ...basicConnector("Bad Url"), proxyUrl: "http://{{domain}}.example.com" };
  const { failures } = await driver.check(urn, bad);
  expect(failures).toEqual([{ property: "proxyUrl", reason: "must start with https://" }]);

  const mistyped = basicConnector("Mistyped Key");
  (mistyped.authPatterns as Record<string, unknown>[])[0]!.displayNme = "Basic";
  const warnedUrn = connectorUrn("mistyped");
  await driver.check(warnedUrn, mistyped);
  const warning = await engine.logged(warnedUrn);
  expect(warning.severity).toBe(2);
  expect(warning.message).toContain("authPatterns[0].displayNme");
});

test("Create in a preview writes nothing; the outputs are the declaration's, the identifiers unknown, the secret still secret", async () => {
  const urn = connectorUrn("preview-create");
  const { inputs } = await driver.check(urn, basicConnector("Preview Create"));
  emulator.requests.clear();
  const { id, properties } = await driver.create(urn, inputs, true);
  expect(writes()).toEqual([]);
  expect(id).toBe("");
  expect(properties).toMatchObject({ identifier: unknown, scalekitId: unknown, displayName: "Preview Create", proxyUrl: "https://{{domain}}.example.com/api" });
  expect(unwrapSecrets(properties).secretPaths).toEqual([["authPatterns", 0, "authFieldMutations", "password", "default"]]);
});

test("Create sends Scalekit the plain password; the outputs keep it secret at its path only", async () => {
  const { id, properties } = await created("created", basicConnector("Created Plain", secret("s3cret-value")));
  const connector = await stored("Created Plain");
  expect(connector?.identifier).toBe(id);
  expect((connector?.auth_patterns[0] as Record<string, any>).auth_field_mutations.password.default).toBe("s3cret-value");
  expect(properties.identifier).toBe(id);
  expect(unwrapSecrets(properties).secretPaths).toEqual([["authPatterns", 0, "authFieldMutations", "password", "default"]]);
  expect((properties.authPatterns as Record<string, any>[])[0]!.authFieldMutations.password.default).toEqual(secret("s3cret-value"));
});

test("Diff reports the changed leaves at the user's property paths, with stables and no replacement", async () => {
  const declaration = basicConnector("Diff Paths");
  const { urn, id, properties } = await created("diff-paths", declaration);
  const edited = structuredClone(declaration) as Record<string, any>;
  edited.description = "Tickets, customers and notes";
  edited.authPatterns[0].fields[0].label = "User name";
  edited.metadata = { owner: "support-team" };
  const news = (await driver.check(urn, edited)).inputs;
  const diff = await driver.diff(urn, id, properties, news);
  expect(diff).toMatchObject({ changes: "some", replaces: [], stables: ["identifier", "scalekitId"], hasDetailedDiff: true });
  expect(diff.detailedDiff).toEqual({
    description: { kind: 4, inputDiff: true },
    "authPatterns[0].fields[0].label": { kind: 4, inputDiff: true },
    "metadata.owner": { kind: 0, inputDiff: true },
  });
  expect(diff.diffs.sort()).toEqual(["authPatterns", "description", "metadata"]);
  expect((await driver.diff(urn, id, properties, (await driver.check(urn, declaration)).inputs)).changes).toBe("none");
});

test("Update in a preview writes nothing and answers known outputs: the same identifiers, the new definition", async () => {
  const declaration = basicConnector("Preview Update");
  const { urn, id, properties } = await created("preview-update", declaration);
  const news = (await driver.check(urn, { ...declaration, description: "Changed in preview" })).inputs;
  emulator.requests.clear();
  const outputs = await driver.update(urn, id, properties, news, true);
  expect(writes()).toEqual([]);
  expect(outputs).toMatchObject({ identifier: id, scalekitId: properties.scalekitId, isCustomMcp: false, description: "Changed in preview" });
  expect(JSON.stringify(outputs)).not.toContain(unknown);
  expect(unwrapSecrets(outputs).secretPaths).toEqual([["authPatterns", 0, "authFieldMutations", "password", "default"]]);
});

test("Update sends the new definition and keeps the secret at its path", async () => {
  const declaration = basicConnector("Updated For Real");
  const { urn, id, properties } = await created("update", declaration);
  const news = (await driver.check(urn, { ...declaration, description: "Second version" })).inputs;
  const outputs = await driver.update(urn, id, properties, news);
  expect((await stored("Updated For Real"))?.description).toBe("Second version");
  expect(outputs.description).toBe("Second version");
  expect(unwrapSecrets(outputs).secretPaths).toEqual([["authPatterns", 0, "authFieldMutations", "password", "default"]]);
});

test("Read for an import (the id alone) writes nothing, keeps the default password secret, and a matching declaration then shows no change", async () => {
  const declaration = basicConnector("Imported One", secret("imported-pw"));
  const { id } = await created("import-source", declaration);
  const urn = connectorUrn("imported");
  emulator.requests.clear();
  const read = await driver.read(urn, id);
  expect(writes()).toEqual([]);
  expect(read.id).toBe(id);
  expect(read.inputs).toMatchObject({ displayName: "Imported One", description: "Tickets and customers" });
  for (const values of [read.properties, read.inputs]) {
    expect(unwrapSecrets(values).secretPaths).toEqual([["authPatterns", 0, "authFieldMutations", "password", "default"]]);
  }
  const news = (await driver.check(urn, declaration, read.inputs)).inputs;
  expect((await driver.diff(urn, id, read.properties, news)).changes).toBe("none");
});

test("Read for a refresh keeps secret what the stored state held secret, at its path", async () => {
  const declaration = { ...basicConnector("Refreshed Secret"), metadata: { owner: secret("team-secret"), tier: "gold" } };
  const { urn, id, properties, inputs } = await created("refresh-secret", declaration);
  const read = await driver.read(urn, id, properties, inputs);
  for (const values of [read.properties, read.inputs]) {
    expect((values.metadata as Record<string, unknown>).owner).toEqual(secret("team-secret"));
    expect((values.metadata as Record<string, unknown>).tier).toBe("gold");
  }
});

test("Read for a refresh of a connector deleted outside Pulumi answers no id; Delete removes one", async () => {
  const { urn, id, properties } = await created("deleted", basicConnector("Deleted Soon"));
  await driver.delete(urn, id, properties);
  expect(await stored("Deleted Soon")).toBeUndefined();
  expect((await driver.read(urn, id, properties)).id).toBe("");
});

test("Credentials come from Configure's variables, and else from the SCALEKIT_* variables", async () => {
  const fromVariables = await plugin();
  await fromVariables.configure(undefined, {
    "scalekit:config:environmentUrl": emulator.url,
    "scalekit:config:clientId": emulator.clientId,
    "scalekit:config:clientSecret": emulator.clientSecret,
  });
  const urn = connectorUrn("from-variables");
  await fromVariables.create(urn, (await fromVariables.check(urn, basicConnector("From Variables"))).inputs);
  expect(await stored("From Variables")).toBeDefined();

  const fromEnvironment = await plugin();
  await fromEnvironment.configure({});
  const saved = { url: process.env.SCALEKIT_ENVIRONMENT_URL, id: process.env.SCALEKIT_CLIENT_ID, secret: process.env.SCALEKIT_CLIENT_SECRET };
  Object.assign(process.env, { SCALEKIT_ENVIRONMENT_URL: emulator.url, SCALEKIT_CLIENT_ID: emulator.clientId, SCALEKIT_CLIENT_SECRET: emulator.clientSecret });
  try {
    const envUrn = connectorUrn("from-environment");
    await fromEnvironment.create(envUrn, (await fromEnvironment.check(envUrn, basicConnector("From Environment"))).inputs);
  } finally {
    for (const [key, value] of [["SCALEKIT_ENVIRONMENT_URL", saved.url], ["SCALEKIT_CLIENT_ID", saved.id], ["SCALEKIT_CLIENT_SECRET", saved.secret]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  expect(await stored("From Environment")).toBeDefined();
});

test("An error names what failed and carries no secret: a wrong client secret, and missing credentials", async () => {
  const wrongSecret = `wrong-${randomBytes(8).toString("hex")}`;
  const wrong = await plugin();
  await wrong.configure({ environmentUrl: emulator.url, clientId: emulator.clientId, clientSecret: secret(wrongSecret) });
  const urn = connectorUrn("wrong-secret");
  const inputs = (await wrong.check(urn, basicConnector("Wrong Secret", secret("never-shown")))).inputs;
  const failure = await wrong.create(urn, inputs).then(
    () => undefined,
    (error: Error) => error.message,
  );
  // What failed (the token request), Scalekit's answer in its own words, and the settings to fix.
  expect(failure).toMatch(/^\d+ UNKNOWN: Getting a Scalekit access token failed: /);
  expect(failure).toContain("Scalekit answered 401 Unauthenticated: client_id or client_secret is wrong for this environment.");
  expect(failure).toMatch(/Check scalekit:clientId and scalekit:clientSecret \(or SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET\)/);
  expect(failure).not.toContain(wrongSecret);
  expect(failure).not.toContain("never-shown");

  const missing = await plugin();
  await missing.configure({});
  const saved = process.env.SCALEKIT_ENVIRONMENT_URL;
  delete process.env.SCALEKIT_ENVIRONMENT_URL;
  try {
    const message = await missing.create(urn, inputs).then(() => "", (error: Error) => error.message);
    expect(message).toContain("scalekit:environmentUrl");
  } finally {
    if (saved !== undefined) process.env.SCALEKIT_ENVIRONMENT_URL = saved;
  }
});

test("The executable, started as the engine starts it, prints its port and sends warnings to the engine at the address it was given", async () => {
  const { port, child, stderr } = await startPluginProcess(path.join(packageRoot, "bin", pluginExecutable), engine.address);
  const spawned = new PluginDriver(`127.0.0.1:${port}`);
  try {
    expect(await spawned.pluginVersion()).toBe(pluginVersion);
    const mistyped = basicConnector("Spawned Warning");
    (mistyped.authPatterns as Record<string, unknown>[])[0]!.feilds = [];
    const urn = connectorUrn("spawned-warning");
    await spawned.check(urn, mistyped);
    expect((await engine.logged(urn)).message).toContain("feilds");
    expect(stderr()).toBe("");
  } finally {
    spawned.close();
    child.kill();
  }
});
