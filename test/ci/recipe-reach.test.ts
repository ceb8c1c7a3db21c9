/**
 * What each job of the pipeline recipe (examples/ci/.github/) can reach, read from the workflow
 * files and the README's secrets table (test/support/workflow-reach.ts): no job that runs a pull
 * request's code holds a writer client or Production's passphrase, every secret a job names is one
 * GitHub gives it, the comment job holds none, installs run no scripts and no install or build step
 * holds a secret, tokens are as small as each job needs, the Production jobs take turns with the
 * drift check, the approved job applies the plan the plan job saved; and the recipe is on today's
 * platform, kept current by Dependabot. The jobs are played for real in test/e2e/ci/pipeline-recipe.test.ts.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { repoRoot } from "../../scripts/lib/paths";
import { jobsReach, readSecretPlaces, secretsGiven, type JobReach, type SecretPlaces } from "../support/workflow-reach";
import { readWorkflow, type Workflow } from "../support/workflow-runner";

const recipeDir = process.env.CI_RECIPE_DIR ?? path.join(repoRoot, "examples", "ci");
const workflowsDir = path.join(recipeDir, ".github", "workflows");
const files = { pullRequest: "connectors-pull-request.yml", main: "connectors-main.yml", drift: "connectors-drift.yml" };

let workflows: Record<keyof typeof files, Workflow>;
let reach: Record<string, JobReach>;
/** Where the README keeps each secret. */
const secretPlaces = (): SecretPlaces => readSecretPlaces(fs.readFileSync(path.join(recipeDir, "README.md"), "utf8"), "examples/ci/README.md");

beforeAll(() => {
  workflows = {
    pullRequest: readWorkflow(path.join(workflowsDir, files.pullRequest)),
    main: readWorkflow(path.join(workflowsDir, files.main)),
    drift: readWorkflow(path.join(workflowsDir, files.drift)),
  };
  reach = Object.fromEntries(
    Object.entries(workflows).flatMap(([key, workflow]) => Object.entries(jobsReach(workflow)).map(([jobId, job]) => [`${key}/${jobId}`, job])),
  );
});

const reader = (environment: string): string[] => ["ENVIRONMENT_URL", "CLIENT_ID", "CLIENT_SECRET"].map((part) => `SCALEKIT_${environment}_READER_${part}`);
const writer = (environment: string): string[] => ["ENVIRONMENT_URL", "CLIENT_ID", "CLIENT_SECRET"].map((part) => `SCALEKIT_${environment}_WRITER_${part}`);
const isInstall = (run: string | undefined): boolean => /\bnpm (ci|install|i)\b/.test(run ?? "");
const isBuild = (run: string | undefined): boolean => /\bnpm run build\b/.test(run ?? "");
/** The @pulumi/pulumi the repository installs (tools/pulumi-cli/index.js is not for unit suites). */
const installedSdkVersion = (): string => (JSON.parse(fs.readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }).version;
const pullRequestJobs = (): Array<[string, JobReach]> => Object.entries(reach).filter(([id]) => id.startsWith("pullRequest/"));

describe("the reach of a job, read from a workflow file", () => {
  let tmp: string;
  beforeEach(() => (tmp = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-reach-"))));
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function workflowOf(text: string): Workflow {
    const file = path.join(tmp, "flow.yml");
    fs.writeFileSync(file, text);
    return readWorkflow(file);
  }

  test("names from the workflow's, the job's and the step's env and text; the token; the environment and permissions", () => {
    const workflow = workflowOf(`
on: push
permissions: {}
env:
  EVERYWHERE: \${{ secrets.SHARED }}
jobs:
  a:
    environment: production
    permissions:
      contents: read
    env:
      JOB: \${{ secrets.JOB_WIDE }}
    runs-on: ubuntu-latest
    steps:
      - run: npm ci
      - run: echo "\${{ secrets.IN_TEXT }}"
        env:
          TOKEN: \${{ github.token }}
  b:
    environment:
      name: dev
    runs-on: ubuntu-latest
    steps:
      - uses: some/action@v1
        with:
          key: \${{ secrets.IN_WITH && secrets.GITHUB_TOKEN }}
`);
    const jobs = jobsReach(workflow);
    expect(jobs.a).toMatchObject({ environment: "production", permissions: { contents: "read" }, secrets: ["IN_TEXT", "JOB_WIDE", "SHARED"], usesToken: true });
    expect(jobs.a!.steps.map((step) => [step.name, step.secrets])).toEqual([
      ["npm ci", ["JOB_WIDE", "SHARED"]],
      ['echo "${{ secrets.IN_TEXT }}"', ["IN_TEXT", "JOB_WIDE", "SHARED"]],
    ]);
    expect(jobs.b).toMatchObject({ environment: "dev", permissions: {}, secrets: ["IN_WITH", "SHARED"], usesToken: true });
  });

  test("an expression that reaches the secrets as a whole is refused", () => {
    const workflow = workflowOf("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo '${{ toJSON(secrets) }}'\n");
    expect(() => jobsReach(workflow)).toThrow(/job a, step .*reaches the secrets as a whole/);
  });

  test("GitHub gives a job the repository's secrets and its own environment's; the README's table says which are where", () => {
    const table = [
      "   | secret | where | holds |",
      "   |---|---|---|",
      "   | `A`, `B` | repository | x |",
      "   | `C` | environment `dev` | y |",
      "   | `D` | environments `dev` and `production` | z |",
      "",
    ].join("\n");
    const read = readSecretPlaces(table, "table");
    expect(read).toEqual({ repository: ["A", "B"], environments: { dev: ["C", "D"], production: ["D"] } });
    expect(secretsGiven(read, null)).toEqual(["A", "B"]);
    expect(secretsGiven(read, "production")).toEqual(["A", "B", "D"]);
    expect(() => readSecretPlaces("| secret | where | holds |\n|-|-|-|\n| `E` | somewhere | |\n", "table")).toThrow('the row | `E` | somewhere | | says neither "repository" nor which environments');
  });
});

describe("the recipe: what each job can reach", () => {
  test("each job's environment, token permissions and secrets", () => {
    const summary = Object.fromEntries(Object.entries(reach).map(([id, job]) => [id, { environment: job.environment, permissions: job.permissions, secrets: job.secrets, usesToken: job.usesToken }]));
    const backend = "PULUMI_BACKEND_URL";
    const devPassphrase = "PULUMI_DEV_CONFIG_PASSPHRASE";
    const productionPassphrase = "PULUMI_PRODUCTION_CONFIG_PASSPHRASE";
    const sortedNames = (...names: Array<string | string[]>): string[] => names.flat().sort();
    const read = { contents: "read" };
    expect(summary).toEqual({
      "pullRequest/review": { environment: null, permissions: read, secrets: sortedNames(backend, devPassphrase, reader("DEV"), reader("PRODUCTION")), usesToken: false },
      "pullRequest/comment": { environment: null, permissions: { "pull-requests": "write" }, secrets: [], usesToken: true },
      "main/dev": { environment: "dev", permissions: read, secrets: sortedNames(backend, devPassphrase, writer("DEV")), usesToken: false },
      "main/plan": { environment: "production-read", permissions: read, secrets: sortedNames(backend, productionPassphrase, reader("DEV"), reader("PRODUCTION")), usesToken: false },
      "main/production": { environment: "production", permissions: read, secrets: sortedNames(backend, productionPassphrase, writer("PRODUCTION")), usesToken: false },
      "drift/dev": { environment: null, permissions: read, secrets: sortedNames(backend, devPassphrase, reader("DEV")), usesToken: false },
      "drift/production": { environment: "production-read", permissions: read, secrets: sortedNames(backend, productionPassphrase, reader("PRODUCTION")), usesToken: false },
    });
  });

  test("every secret a job names is one GitHub gives it, as the README's table keeps them", () => {
    const places = secretPlaces();
    const missing = Object.entries(reach).flatMap(([id, job]) => {
      const given = secretsGiven(places, job.environment);
      return job.secrets.filter((name) => !given.includes(name)).map((name) => `${id} (environment ${job.environment ?? "none"}): ${name}`);
    });
    expect(missing).toEqual([]);
  });

  test("no job of a pull request names an environment, a writer client or Production's passphrase; writers only in their own environment", () => {
    const places = secretPlaces();
    // A name the repository also keeps (PULUMI_BACKEND_URL) reaches a job without an environment as the repository's.
    const keptInEnvironments = new Set(Object.values(places.environments).flat().filter((name) => !places.repository.includes(name)));
    // Whatever the names: nothing the job that writes to Production holds, but the backend's address.
    const applying = reach["main/production"]!.secrets;
    for (const [id, job] of pullRequestJobs()) {
      expect({ id, sharedWithProductionUp: job.secrets.filter((name) => applying.includes(name)) }).toEqual({ id, sharedWithProductionUp: ["PULUMI_BACKEND_URL"].filter((name) => job.secrets.includes(name)) });
      expect({ id, environment: job.environment }).toEqual({ id, environment: null });
      expect({ id, writers: job.secrets.filter((name) => /WRITER|PRODUCTION_CONFIG_PASSPHRASE/.test(name) || keptInEnvironments.has(name)) }).toEqual({ id, writers: [] });
    }
    // The writer clients exist only in their environments, and the repository keeps none of them.
    expect(places.repository.filter((name) => /WRITER|PRODUCTION_CONFIG_PASSPHRASE/.test(name))).toEqual([]);
    expect(places.environments.dev).toEqual(expect.arrayContaining(writer("DEV")));
    expect(places.environments.production).toEqual(expect.arrayContaining([...writer("PRODUCTION"), "PULUMI_PRODUCTION_CONFIG_PASSPHRASE"]));
    const holdingWriters = Object.entries(reach)
      .filter(([, job]) => job.secrets.some((name) => name.includes("WRITER")))
      .map(([id, job]) => [id, job.environment]);
    expect(holdingWriters).toEqual([
      ["main/dev", "dev"],
      ["main/production", "production"],
    ]);
  });

  test("the token: only the comment job uses it, which holds no secret, checks out nothing and may only comment", () => {
    const users = Object.entries(reach).filter(([, job]) => job.usesToken);
    expect(users.map(([id]) => id)).toEqual(["pullRequest/comment"]);
    const comment = reach["pullRequest/comment"]!;
    expect(comment.secrets).toEqual([]);
    expect(comment.steps.map((step) => step.uses ?? "run")).toEqual(["actions/download-artifact@v8", "run"]);
    for (const workflow of Object.values(workflows)) expect((workflow as { permissions?: unknown }).permissions).toEqual({});
    for (const [id, job] of Object.entries(reach)) expect({ id, permissions: job.permissions }).toEqual({ id, permissions: expect.any(Object) });
  });

  test("installs run no scripts wherever a job holds a secret, then build explicitly; no install or build step holds a secret; checkouts keep no token", () => {
    for (const [id, job] of Object.entries(reach)) {
      const installs = job.steps.filter((step) => isInstall(step.run));
      if (job.secrets.length > 0) expect({ id, installs: installs.map((step) => step.run) }).toEqual({ id, installs: ["npm ci --ignore-scripts"] });
      const runs = job.steps.filter((step) => step.run !== undefined).map((step) => step.run);
      if (installs.length > 0) expect({ id, buildAfterInstall: runs[runs.indexOf(installs[0]!.run) + 1] }).toEqual({ id, buildAfterInstall: "npm run build" });
      const holding = job.steps.filter((step) => (isInstall(step.run) || isBuild(step.run)) && step.secrets.length > 0).map((step) => [step.name, step.secrets]);
      expect({ id, holding }).toEqual({ id, holding: [] });
      for (const checkout of job.steps.filter((step) => step.uses?.startsWith("actions/checkout@"))) {
        expect({ id, with: checkout.with }).toEqual({ id, with: { "persist-credentials": false } });
      }
    }
  });
});

describe("the recipe: stacks, plans, platform", () => {
  test("one concurrency group per stack, shared by main and the drift check, never cancelling", () => {
    const groups = Object.entries(reach)
      .filter(([id]) => !id.startsWith("pullRequest/"))
      .map(([id, job]) => {
        const stacks = [...new Set(job.steps.flatMap((step) => [...(step.run ?? "").matchAll(/--stack (\S+)/g)].map((match) => match[1]!)))];
        return [id, stacks, job.concurrency];
      });
    expect(groups).toEqual([
      ["main/dev", ["dev"], { group: "connectors-dev", "cancel-in-progress": false }],
      ["main/plan", ["production"], { group: "connectors-production", "cancel-in-progress": false }],
      ["main/production", ["production"], { group: "connectors-production", "cancel-in-progress": false }],
      ["drift/dev", ["dev"], { group: "connectors-dev", "cancel-in-progress": false }],
      ["drift/production", ["production"], { group: "connectors-production", "cancel-in-progress": false }],
    ]);
  });

  test("the approved job applies the plan the plan job saved, and only when the review says Production would change", () => {
    const main = workflows.main.jobs;
    expect(main.production).toMatchObject({ needs: "plan", if: "needs.plan.outputs.review-exit-code == '2'", environment: "production" });
    const planRun = main.plan!.steps.find((step) => step.run?.includes("--save-plan"));
    const saved = /--save-plan (\S+)/.exec(planRun?.run ?? "")?.[1];
    expect(planRun?.run).toContain("--stack production");
    const upload = main.plan!.steps.find((step) => step.uses?.startsWith("actions/upload-artifact@"));
    expect(upload?.with).toMatchObject({ path: saved });
    const download = main.production!.steps.find((step) => step.uses?.startsWith("actions/download-artifact@"));
    expect(download?.with).toEqual({ name: upload?.with?.name });
    const up = main.production!.steps.find((step) => step.run?.includes(" up "));
    expect(up?.run).toBe(`npm run pulumi -- up --yes --refresh --plan ${saved} --stack production`);
    // Nothing in the production job but the up writes, and it comes after the plan is downloaded.
    const order = main.production!.steps.map((step) => step.uses ?? step.run);
    expect(order.indexOf(download!.uses)).toBeLessThan(order.indexOf(up!.run));
  });

  test("today's platform: Node.js 24 and one Pulumi CLI version, not behind the project's SDK, everywhere", () => {
    const setups = Object.values(reach).flatMap((job) => job.steps.filter((step) => step.uses?.startsWith("actions/setup-node@") || step.uses?.startsWith("pulumi/actions@")));
    const nodeVersions = new Set(setups.filter((step) => step.uses!.startsWith("actions/setup-node@")).map((step) => String(step.with["node-version"])));
    const cliVersions = new Set(setups.filter((step) => step.uses!.startsWith("pulumi/actions@")).map((step) => String(step.with["pulumi-version"])));
    expect([...nodeVersions]).toEqual(["24"]);
    expect([...cliVersions]).toEqual(["3.276.0"]);
    const parts = (version: string): number[] => version.split(".").map(Number);
    const [cli, sdk] = [parts([...cliVersions][0]!), parts(installedSdkVersion())];
    expect(cli[0]! * 1e6 + cli[1]! * 1e3 + cli[2]!).toBeGreaterThanOrEqual(sdk[0]! * 1e6 + sdk[1]! * 1e3 + sdk[2]!);
  });

  test("Dependabot keeps the npm packages and the actions current", () => {
    const config = parse(fs.readFileSync(path.join(recipeDir, ".github", "dependabot.yml"), "utf8")) as { version: number; updates: Array<Record<string, unknown>> };
    expect(config.version).toBe(2);
    expect(config.updates.map((update) => [update["package-ecosystem"], update.directory, (update.schedule as { interval?: string }).interval])).toEqual([
      ["npm", "/", "weekly"],
      ["github-actions", "/", "weekly"],
    ]);
  });
});
