/**
 * The pipeline recipe, examples/ci/.github/workflows/, played here without GitHub: actionlint
 * (built from Go modules) finds nothing in the three files, and their jobs' `run:` steps run in
 * order with bash (test/support/workflow-runner.ts) in fresh checkouts of the project, against a
 * Dev and a Production emulator and one local file backend standing in for PULUMI_BACKEND_URL.
 *
 * Every `${{ ... }}` expression of the files comes from the table below (secrets: the emulators'
 * credentials, the backend, the passphrase); one the table does not know fails the run. Replaced,
 * because they reach GitHub or the internet, and said so in each step's record:
 * - actions/checkout: a copy of "the repository", the root project after the README's one-time
 *   setup (both stacks created in the backend, their Pulumi.<stack>.yaml holding the salt);
 * - actions/setup-node: nothing, the Node.js running this test (the major version must match);
 * - pulumi/actions (the CLI only): the project's Pulumi CLI put on PATH (its pinned version must
 *   match the installed @pulumi/pulumi);
 * - `gh`: a recording gh on PATH (test/support/recording-gh.ts), which posts nothing;
 * - `npm ci` is skipped: the checkout's node_modules is a link to the repository's, installed
 *   and built by the repository's own npm ci.
 * The approval of the `production` environment is GitHub's; here the production job runs when
 * its `if:` holds, and the file is checked to ask for the environment.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { startEmulators, type Emulators, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { repoRoot } from "../../../scripts/lib/paths";
import { fileBackendUrl, pulumiCommand, type PulumiCli } from "../../../scripts/lib/pulumi-process";
import { sdkVersion } from "../../../scripts/pulumi-cli";
import { ensureActionlint } from "../../../scripts/tools/actionlint";
import { EmulatorClient } from "../../support/emulator-api";
import { mcpPayload, oauthPayload } from "../../support/payloads";
import { recordingGh, type RecordingGh } from "../../support/recording-gh";
import { readWorkflow, runWorkflow, type ActionStandIn, type ExpressionContext, type ExpressionTable, type JobRecord, type StepRecord } from "../../support/workflow-runner";
import { openWorkProject, type WorkProject } from "../../support/work-project";

// About a dozen Pulumi commands of some seconds each; the first run on a machine may build the CLI and actionlint.
jest.setTimeout(10 * 60 * 1000);

const workflowsDir = path.join(repoRoot, "examples", "ci", ".github", "workflows");
const workflowFiles = ["connectors-drift.yml", "connectors-main.yml", "connectors-pull-request.yml"];
const pullRequestNumber = "17";
const repository = "acme/connectors";
const definitions = { "ticket-desk.json": oauthPayload("Ticket Desk"), "example-mcp.json": mcpPayload("Example MCP") };
const displayNames = ["Example MCP", "Ticket Desk"];

let emulators: Emulators<"dev" | "production">;
let devClient: EmulatorClient;
let productionClient: EmulatorClient;
let project: WorkProject;
let cli: PulumiCli;
let gh: RecordingGh;
let runDir: string;
let secrets: Record<string, string>;

function stepOutput(context: ExpressionContext, step: string, name: string): string {
  const value = context.steps[step]?.[name];
  if (value === undefined) throw new Error(`step ${step} wrote no ${name} to GITHUB_OUTPUT`);
  return value;
}

/** The value of every expression the workflow files hold; anything else fails the run. */
function expressionTable(): ExpressionTable {
  return {
    ...Object.fromEntries(Object.entries(secrets).map(([name, value]) => [`secrets.${name}`, () => value])),
    "github.token": () => "token-the-recording-gh-never-sends",
    "github.repository": () => repository,
    "github.event.pull_request.number": () => pullRequestNumber,
    // A pull request from a branch of the repository itself, not from a fork.
    "github.event.pull_request.head.repo.full_name == github.repository": () => "true",
    "steps.review.outputs.exit-code": (context) => stepOutput(context, "review", "exit-code"),
    "needs.dev.outputs.review-exit-code == '2'": (context) => String(context.needs.dev?.outputs["review-exit-code"] === "2"),
  };
}

const standIns: Record<string, ActionStandIn> = {
  "actions/checkout@v6": (_, job) => {
    fs.cpSync(project.dir, job.workspace, { recursive: true, verbatimSymlinks: true });
    return "copied the repository (the project after its one-time setup) into the workspace";
  },
  "actions/setup-node@v6": (step) => {
    expect(process.versions.node.split(".")[0]).toBe(step.with["node-version"]);
    return `nothing: Node.js ${process.version} runs the test`;
  },
  "pulumi/actions@v6": (step, job) => {
    expect(step.with["pulumi-version"]).toBe(sdkVersion());
    job.addPath(cli.binDir);
    return `put the project's Pulumi CLI (${cli.pulumiPath}) on PATH`;
  },
};

const skippedRuns = { "npm ci": "the checkout's node_modules links to the repository's, installed and built by its own npm ci" };

function run(file: string): Promise<Record<string, JobRecord>> {
  return runWorkflow({
    workflow: readWorkflow(path.join(workflowsDir, file)),
    expressions: expressionTable(),
    actions: standIns,
    skippedRuns,
    runDir,
    // No pulumi here: only the pulumi/actions stand-in puts one on PATH. No go either, so nothing can build one.
    baseEnv: { PATH: [path.dirname(process.execPath), gh.binDir, "/usr/bin", "/bin"].join(path.delimiter), npm_config_update_notifier: "false" },
  });
}

function step(job: JobRecord, name: string): StepRecord {
  const found = job.steps.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`job ${job.id} has no step "${name}" (steps: ${job.steps.map((s) => s.name).join(", ")})`);
  return found;
}

/** What a job did, step by step, readable in a failed expectation: the output of a failed step included. */
function outline(job: JobRecord): Array<[string, string, number | null | undefined]> {
  return job.steps.map((s) => [s.name, s.kind, s.code]);
}

/**
 * The connectors a preview or up shows with `action` (create, created, update, ...), sorted: from
 * its progress lines (`CustomConnector <name> <action>`) and, with --diff, from each resource's
 * block (`CustomConnector: (<action>)`, a 🔒 when protected, then its `[urn=...::<name>]`).
 */
function connectorsShown(output: string, action: string): string[] {
  const progress = [...output.matchAll(/CustomConnector (\S+) (\w+)/g)].map((match) => [match[1]!, match[2]!]);
  const diffBlocks = [...output.matchAll(/CustomConnector: \((\w+)\)[^\n]*\n(?:\s*\[id=[^\]\n]*\]\n)?\s*\[urn=[^\]\n]*::([^:\]\n]+)\]/g)].map((match) => [match[2]!, match[1]!]);
  const names = [...progress, ...diffBlocks].filter(([, shown]) => shown === action).map(([name]) => name!);
  return [...new Set(names)].sort();
}

/** The connectors shown with `action` are `names`; a failure prints the whole output. */
function expectShown(output: string, action: string, names: string[]): void {
  const shown = connectorsShown(output, action);
  if (JSON.stringify(shown) !== JSON.stringify(names)) throw new Error(`expected "${action}" for ${names.join(", ")}, the output shows it for [${shown.join(", ")}]:\n${output}`);
}

function expectSucceeded(job: JobRecord): void {
  const failed = job.steps.find((s) => s.kind === "run" && s.code !== 0);
  expect({ job: job.id, result: job.result, failedOutput: failed?.output }).toEqual({ job: job.id, result: "success", failedOutput: undefined });
}

/** The requests an emulator answered that could change it (anything but a GET or a token request). */
function writesTo(emulator: WatchedEmulator): string[] {
  return emulator.requests.entries.filter((r) => r.method !== "GET" && !r.path.startsWith("/oauth")).map((r) => `${r.method} ${r.path}`);
}

async function liveNames(client: EmulatorClient): Promise<string[]> {
  return (await client.customs()).map((provider) => provider.display_name).sort();
}

function everyOutput(jobs: Record<string, JobRecord>): string {
  return Object.values(jobs)
    .flatMap((job) => [job.summary, ...job.steps.map((s) => s.output)])
    .join("\n");
}

function expectNoClientSecret(text: string): void {
  expect(text).not.toContain(secrets.SCALEKIT_DEV_CLIENT_SECRET);
  expect(text).not.toContain(secrets.SCALEKIT_PRODUCTION_CLIENT_SECRET);
}

beforeAll(async () => {
  emulators = await startEmulators({
    dev: { identifierStyle: "opaque", clientId: "ci-dev-client", clientSecret: "ci-dev-secret-never-shown" },
    production: { identifierStyle: "suffixed", clientId: "ci-production-client", clientSecret: "ci-production-secret-never-shown" },
  });
  devClient = new EmulatorClient(emulators.dev);
  productionClient = new EmulatorClient(emulators.production);
  // The README's one-time setup: both stacks created in the shared backend with the passphrase.
  project = await openWorkProject({ label: "ci-recipe", definitions, passphrase: "ci recipe passphrase", stacks: ["dev", "production"] });
  // What npm runs in a checkout besides the project files: the scripts.
  fs.cpSync(path.join(repoRoot, "scripts"), path.join(project.dir, "scripts"), { recursive: true });
  cli = await pulumiCommand();
  gh = recordingGh(path.join(project.tmp, "gh"));
  runDir = path.join(project.tmp, "runs");
  fs.mkdirSync(runDir);
  const { dev, production } = emulators;
  secrets = {
    PULUMI_BACKEND_URL: fileBackendUrl(project.session.backendDir),
    PULUMI_CONFIG_PASSPHRASE: project.session.passphrase,
    SCALEKIT_DEV_ENVIRONMENT_URL: dev.credentials.environmentUrl,
    SCALEKIT_DEV_CLIENT_ID: dev.credentials.clientId,
    SCALEKIT_DEV_CLIENT_SECRET: dev.credentials.clientSecret,
    SCALEKIT_PRODUCTION_ENVIRONMENT_URL: production.credentials.environmentUrl,
    SCALEKIT_PRODUCTION_CLIENT_ID: production.credentials.clientId,
    SCALEKIT_PRODUCTION_CLIENT_SECRET: production.credentials.clientSecret,
  };
});

afterAll(async () => {
  await emulators?.close();
  project?.cleanup();
});

test("actionlint (built from Go modules) finds nothing in the workflow files", () => {
  expect(fs.readdirSync(workflowsDir).sort()).toEqual(workflowFiles);
  const actionlint = ensureActionlint();
  // Without shellcheck and pyflakes, so that the result does not depend on what else the machine has.
  const result = spawnSync(actionlint.path, ["-no-color", "-shellcheck=", "-pyflakes=", "-format", "{{json .}}", ...workflowFiles], { cwd: workflowsDir, encoding: "utf8" });
  expect({ code: result.status, findings: result.stdout.trim(), stderr: result.stderr }).toEqual({ code: 0, findings: "[]", stderr: "" });
});

test("the recipe's shape: its triggers, Production behind the environment and the review's exit code, the drift check's command", () => {
  const pullRequest = readWorkflow(path.join(workflowsDir, "connectors-pull-request.yml"));
  const main = readWorkflow(path.join(workflowsDir, "connectors-main.yml"));
  const drift = readWorkflow(path.join(workflowsDir, "connectors-drift.yml"));
  expect(pullRequest.on).toEqual({ pull_request: null });
  expect(main.on).toEqual({ push: { branches: ["main"] } });
  expect(drift.on).toEqual({ schedule: [{ cron: expect.any(String) }], workflow_dispatch: null });
  expect(main.jobs.production).toMatchObject({ needs: "dev", if: "needs.dev.outputs.review-exit-code == '2'", environment: "production" });
  for (const job of Object.values(drift.jobs)) {
    expect(job.steps.filter((s) => s.run?.includes("--expect-no-changes"))).toEqual([expect.objectContaining({ run: expect.stringContaining("preview --refresh --expect-no-changes") })]);
  }
  // The backend and the passphrase come from secrets, for every job.
  for (const workflow of [pullRequest, main, drift]) {
    expect(workflow.env).toEqual({ PULUMI_BACKEND_URL: "${{ secrets.PULUMI_BACKEND_URL }}", PULUMI_CONFIG_PASSPHRASE: "${{ secrets.PULUMI_CONFIG_PASSPHRASE }}" });
  }
});

test("on a pull request: both stacks are previewed, nothing is written, and the Markdown review is posted as the one comment, its verdict first", async () => {
  const jobs = await run("connectors-pull-request.yml");
  const job = jobs.preview!;
  expectSucceeded(job);
  expect(outline(job)).toEqual([
    ["actions/checkout@v6", "stand-in", undefined],
    ["actions/setup-node@v6", "stand-in", undefined],
    ["pulumi/actions@v6", "stand-in", undefined],
    ["npm ci", "skipped", undefined],
    ["Preview dev", "run", 0],
    ["Preview production", "run", 0],
    ["Review dev → production", "run", 0],
    ["Post the review on the pull request", "run", 0],
  ]);
  for (const stack of ["dev", "production"]) expectShown(step(job, `Preview ${stack}`).output, "create", ["example-mcp", "ticket-desk"]);
  expect(writesTo(emulators.dev)).toEqual([]);
  expect(writesTo(emulators.production)).toEqual([]);
  expect(await liveNames(devClient)).toEqual([]);
  expect(step(job, "Review dev → production").outputs).toEqual({ "exit-code": "2" });

  const calls = gh.calls();
  expect(calls.map(({ body, ...call }) => call)).toEqual([
    {
      args: ["pr", "comment", pullRequestNumber, "--edit-last", "--create-if-none", "--body-file", "review.md"],
      cwd: job.workspace,
      hasToken: true,
      repo: repository,
    },
  ]);
  const body = calls[0]!.body!;
  const paragraphs = body.split("\n\n");
  expect(paragraphs[0]).toBe("## Review: promote dev → production");
  expect(paragraphs[1]).toMatch(/^\*\*Production would change: .*\(exit code 2\)\*\*$/);
  expect(body).toContain(`Dev: \`${secrets.SCALEKIT_DEV_ENVIRONMENT_URL}\`; Production: \`${secrets.SCALEKIT_PRODUCTION_ENVIRONMENT_URL}\``);
  expect(body).toContain("### `example-mcp.json` (Example MCP): CREATE in production");
  expect(body).toContain("### `ticket-desk.json` (Ticket Desk): CREATE in production");
  expect(body).toContain("DRIFT: missing in Dev");
  expectNoClientSecret(body);
  expectNoClientSecret(everyOutput(jobs));
});

test("on a push to main: Dev is applied, the review exits 2, and so the production job runs and applies Production", async () => {
  const jobs = await run("connectors-main.yml");
  const dev = jobs.dev!;
  expectSucceeded(dev);
  expectShown(step(dev, "Up dev").output, "created", ["example-mcp", "ticket-desk"]);
  expect(await liveNames(devClient)).toEqual(displayNames);
  expect(step(dev, "Review dev → production").outputs).toEqual({ "exit-code": "2" });
  expect(dev.outputs).toEqual({ "review-exit-code": "2" });
  // The approver reads the review in the job's summary: Dev now holds the definitions, Production does not.
  expect(dev.summary).toMatch(/^## Review: promote dev → production\n\n\*\*Production would change: .*\(exit code 2\)\*\*\n/);
  expect(dev.summary).not.toContain("DRIFT");

  const production = jobs.production!;
  expectSucceeded(production);
  expect(outline(production).map(([name]) => name)).toEqual(["actions/checkout@v6", "actions/setup-node@v6", "pulumi/actions@v6", "npm ci", "Up production"]);
  expectShown(step(production, "Up production").output, "created", ["example-mcp", "ticket-desk"]);
  expect(await liveNames(productionClient)).toEqual(displayNames);
  expectNoClientSecret(everyOutput(jobs));
});

test("a push that changes nothing: the review exits 0, and the production job does not run", async () => {
  emulators.dev.requests.clear();
  emulators.production.requests.clear();
  const jobs = await run("connectors-main.yml");
  expectSucceeded(jobs.dev!);
  expect(step(jobs.dev!, "Review dev → production").outputs).toEqual({ "exit-code": "0" });
  expect(jobs.dev!.summary).toMatch(/^## Review: promote dev → production\n\n\*\*Production would not change.*\(exit code 0\)\*\*\n/);
  expect(jobs.production).toMatchObject({ result: "skipped", skippedBecause: "if: needs.dev.outputs.review-exit-code == '2' is false", steps: [] });
  expect(writesTo(emulators.dev)).toEqual([]);
  expect(writesTo(emulators.production)).toEqual([]);
});

test("the drift check passes while Scalekit holds what the stacks applied", async () => {
  emulators.dev.requests.clear();
  emulators.production.requests.clear();
  const jobs = await run("connectors-drift.yml");
  expectSucceeded(jobs.dev!);
  expectSucceeded(jobs.production!);
  expect(writesTo(emulators.dev)).toEqual([]);
  expect(writesTo(emulators.production)).toEqual([]);
});

test("after an edit in the Production dashboard, the production drift job fails and names the change; Dev's passes; nothing is written", async () => {
  const [ticketDesk] = await productionClient.named("Ticket Desk");
  const edited = { ...definitions["ticket-desk.json"], description: "Edited in the dashboard" };
  expect((await productionClient.update(ticketDesk!.identifier, edited)).status).toBe(200);
  emulators.dev.requests.clear();
  emulators.production.requests.clear();

  const jobs = await run("connectors-drift.yml");
  expectSucceeded(jobs.dev!);
  expect(jobs.production!.result).toBe("failure");
  const check = step(jobs.production!, "Expect no changes in production");
  expect(check.code).not.toBe(0);
  expectShown(check.output, "update", ["ticket-desk"]);
  expect(check.output).toContain("Edited in the dashboard");
  expect(check.output).toMatch(/no changes were expected/i);
  expect(writesTo(emulators.dev)).toEqual([]);
  expect(writesTo(emulators.production)).toEqual([]);
  expect((await productionClient.named("Ticket Desk"))[0]!.description).toBe("Edited in the dashboard");
});
