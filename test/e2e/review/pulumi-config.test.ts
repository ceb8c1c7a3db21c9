/**
 * The review takes each stack's credentials (and the target stack's connectorsDir) from the
 * stacks' Pulumi config, read with the project's real Pulumi CLI from a local file backend, with
 * no SCALEKIT_* environment variables at all.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { prepareProjectCopy } from "../../../scripts/lib/project-copy";
import { runPulumiOk, PulumiSession } from "../../../scripts/lib/pulumi-process";
import { runReviewCli } from "../../support/run-script";
import { startScenario, Scenario } from "../../support/review-scenario";

let scenario: Scenario;
let tmp: string;
let session: PulumiSession;

// Each Pulumi CLI command takes a second or more; the first run on a machine may build the CLI.
jest.setTimeout(10 * 60 * 1000);

beforeAll(async () => {
  scenario = await startScenario();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "review-config-"));
  const projectDir = prepareProjectCopy(path.join(tmp, "project"));
  const backendDir = path.join(tmp, "state");
  fs.mkdirSync(backendDir);
  session = { cwd: projectDir, backendDir, passphrase: "review test passphrase", env: { PULUMI_HOME: path.join(tmp, "pulumi-home") } };
  for (const [stack, emulator] of [["dev", scenario.dev], ["production", scenario.production]] as const) {
    await runPulumiOk(session, ["stack", "init", stack]);
    await runPulumiOk(session, ["config", "set", "scalekit:environmentUrl", emulator.url, "--stack", stack]);
    await runPulumiOk(session, ["config", "set", "scalekit:clientId", emulator.clientId, "--stack", stack]);
    await runPulumiOk(session, ["config", "set", "--secret", "scalekit:clientSecret", emulator.clientSecret, "--stack", stack]);
  }
  // The production stack's own definitions folder, outside the project.
  await runPulumiOk(session, ["config", "set", "connectorsDir", scenario.definitionsDir, "--stack", "production"]);
});

afterAll(async () => {
  await scenario?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test("credentials and connectorsDir come from the stacks' Pulumi config", async () => {
  const stackFile = fs.readFileSync(path.join(session.cwd, "Pulumi.production.yaml"), "utf8");
  expect(stackFile).not.toContain(scenario.production.clientSecret);

  const result = await runReviewCli(["--from", "dev", "--to", "production", "--json"], {
    PULUMI_BACKEND_URL: `file://${session.backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: session.passphrase,
    PULUMI_HOME: path.join(tmp, "pulumi-home"),
  }, session.cwd);
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 2, stderr: "" });
  const doc = JSON.parse(result.stdout);
  expect(doc).toMatchObject({
    // The stacks exist but hold no connector yet: everything is matched by display name.
    source: { stack: "dev", environmentUrl: scenario.dev.url, state: { status: "read", connectors: 0 } },
    target: { stack: "production", environmentUrl: scenario.production.url, state: { status: "read", connectors: 0 } },
    definitionsDir: scenario.definitionsDir,
    summary: { create: 1, update: 1, unchanged: 2, onlyInTarget: 1 },
  });
  expect(result.stdout).not.toContain(scenario.production.clientSecret);
  expect(result.stdout).not.toContain(scenario.dev.clientSecret);
});

test("a stack that does not exist falls back to environment variables, and the error says so", async () => {
  const result = await runReviewCli(["--from", "dev", "--to", "staging"], {
    PULUMI_BACKEND_URL: `file://${session.backendDir}`,
    PULUMI_CONFIG_PASSPHRASE: session.passphrase,
    PULUMI_HOME: path.join(tmp, "pulumi-home"),
  }, session.cwd);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('missing Scalekit credentials for stack "staging": scalekit:environmentUrl, scalekit:clientId, scalekit:clientSecret');
  expect(result.stderr).toContain("the stack's Pulumi config could not be used");
  expect(result.stderr).toContain("SCALEKIT_STAGING_ENVIRONMENT_URL");
  expect(result.stderr).toContain("npm run pulumi -- config set scalekit:environmentUrl <value> --stack staging");
});
