/**
 * The workflow runner the pipeline recipe's test plays its workflows with
 * (test/support/workflow-runner.ts), on small workflows written here: what it runs, what it
 * passes between steps and jobs, and what it refuses instead of guessing.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { expressionsOf, parseOutputFile, readWorkflow, runWorkflow, type ExpressionTable, type WorkflowRunOptions } from "../support/workflow-runner";

let tmp: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-runner-"));
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function workflowFile(text: string): string {
  const file = path.join(tmp, "flow.yml");
  fs.writeFileSync(file, text);
  return file;
}

function options(file: string, expressions: ExpressionTable, more: Partial<WorkflowRunOptions> = {}): WorkflowRunOptions {
  const runDir = path.join(tmp, "runs");
  fs.mkdirSync(runDir, { recursive: true });
  return { workflow: readWorkflow(file), expressions, actions: {}, skippedRuns: {}, runDir, baseEnv: { PATH: process.env.PATH }, ...more };
}

const twoJobs = `
name: two jobs
on: push
env:
  GREETING: \${{ secrets.GREETING }}
jobs:
  first:
    runs-on: ubuntu-latest
    outputs:
      answer: \${{ steps.ask.outputs.answer }}
    steps:
      - uses: actions/checkout@v6
      - run: npm ci
      - id: ask
        run: |
          echo "answer=$GREETING from $(basename "$PWD")" >> "$GITHUB_OUTPUT"
          echo "summary line" >> "$GITHUB_STEP_SUMMARY"
  second:
    needs: first
    if: needs.first.outputs.answer != ''
    runs-on: ubuntu-latest
    steps:
      - name: Show
        run: echo "got $ANSWER"
        env:
          ANSWER: \${{ needs.first.outputs.answer }}
`;

const twoJobsTable: ExpressionTable = {
  "secrets.GREETING": () => "hello",
  "steps.ask.outputs.answer": (context) => context.steps.ask!.answer!,
  "needs.first.outputs.answer != ''": (context) => String(context.needs.first!.outputs.answer !== ""),
  "needs.first.outputs.answer": (context) => context.needs.first!.outputs.answer!,
};

test("runs the steps in order in the job's workspace, and passes outputs from step to job to the jobs that need it", async () => {
  const file = workflowFile(twoJobs);
  expect(expressionsOf(readWorkflow(file)).sort()).toEqual(Object.keys(twoJobsTable).sort());
  const checkedOut: string[] = [];
  const jobs = await runWorkflow(
    options(file, twoJobsTable, {
      actions: { "actions/checkout@v6": (_, job) => (checkedOut.push(job.workspace), "nothing to copy") },
      skippedRuns: { "npm ci": "nothing to install" },
    }),
  );
  expect(jobs.first).toMatchObject({ result: "success", outputs: { answer: "hello from workspace" }, summary: "summary line\n" });
  expect(jobs.first!.steps.map((s) => [s.name, s.kind, s.note])).toEqual([
    ["actions/checkout@v6", "stand-in", "nothing to copy"],
    ["npm ci", "skipped", "nothing to install"],
    ["echo \"answer=$GREETING from $(basename \"$PWD\")\" >> \"$GITHUB_OUTPUT\"", "run", undefined],
  ]);
  expect(checkedOut).toEqual([jobs.first!.workspace]);
  // Each run step's record keeps the environment the workflow gave it (what a test asserts a job could see).
  expect(jobs.second!.steps).toEqual([{ name: "Show", id: undefined, kind: "run", code: 0, output: "got hello from workspace\n", outputs: {}, env: { GREETING: "hello", ANSWER: "hello from workspace" } }]);
});

test("an expression the table does not know fails the run before any step runs", async () => {
  const file = workflowFile(twoJobs.replace("echo \"got $ANSWER\"", "echo \"${{ github.actor }}\" > ran"));
  const { "needs.first.outputs.answer": _, ...table } = twoJobsTable;
  void _;
  await expect(runWorkflow(options(file, table))).rejects.toThrow(/no value for \$\{\{ github\.actor \}\}, \$\{\{ needs\.first\.outputs\.answer \}\}/);
  expect(fs.readdirSync(path.join(tmp, "runs"))).toEqual([]);
});

test("a failing step ends its job (bash -e: a failing command inside the script too), and the job that needs it is skipped", async () => {
  const file = workflowFile(`
on: push
jobs:
  first:
    runs-on: ubuntu-latest
    steps:
      - run: |
          false
          echo "not reached"
      - run: echo "not run either"
  second:
    needs: first
    runs-on: ubuntu-latest
    steps:
      - run: echo never
`);
  const jobs = await runWorkflow(options(file, {}));
  expect(jobs.first).toMatchObject({ result: "failure", steps: [{ kind: "run", code: 1, output: "" }] });
  expect(jobs.second).toMatchObject({ result: "skipped", skippedBecause: "needs first, which ended failure", steps: [] });
});

test("a job whose if: is false is skipped; a condition the table gives as anything but true or false is an error", async () => {
  const file = workflowFile(`
on: push
jobs:
  only:
    if: \${{ github.ref == 'refs/heads/main' }}
    runs-on: ubuntu-latest
    steps:
      - run: echo ran
`);
  const skipped = await runWorkflow(options(file, { "github.ref == 'refs/heads/main'": () => "false" }));
  expect(skipped.only).toMatchObject({ result: "skipped", skippedBecause: "if: ${{ github.ref == 'refs/heads/main' }} is false" });
  await expect(runWorkflow(options(file, { "github.ref == 'refs/heads/main'": () => "refs/heads/main" }))).rejects.toThrow(/a condition is "true" or "false"/);
});

test("what it cannot play is refused: an action without a stand-in, and a shell: or working-directory: it would ignore", async () => {
  const uses = workflowFile("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/cache@v4\n");
  await expect(runWorkflow(options(uses, {}))).rejects.toThrow("flow.yml: job a, step actions/cache@v4: no stand-in for actions/cache@v4");
  const shell = workflowFile("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        shell: pwsh\n");
  expect(() => readWorkflow(shell)).toThrow("flow.yml: job a, step echo uses shell:, which the runner does not play");
  const dir = workflowFile("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n        working-directory: sub\n");
  expect(() => readWorkflow(dir)).toThrow("uses working-directory:");
});

test("GITHUB_OUTPUT: key=value lines and key<<DELIMITER blocks", () => {
  expect(parseOutputFile("a=1\nb=x=y\n\nbody<<EOF\nline one\nline two\nEOF\n")).toEqual({ a: "1", b: "x=y", body: "line one\nline two" });
  expect(() => parseOutputFile("body<<EOF\nnever closed\n")).toThrow("body opens a block that EOF never closes");
});
