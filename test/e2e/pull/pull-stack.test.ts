/**
 * `npm run pull` end to end with the real Pulumi CLI: connectors created straight through the
 * API of an emulator (opaque identifiers, taken names accepted), a stack whose credentials are in
 * its config (the secret encrypted), the command run as a user runs it, then
 * `pulumi up --config adoptExisting=true` taking the pulled definitions over with no write to
 * Scalekit and a preview that finds nothing to change.
 */
import * as fs from "fs";
import * as path from "path";
import { validateDefinitionFiles, readDefinitionFiles } from "pulumi-scalekit-connectors";
import { credentialsEnv } from "../../../scripts/lib/credentials";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { startWatchedEmulator } from "../../../scripts/lib/emulators";
import { connectorsDir as repoConnectorsDir } from "../../../scripts/lib/paths";
import { runPulumiOk, type PulumiSession } from "../../../scripts/lib/pulumi-process";
import { EmulatorClient } from "../../support/emulator-api";
import { runTool, type ToolRun } from "../../support/run-tool";
import { openWorkProject, setStackCredentials, shellEnv as projectEnv, type WorkProject } from "../../support/work-project";

jest.setTimeout(240_000);

const secret = "pull-e2e-secret-0123456789abcdef";
const passphrase = "pull-e2e-passphrase";
const repoPayload = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(path.join(repoConnectorsDir, file), "utf8"));

let scalekit: EmulatorClient;
let project: WorkProject;
let workDir: string;
let session: PulumiSession;
const connectorsDir = () => path.join(workDir, "connectors");

/** The environment of a user's shell: no SCALEKIT_* variables unless a test adds them. */
function shellEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("SCALEKIT_")) delete env[key];
  return { ...env, ...projectEnv(session), PULUMI_SKIP_UPDATE_CHECK: "true", NO_COLOR: "1", ...extra };
}

/** `npm run pull -- <args>` as the package script runs it, in the project folder. */
async function pull(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<ToolRun> {
  const run = await runTool("pull", args, shellEnv(extraEnv), workDir);
  // PULL_TEST_ECHO=1 shows every run as a user sees it (how the README's example was captured).
  if (process.env.PULL_TEST_ECHO) process.stdout.write(`$ npm run pull -- ${args.join(" ")}\n${run.stdout}${run.stderr}(exit code ${run.code})\n\n`);
  return run;
}

async function writes(): Promise<Record<string, number>> {
  const calls = await emulatorControl.counters(scalekit.url);
  return { POST: calls.create, PUT: calls.update, DELETE: calls.remove };
}

function jsonFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : [];
}

const fileText = (file: string) => fs.readFileSync(path.join(connectorsDir(), file), "utf8");

beforeAll(async () => {
  scalekit = new EmulatorClient(await startWatchedEmulator({ clientSecret: secret, identifierStyle: "opaque", duplicateNames: "accept" }));
  // The folder starts with two definitions: Acme CRM (live as written) and "Ticket Desk Classic" in ticket-desk.json.
  const classic = { ...repoPayload("ledgerly.json"), display_name: "Ticket Desk Classic" };
  project = await openWorkProject({ label: "scalekit-pull", definitions: { "ticket-desk.json": classic }, passphrase, stacks: ["dev"] });
  ({ dir: workDir, session } = project);
  fs.copyFileSync(path.join(repoConnectorsDir, "acme-crm.json"), path.join(connectorsDir(), "acme-crm.json"));
  await setStackCredentials(session, "dev", scalekit.emulator.credentials);

  // Created straight through Scalekit's API, before Pulumi knows any of them.
  for (const file of fs.readdirSync(repoConnectorsDir).filter((f) => f.endsWith(".json"))) await scalekit.created(repoPayload(file));
  await scalekit.created(classic);
  await scalekit.created({ ...repoPayload("ledgerly.json"), display_name: "Ticket Desk", description: "Tickets, not ledgers" });
  await scalekit.created({ ...repoPayload("pager-relay-mcp.json"), display_name: "Status Board" });
  await scalekit.created({ ...repoPayload("pager-relay-mcp.json"), display_name: "status  board" });
  await scalekit.created({ ...repoPayload("statuspage-pro.json"), display_name: "Broken Proxy", proxy_url: "https://{{domain}}/api" });
});

afterAll(async () => {
  await scalekit?.emulator.close();
  project?.cleanup();
});

const newFiles = [
  "docs-hub-mcp.json",
  "forecastly-weather.json",
  "ledgerly.json",
  "open-holidays-mcp.json",
  "pager-relay-mcp.json",
  "statuspage-pro.json",
  "ticket-desk-2.json",
];

describe("pull into a stack whose credentials are in its config", () => {
  let first: ToolRun;
  beforeAll(async () => {
    expect(fs.readFileSync(path.join(workDir, "Pulumi.dev.yaml"), "utf8")).not.toContain(secret);
    first = await pull(["--stack", "dev"]);
  });

  test("exits 0 and writes one file per undeclared, valid, uniquely named connector; keeps the two files it found", () => {
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(jsonFiles(connectorsDir())).toEqual(["acme-crm.json", "ticket-desk.json", ...newFiles].sort());
    expect(fileText("acme-crm.json")).toBe(fs.readFileSync(path.join(repoConnectorsDir, "acme-crm.json"), "utf8"));
    expect(JSON.parse(fileText("ticket-desk.json")).display_name).toBe("Ticket Desk Classic");
  });

  test("each written file is Scalekit's payload, canonical, readable, and passes the program's validation as written", () => {
    const files = readDefinitionFiles(connectorsDir());
    expect(validateDefinitionFiles(files)).toEqual([]);
    for (const file of newFiles) {
      const text = fileText(file);
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      const payload = JSON.parse(text);
      expect(Object.keys(payload)).toEqual(["display_name", "description", "auth_patterns", "proxy_url", "proxy_enabled", "icon_src", "metadata"]);
      expect(Object.keys(payload.auth_patterns[0])[0]).toBe("type");
    }
    expect(JSON.parse(fileText("ticket-desk-2.json"))).toMatchObject({ display_name: "Ticket Desk", description: "Tickets, not ledgers" });
    expect(JSON.parse(fileText("ledgerly.json")).display_name).toBe("Ledgerly");
  });

  test("the report names what was written and what was skipped, and why, then the adoption commands", () => {
    const out = first.stdout;
    expect(out).toContain(`Pull: stack "dev", Scalekit environment ${scalekit.url} (credentials from the stack's config)`);
    expect(out).toContain("Definitions: connectors (2 files before this pull)");
    expect(out).toContain("Live custom connectors: 12");
    expect(out).toContain("Wrote 7 new definition files:");
    for (const file of newFiles) expect(out).toMatch(new RegExp(`^  connectors/${file.replace(".", "\\.")}\\s+"[^"]+" \\(prov_[0-9a-f]+\\)`, "m"));
    expect(out).toMatch(/connectors\/ticket-desk-2\.json\s+"Ticket Desk" \(prov_[0-9a-f]+\); connectors\/ticket-desk\.json holds "Ticket Desk Classic"/);
    expect(out).toContain("Skipped (4):");
    expect(out).toMatch(/"Acme CRM" \(prov_[0-9a-f]+\): already declared by connectors\/acme-crm\.json/);
    expect(out).toMatch(/"Ticket Desk Classic" \(prov_[0-9a-f]+\): already declared by connectors\/ticket-desk\.json/);
    expect(out).toMatch(/"Status Board" \(prov_[0-9a-f]+\), "status {2}board" \(prov_[0-9a-f]+\)|"status {2}board" \(prov_[0-9a-f]+\), "Status Board" \(prov_[0-9a-f]+\)/);
    expect(out).toMatch(/2 live connectors have this name \(compared ignoring case and spaces\), so none is written/);
    expect(out).toMatch(/"Broken Proxy" \(prov_[0-9a-f]+\): invalid, its definition would not pass the provider's validation, so it is not written:\n\s+connectors\/broken-proxy\.json: \S+: .*domain/);
    expect(out).toContain("Summary: 7 written, 2 already declared, 1 with several live connectors of one name, 1 invalid.");
    expect(out).toContain("  npm run pulumi -- up --stack dev --config adoptExisting=true\n  npm run pulumi -- config rm adoptExisting --stack dev\n");
    expect(out).not.toContain(secret);
    expect(fs.existsSync(path.join(connectorsDir(), "broken-proxy.json"))).toBe(false);
  });

  test("pulling again writes nothing and touches no file", async () => {
    const before = Object.fromEntries(jsonFiles(connectorsDir()).map((f) => [f, fileText(f)]));
    const again = await pull(["--stack", "dev"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Wrote nothing: no live custom connector is missing from the definitions.");
    expect(again.stdout).toContain("Summary: 0 written, 9 already declared, 1 with several live connectors of one name, 1 invalid.");
    expect(again.stdout).not.toContain("adoptExisting");
    expect(Object.fromEntries(jsonFiles(connectorsDir()).map((f) => [f, fileText(f)]))).toEqual(before);
  });

  test("pull itself wrote nothing to Scalekit", async () => {
    expect(await writes()).toEqual({ POST: 12, PUT: 0, DELETE: 0 });
  });

  test("up --config adoptExisting=true takes every definition over with no write to Scalekit; the next preview expects no changes", async () => {
    const before = await writes();
    const up = await runPulumiOk(session, ["up", "--yes", "--stack", "dev", "--config", "adoptExisting=true"], { env: shellEnv() });
    expect(up.output).toMatch(/\+ 10 created/); // the stack and nine connectors, each adopted
    expect(await writes()).toEqual(before);
    // Every resource holds the live connector its file names (found by display name, not by a guessed identifier).
    const outputs = JSON.parse((await runPulumiOk(session, ["stack", "output", "connectors", "--json", "--stack", "dev"], { env: shellEnv() })).stdout);
    expect(Object.keys(outputs).sort()).toEqual(["acme-crm", "ticket-desk", ...newFiles.map((f) => f.slice(0, -5))].sort());
    for (const [name, identifier] of Object.entries(outputs)) {
      const displayName = JSON.parse(fileText(`${name}.json`)).display_name;
      expect(await scalekit.identifierOf(displayName)).toBe(identifier);
    }
    await runPulumiOk(session, ["config", "rm", "adoptExisting", "--stack", "dev"], { env: shellEnv() });
    const preview = await runPulumiOk(session, ["preview", "--expect-no-changes", "--stack", "dev"], { env: shellEnv() });
    expect(preview.code).toBe(0);
    expect(await writes()).toEqual(before);
  });
});

describe("credentials, folders and exit codes", () => {
  test("--help prints the usage and exits 0", async () => {
    const run = await pull(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: npm run connectors -- pull --stack <stack> \[--dir <connectorsDir>\]/);
  });

  test("usage errors exit 2: no --stack, an unknown flag, a stack that does not exist", async () => {
    const none = await pull([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^pull: --stack is required/);
    const unknown = await pull(["--stack", "dev", "--overwrite"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown argument "--overwrite"/);
    const missing = await pull(["--stack", "staging"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/there is no stack "staging" in this project's backend \(stacks: dev[^)]*\)/);
  });

  test("a stack without credentials in its config takes them from SCALEKIT_* variables, as pulumi up does; --dir picks the folder", async () => {
    await runPulumiOk(session, ["stack", "init", "from-env"], { env: shellEnv() });
    const run = await pull(["--stack", "from-env", "--dir", "pulled"], credentialsEnv(scalekit.emulator.credentials));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("(credentials from the SCALEKIT_* environment variables)");
    expect(run.stdout).toContain("Definitions: pulled (0 files before this pull)");
    expect(run.stdout).toContain("Wrote 9 new definition files:");
    expect(run.stdout).toContain("  npm run pulumi -- config set connectorsDir pulled --stack from-env\n");
    expect(jsonFiles(path.join(workDir, "pulled"))).toEqual(["acme-crm.json", "ticket-desk-classic.json", ...newFiles.filter((f) => f !== "ticket-desk-2.json"), "ticket-desk.json"].sort());
    expect(run.stdout).not.toContain(secret);
  });

  test("missing credentials exit 1 and say how to set them for this stack", async () => {
    const run = await pull(["--stack", "from-env"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/stack "from-env": Scalekit credentials are missing: scalekit:environmentUrl, scalekit:clientId, scalekit:clientSecret/);
    expect(run.stderr).toContain("npm run pulumi -- config set scalekit:environmentUrl <value> --stack from-env");
    expect(run.stderr).toContain("SCALEKIT_ENVIRONMENT_URL");
  });

  test("a client secret Scalekit refuses exits 1 and names what to check, without the secret", async () => {
    await runPulumiOk(session, ["stack", "init", "wrong-secret"], { env: shellEnv() });
    await setStackCredentials(session, "wrong-secret", { ...scalekit.emulator.credentials, clientSecret: "not-the-secret-0123456789" });
    const run = await pull(["--stack", "wrong-secret", "--dir", "never"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^pull: cannot list the custom connectors of stack "wrong-secret" at http:\/\/127\.0\.0\.1:\d+: /);
    expect(run.stderr).toMatch(/401|client/i);
    expect(run.stderr).toContain(`Stack "wrong-secret" took these credentials from the stack's config`);
    expect(run.stderr).not.toContain("not-the-secret-0123456789");
    expect(fs.existsSync(path.join(workDir, "never"))).toBe(false);
  });

  test("an environment that does not answer exits 1", async () => {
    const closed = await startWatchedEmulator();
    const url = closed.url;
    await closed.close();
    const run = await pull(["--stack", "from-env", "--dir", "never"], { SCALEKIT_ENVIRONMENT_URL: url, SCALEKIT_CLIENT_ID: "id", SCALEKIT_CLIENT_SECRET: "secret-value-0123456789" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot list the custom connectors of stack "from-env"/);
    expect(run.stderr).toMatch(/no answer|reachable/);
  });

  test("a secret the passphrase cannot decrypt exits 1 and points at the passphrase", async () => {
    const run = await pull(["--stack", "dev", "--dir", "never"], { PULUMI_CONFIG_PASSPHRASE: "not-the-passphrase" });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/cannot read the config of stack "dev"/);
    expect(run.stderr).toContain("PULUMI_CONFIG_PASSPHRASE");
  });
});
