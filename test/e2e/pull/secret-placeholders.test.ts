/**
 * A credential pulled from Scalekit reaches no file and no output, through the real Pulumi CLI.
 * Dev and Production (two emulators) each hold "Helpdesk Basic" with its own live default
 * password. `npm run pull -- --stack dev` writes a placeholder and a warning; the root program
 * refuses to run (no write to Scalekit) until the stack's secret config holds the value; with it,
 * adoption writes nothing and the next preview finds no change. The review of dev → production,
 * in Markdown, compares the passwords without showing them.
 */
import * as fs from "fs";
import * as path from "path";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { startEmulators, type Emulators } from "../../../scripts/lib/emulators";
import { runPulumi, runPulumiOk, type PulumiRunResult, type PulumiSession } from "../../../scripts/lib/pulumi-process";
import { EmulatorClient } from "../../support/emulator-api";
import { runTool, type ToolRun } from "../../support/run-tool";
import { openWorkProject, setStackCredentials, shellEnv as projectEnv, type WorkProject } from "../../support/work-project";
import { basicWithDefaultPassword } from "../../support/payloads";

jest.setTimeout(300_000);

const passwords = { dev: 'dev-Pa55"word\\pulled-5e1c', production: 'prod-Pa55"word\\pulled-a09b' };
const configKey = "helpdesk-basic-password";
const propertyPath = "auth_patterns[0].auth_field_mutations.password.default";

function helpdesk(password: string): Record<string, unknown> {
  return basicWithDefaultPassword("Helpdesk Basic", password, { description: "Tickets through Basic auth", proxy_enabled: true });
}

let emulators: Emulators<"dev" | "production">;
let project: WorkProject;
let session: PulumiSession;
/** Everything every command printed, checked at the end. */
const transcript: string[] = [];

function shellEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("SCALEKIT_")) delete env[key];
  return { ...env, ...projectEnv(session), PULUMI_SKIP_UPDATE_CHECK: "true", NO_COLOR: "1" };
}

async function tool(name: "pull" | "review", args: string[]): Promise<ToolRun> {
  const run = await runTool(name, args, shellEnv(), session.cwd);
  transcript.push(run.stdout, run.stderr);
  return run;
}

async function pulumi(args: string[]): Promise<PulumiRunResult> {
  const result = await runPulumi(session, args, { env: shellEnv() });
  transcript.push(result.output);
  return result;
}

/** Writes to Dev since the connectors were created there by hand. */
let createdByHand = 0;
async function writes(): Promise<number> {
  return (await emulatorControl.counters(emulators.dev.url)).writes - createdByHand;
}

/** Fails naming where a password was seen, plain or JSON-escaped. */
function expectNoPassword(text: string, where: string): void {
  for (const value of Object.values(passwords)) {
    for (const form of [value, JSON.stringify(value).slice(1, -1)]) {
      if (text.includes(form)) throw new Error(`${where} holds the password ${value.slice(0, 6)}… (as ${JSON.stringify(form)})`);
    }
  }
}

const pulledFile = () => path.join(project.dir, "connectors", "helpdesk-basic.json");

beforeAll(async () => {
  emulators = await startEmulators({ dev: { clientSecret: "dev-client-secret-e2e" }, production: { clientSecret: "prod-client-secret-e2e" } });
  for (const stack of ["dev", "production"] as const) {
    const answer = await new EmulatorClient(emulators[stack]).create(helpdesk(passwords[stack]));
    expect(answer.status).toBe(201);
  }
  project = await openWorkProject({ label: "pull-secrets", definitions: {}, passphrase: "pull secrets e2e", stacks: ["dev", "production"] });
  session = project.session;
  createdByHand = (await emulatorControl.counters(emulators.dev.url)).writes;
  expect(createdByHand).toBe(1);
  await setStackCredentials(session, "dev", emulators.dev.credentials);
  await setStackCredentials(session, "production", emulators.production.credentials);
});

afterAll(async () => {
  await emulators?.close();
  project?.cleanup();
});

test("pull writes a placeholder and a warning, never the live password", async () => {
  const run = await tool("pull", ["--stack", "dev"]);
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
  expect(JSON.parse(fs.readFileSync(pulledFile(), "utf8")).auth_patterns[0].auth_field_mutations).toEqual({ password: { default: { $secretConfig: configKey } } });
  expect(run.stdout).toContain(`warning: connectors/helpdesk-basic.json: ${propertyPath} is a credential`);
  expect(run.stdout).toContain(`npm run pulumi -- config set --secret ${configKey} --stack dev`);
  for (const file of fs.readdirSync(path.join(project.dir, "connectors"))) {
    expectNoPassword(fs.readFileSync(path.join(project.dir, "connectors", file), "utf8"), file);
  }
  expectNoPassword(run.stdout + run.stderr, "npm run pull");
});

test("without the secret config value, the program stops before any write, naming the file, the property and the command", async () => {
  const up = await pulumi(["up", "--yes", "--stack", "dev", "--config", "adoptExisting=true"]);
  expect(up.code).not.toBe(0);
  expect(up.output).toContain(
    `connectors/helpdesk-basic.json: ${propertyPath}: takes its value from the secret config value "${configKey}", which stack "dev" does not set.`,
  );
  expect(up.output).toContain(`npm run pulumi -- config set --secret ${configKey} --stack dev`);
  expect(await writes()).toBe(0);
});

test("with the value as secret config, adoption writes nothing and the next preview finds no change", async () => {
  await runPulumiOk(session, ["config", "set", "--secret", configKey, passwords.dev, "--stack", "dev"], { env: shellEnv() });
  expectNoPassword(fs.readFileSync(path.join(project.dir, "Pulumi.dev.yaml"), "utf8"), "Pulumi.dev.yaml");
  const up = await pulumi(["up", "--yes", "--stack", "dev", "--config", "adoptExisting=true"]);
  expect(up.code).toBe(0);
  await pulumi(["config", "rm", "adoptExisting", "--stack", "dev"]);
  const preview = await pulumi(["preview", "--expect-no-changes", "--diff", "--stack", "dev"]);
  expect(preview.code).toBe(0);
  expect(await writes()).toBe(0);
  expectNoPassword((await runPulumiOk(session, ["stack", "export", "--stack", "dev"], { env: shellEnv() })).stdout, "pulumi stack export");
});

test("the review of dev -> production compares the passwords masked: Dev the same as proposed, Production not", async () => {
  // Production is to receive Dev's password: its stack's secret config holds it.
  await runPulumiOk(session, ["config", "set", "--secret", configKey, passwords.dev, "--stack", "production"], { env: shellEnv() });
  const review = await tool("review", ["--from", "dev", "--to", "production", "--format", "markdown"]);
  expect({ code: review.code, stderr: review.stderr }).toEqual({ code: 2, stderr: "" });
  expect(review.stdout).toContain(`| \`*\` | \`${propertyPath}\` | (secret, same) | (secret, differs) | (secret, from config ${configKey}) |`);
  const json = await tool("review", ["--from", "dev", "--to", "production", "--json"]);
  const row = JSON.parse(json.stdout).connectors[0].rows.find((entry: { path: string }) => entry.path === propertyPath);
  expect(row).toEqual({ path: propertyPath, secret: true, source: { secret: "same" }, target: { secret: "differs" }, proposed: { secret: "set", configKey }, targetChanges: true, sourceDiffers: false });
  // The state of a stack whose definition has a placeholder marks its whole payload secret; that alone masks nothing else.
  const plain = JSON.parse(json.stdout).connectors[0].rows.find((entry: { path: string }) => entry.path === "auth_patterns[0].display_name");
  expect(plain).toMatchObject({ source: "Basic Auth", target: "Basic Auth", proposed: "Basic Auth" });
});

test("no command printed a password", () => {
  expectNoPassword(transcript.join("\n"), "the output of a command");
});
