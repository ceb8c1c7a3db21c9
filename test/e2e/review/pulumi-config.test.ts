/**
 * The review takes each stack's credentials (and the target stack's connectorsDir) from the
 * stacks' Pulumi config, read with the project's real Pulumi CLI from a local file backend, with
 * no SCALEKIT_* environment variables at all.
 */
import * as fs from "fs";
import * as path from "path";
import { runPulumiOk } from "../../../scripts/lib/pulumi-process";
import { startScenario, type Scenario } from "../../support/review-scenario";
import { runTool } from "../../support/run-tool";
import { openWorkProject, setStackCredentials, shellEnv, type WorkProject } from "../../support/work-project";

let scenario: Scenario;
let project: WorkProject;

// Each Pulumi CLI command takes a second or more; the first run on a machine may build the CLI.
jest.setTimeout(10 * 60 * 1000);

beforeAll(async () => {
  scenario = await startScenario();
  project = await openWorkProject({ label: "review-config", passphrase: "review test passphrase", stacks: ["dev", "production"] });
  await setStackCredentials(project.session, "dev", scenario.dev.credentials);
  await setStackCredentials(project.session, "production", scenario.production.credentials);
  // The production stack's own definitions folder, outside the project.
  await runPulumiOk(project.session, ["config", "set", "connectorsDir", scenario.definitionsDir, "--stack", "production"]);
});

afterAll(async () => {
  await scenario?.close();
  project?.cleanup();
});

test("credentials and connectorsDir come from the stacks' Pulumi config", async () => {
  const stackFile = fs.readFileSync(path.join(project.dir, "Pulumi.production.yaml"), "utf8");
  expect(stackFile).not.toContain(scenario.production.clientSecret);

  const result = await runTool("review", ["--from", "dev", "--to", "production", "--json"], shellEnv(project.session), project.dir);
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
  const result = await runTool("review", ["--from", "dev", "--to", "staging"], shellEnv(project.session), project.dir);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('missing Scalekit credentials for stack "staging": scalekit:environmentUrl, scalekit:clientId, scalekit:clientSecret');
  expect(result.stderr).toContain("the stack's Pulumi config could not be used");
  expect(result.stderr).toContain("SCALEKIT_STAGING_ENVIRONMENT_URL");
  expect(result.stderr).toContain("npm run pulumi -- config set scalekit:environmentUrl <value> --stack staging");
});
