/**
 * Values a program marks secret inside a connector, through the real Pulumi CLI: a shared default
 * password in `authFieldMutations` and a metadata value (typed arguments), and a
 * `scalekitPayload` built from a secret. Scalekit (the emulator) must receive the real values;
 * `pulumi stack export`, every command's output, the stack outputs and the warnings must never
 * show them. Covers up, an edited secret (preview --diff, up), no change, a refresh that finds a
 * change made outside Pulumi, destroy, and the upgrade of state written by 0.1.0 (which held
 * them in plain text).
 */
import * as fs from "fs";
import * as path from "path";
import { credentialsEnv } from "../../../scripts/lib/credentials";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { testFixturesDir } from "../../../scripts/lib/paths";
import { runPulumi, runPulumiOk, type PulumiRunResult } from "../../../scripts/lib/pulumi-process";
import { EmulatorClient } from "../../support/emulator-api";
import { openWorkProject, type WorkProject } from "../../support/work-project";

jest.setTimeout(240_000);

const fixture = path.join(testFixturesDir, "state-0.1.0");
/** The fixture's secret config values (see its README). */
const original = { sharedPassword: "Sup3r-Shared-Passw0rd-XYZ", ticketKey: "tk_live_9f8e7d6c5b4a" };
const edited = "N3w-Shared-Passw0rd-ABC";
const changedOutside = "tk_changed_outside_7788";
/** Every plain value that must never be seen outside Scalekit. */
const plainValues = [original.sharedPassword, original.ticketKey, edited, changedOutside];
/**
 * How exported state holds a secret value: an object under Pulumi's signature key whose value is
 * the secret signature, beside the ciphertext (specialSigKey and specialSecretSig in
 * @pulumi/pulumi's runtime/rpc, the same in every Pulumi SDK).
 */
const secretSignature = "4dabf18193072939515e22adb298388d";
const secretSignatureValue = "1b47061264138c4ac30d75fd1eb44270";

/** Fails unless `value` is a secret as exported state holds it (no plain value beside the ciphertext). */
function expectSecret(value: unknown, where: string): void {
  expect({ where, value }).toEqual({ where, value: { [secretSignature]: secretSignatureValue, ciphertext: expect.stringMatching(/\S{16,}/) } });
}

interface Project extends WorkProject {
  emulator: WatchedEmulator;
  transcript: string[];
}

/** The fixture's program in a temporary folder, with its own backend and an emulator (holding `stateFile`, if given). */
async function openProject(stateFile?: string): Promise<Project> {
  const project = await openWorkProject({
    label: "scalekit-secrets",
    programFrom: fixture,
    programFiles: ["index.ts", "Pulumi.yaml", "package.json"],
    passphrase: "legacy-fixture-passphrase",
  });
  fs.writeFileSync(path.join(project.dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "commonjs", esModuleInterop: true, skipLibCheck: true } }));
  let statePath: string | undefined;
  if (stateFile) {
    statePath = path.join(project.tmp, "emulator-state.json");
    fs.copyFileSync(stateFile, statePath);
  }
  const emulator = await startWatchedEmulator(statePath ? { statePath } : { identifierStyle: "opaque" });
  project.session.env = { ...project.session.env, ...credentialsEnv(emulator.credentials) };
  return { ...project, emulator, transcript: [] };
}

async function ok(project: Project, args: string[]): Promise<PulumiRunResult> {
  const result = await runPulumiOk(project.session, args);
  project.transcript.push(result.output);
  return result;
}

async function run(project: Project, args: string[]): Promise<PulumiRunResult> {
  const result = await runPulumi(project.session, args);
  project.transcript.push(result.output);
  return result;
}

/** `pulumi stack export`, as a user would run it (no --show-secrets); checked by each test, kept out of the transcript. */
async function exported(project: Project): Promise<string> {
  return (await runPulumiOk(project.session, ["stack", "export"])).stdout;
}

/** What the emulator holds, by display name (Scalekit's own snake_case objects). */
async function stored(project: Project): Promise<Record<string, any>> {
  return Object.fromEntries((await emulatorControl.connectors(project.emulator.url)).map((provider) => [provider.display_name, provider]));
}

async function writes(project: Project): Promise<number> {
  return (await emulatorControl.counters(project.emulator.url)).writes;
}

/** Fails naming the value and where it was seen. */
function expectNoPlainValue(text: string, where: string): void {
  for (const value of plainValues) {
    if (text.includes(value)) throw new Error(`the secret value ${value.slice(0, 4)}… appears in plain text in ${where}`);
  }
}

function connectorResources(state: string): Record<string, any>[] {
  return (JSON.parse(state).deployment.resources as Record<string, any>[]).filter((resource) => resource.type.endsWith("CustomConnector"));
}

function named(state: string, name: string): Record<string, any> {
  return connectorResources(state).find((resource) => resource.urn.endsWith(`::${name}`))!;
}

async function close(project: Project | undefined): Promise<void> {
  if (!project) return;
  await project.emulator.close();
  project.cleanup();
}

describe("a new stack", () => {
  let project: Project;

  beforeAll(async () => {
    project = await openProject();
    await ok(project, ["stack", "init", "fresh"]);
    await ok(project, ["config", "set", "--secret", "sharedPassword", original.sharedPassword]);
    await ok(project, ["config", "set", "--secret", "ticketKey", original.ticketKey]);
  });

  afterAll(async () => {
    if (project) expectNoPlainValue(project.transcript.join("\n"), "the output of a pulumi command");
    await close(project);
  });

  test("up sends the real values to Scalekit and keeps them secret in state, outputs and the CLI", async () => {
    await ok(project, ["up", "--yes"]);
    const live = await stored(project);
    expect(live["Legacy Helpdesk"].auth_patterns[0].auth_field_mutations.password.default).toBe(original.sharedPassword);
    expect(live["Legacy Helpdesk"].metadata).toEqual({ team: "support", ticketKey: original.ticketKey });
    expect(live["Legacy Payload Desk"].auth_patterns[0].auth_field_mutations.password.default).toBe(original.sharedPassword);
    const state = await exported(project);
    expectNoPlainValue(state, "pulumi stack export");
    // The secrets are there, as ciphertext, in the inputs and in the outputs.
    const helpdesk = named(state, "helpdesk");
    expectSecret(helpdesk.inputs.authPatterns, "helpdesk inputs.authPatterns");
    expectSecret(helpdesk.inputs.metadata.ticketKey, "helpdesk inputs.metadata.ticketKey");
    expectSecret(helpdesk.outputs.authPatterns, "helpdesk outputs.authPatterns");
    expectSecret(helpdesk.outputs.metadata.ticketKey, "helpdesk outputs.metadata.ticketKey");
    expect(helpdesk.outputs.metadata.team).toBe("support");
    expectSecret(named(state, "payload-built").outputs.scalekitPayload, "payload-built outputs.scalekitPayload");
    // What holds no secret stays readable.
    expect(named(state, "plain").outputs.displayName).toBe("Legacy Plain");
    expectNoPlainValue((await ok(project, ["stack", "output", "--json"])).stdout, "pulumi stack output");
  });

  test("an unchanged secret plans no change", async () => {
    await ok(project, ["preview", "--expect-no-changes"]);
  });

  test("an edited secret previews as an update showing [secret], never a value, and up applies it", async () => {
    await ok(project, ["config", "set", "--secret", "sharedPassword", edited]);
    const preview = await ok(project, ["preview", "--diff"]);
    expect(preview.output).toMatch(/~ pulumi-nodejs:dynamic\/scalekit:CustomConnector: \(update\)[\s\S]*::helpdesk\]/);
    expect(preview.output).toMatch(/scalekitPayload: \[secret\]/);
    expect(preview.output).toMatch(/authPatterns: \[secret\]/);
    expect(preview.output).toContain("2 to update");
    expectNoPlainValue(preview.output, "pulumi preview --diff");
    await ok(project, ["up", "--yes"]);
    const live = await stored(project);
    expect(live["Legacy Helpdesk"].auth_patterns[0].auth_field_mutations.password.default).toBe(edited);
    expect(live["Legacy Payload Desk"].auth_patterns[0].auth_field_mutations.password.default).toBe(edited);
    expectNoPlainValue(await exported(project), "pulumi stack export");
  });

  test("a refresh that finds a secret changed outside Pulumi keeps the new value secret, and up restores the declared one", async () => {
    const live = (await stored(project))["Legacy Helpdesk"];
    const { id: _id, identifier, categories: _c, display_priority: _d, coming_soon: _s, is_custom: _i, is_custom_mcp: _m, ...payload } = live;
    // Changed in the dashboard: through Scalekit's API, not through Pulumi.
    const changed = await new EmulatorClient(project.emulator).update(identifier, { ...payload, metadata: { team: "support", ticketKey: changedOutside } });
    expect(changed.status).toBe(200);
    const refresh = await ok(project, ["refresh", "--yes"]);
    expectNoPlainValue(refresh.output, "pulumi refresh");
    const state = await exported(project);
    expectNoPlainValue(state, "pulumi stack export after the refresh");
    expectSecret(named(state, "helpdesk").outputs.metadata.ticketKey, "helpdesk outputs.metadata.ticketKey after the refresh");
    const preview = await ok(project, ["preview", "--diff"]);
    expect(preview.output).toContain("1 to update");
    expectNoPlainValue(preview.output, "pulumi preview --diff after the refresh");
    await ok(project, ["up", "--yes"]);
    expect((await stored(project))["Legacy Helpdesk"].metadata.ticketKey).toBe(original.ticketKey);
  });

  test("destroy removes them and says nothing of the values", async () => {
    await ok(project, ["destroy", "--yes"]);
    expect(await stored(project)).toEqual({});
  });

  test("a declaration that fails check names the property and the rule, never a secret value", async () => {
    const program = path.join(project.dir, "index.ts");
    const valid = fs.readFileSync(program, "utf8");
    // The helpdesk's proxy URL made plain http; its pattern and metadata still carry the secrets.
    fs.writeFileSync(program, valid.replace('proxyUrl: "https://{{domain}}/api"', 'proxyUrl: "http://{{domain}}/api"'));
    try {
      const preview = await run(project, ["preview"]);
      expect(preview.code).not.toBe(0);
      expect(preview.output).toContain("property proxyUrl value {http://{{domain}}/api} has a problem: must start with https://");
      expectNoPlainValue(preview.output, "a failed pulumi preview");
    } finally {
      fs.writeFileSync(program, valid);
    }
  });
});

describe("a stack written by version 0.1.0, secrets in plain text", () => {
  let project: Project;

  beforeAll(async () => {
    project = await openProject(path.join(fixture, "emulator-state.json"));
    fs.copyFileSync(path.join(fixture, "Pulumi.legacy.yaml"), path.join(project.dir, "Pulumi.legacy.yaml"));
    await ok(project, ["stack", "init", "legacy"]);
    await ok(project, ["stack", "import", "--file", path.join(fixture, "state-export.json")]);
  });

  afterAll(async () => {
    await close(project);
  });

  test("the upgraded provider previews no change", async () => {
    const preview = await ok(project, ["preview", "--expect-no-changes", "--diff"]);
    expect(preview.output).toContain("4 unchanged");
    expect(await writes(project)).toBe(0);
  });

  test("the next up re-writes them as secrets without a write to Scalekit", async () => {
    expect((await exported(project)).includes(original.sharedPassword)).toBe(true); // the defect being repaired
    const up = await ok(project, ["up", "--yes"]);
    expectNoPlainValue(up.output, "pulumi up");
    expect(await writes(project)).toBe(0);
    const state = await exported(project);
    expectNoPlainValue(state, "pulumi stack export after the upgrade");
    // The three connectors of the old state, each checked (a loop over none would prove nothing).
    const connectors = connectorResources(state);
    expect(connectors.map((resource) => resource.urn.split("::").pop()).sort()).toEqual(["helpdesk", "payload-built", "plain"]);
    for (const resource of connectors) expectSecret(resource.outputs.definition, `${resource.urn} outputs.definition`);
    await ok(project, ["preview", "--expect-no-changes"]);
  });

  test("a later change of the secret still reaches Scalekit and leaves no plain value", async () => {
    await ok(project, ["config", "set", "--secret", "sharedPassword", edited]);
    await ok(project, ["up", "--yes"]);
    expect((await stored(project))["Legacy Helpdesk"].auth_patterns[0].auth_field_mutations.password.default).toBe(edited);
    const state = await exported(project);
    expectNoPlainValue(state, "pulumi stack export");
    expect(named(state, "helpdesk").outputs.definition).toBeUndefined();
    expectNoPlainValue(project.transcript.join("\n"), "the output of a pulumi command");
  });
});
