/**
 * Runs a GitHub Actions workflow's jobs on this machine, without GitHub: each job in a fresh
 * workspace and home folder, its `run:` steps with bash as a hosted Linux runner runs a step
 * without `shell:` (`bash -e <script>`), in order, stopping at the first failure, with
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and the job outputs and `needs` they feed.
 *
 * What it does not do is said by failing, never guessed:
 * - every `${{ ... }}` expression of the file, and every `if:`, must be in the caller's table
 *   (the exact text, trimmed), or the run fails before any step runs;
 * - every `uses:` step must have a stand-in from the caller (which says what it did instead), and
 *   a `run:` step is skipped only when the caller names its exact text and says why;
 * - `shell:`, `working-directory:`, `continue-on-error:`, `strategy:`, `services:`, `container:`
 *   and `defaults:` are refused, since the runner would silently ignore them;
 * - `concurrency:`, `permissions:`, `runs-on:` and `timeout-minutes:` are left to GitHub (a test
 *   may assert them on the parsed file), and so are an `environment:`'s approval and branch rules:
 *   the runner only tells the expressions which environment the job names, so that a test's table
 *   can give each job the secrets GitHub would (test/support/workflow-reach.ts).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/** What an expression can read: the current job's environment, its step outputs and the jobs it needs. */
export interface ExpressionContext {
  /** The GitHub environment the job names (`environment:`), whose secrets GitHub gives it besides the repository's. */
  environment?: string;
  /** The outputs of this job's steps so far, by step id. */
  steps: Record<string, Record<string, string>>;
  /** The jobs this job needs, by id: their result and outputs. */
  needs: Record<string, { result: JobResult; outputs: Record<string, string> }>;
}

/** Each known expression's value, keyed by its exact text inside `${{ }}` (or the `if:` text). */
export type ExpressionTable = Record<string, (context: ExpressionContext) => string>;

/** A stand-in for a `uses:` step: does what the job needs locally, returns what it did (for the record). */
export type ActionStandIn = (step: { with: Record<string, string> }, job: JobSetup) => string;

export interface JobSetup {
  /** The job's workspace (GITHUB_WORKSPACE), empty until a checkout stand-in fills it. */
  workspace: string;
  /** Folders a stand-in adds to PATH for the job's later steps, as GITHUB_PATH does. */
  addPath(dir: string): void;
}

export interface WorkflowRunOptions {
  /** The parsed workflow (see readWorkflow) and its file, for messages. */
  workflow: Workflow;
  expressions: ExpressionTable;
  /** Stand-ins by the exact `uses:` value, e.g. `actions/checkout@v6`. */
  actions: Record<string, ActionStandIn>;
  /** `run:` texts (trimmed) the runner skips, each with the reason it may. */
  skippedRuns: Record<string, string>;
  /** A folder for this run's workspaces, homes and temporary files. */
  runDir: string;
  /** The environment every step starts from (PATH without the stand-ins' folders, for example). */
  baseEnv: NodeJS.ProcessEnv;
  /** Only these jobs (default all), still in the file's order. */
  jobs?: readonly string[];
  /** Called before each job that runs (after its `needs` and `if:` hold), e.g. to change the world between two jobs. */
  beforeJob?: (jobId: string) => Promise<void> | void;
}

export type JobResult = "success" | "failure" | "skipped";

export interface StepRecord {
  /** The step's name, else its `uses:` or the first line of its `run:`. */
  name: string;
  id?: string;
  kind: "run" | "stand-in" | "skipped";
  /** What a stand-in did, or why a run step was skipped. */
  note?: string;
  /** The bash exit code of a run step (null when killed by a signal). */
  code?: number | null;
  /** stdout and stderr, interleaved as they arrived. */
  output: string;
  outputs: Record<string, string>;
  /** A run step's environment as the workflow gave it (its workflow, job and step `env:`, expressions substituted). */
  env?: Record<string, string>;
}

export interface JobRecord {
  id: string;
  result: JobResult;
  /** Why the job did not run (a failed need, its `if:`). */
  skippedBecause?: string;
  steps: StepRecord[];
  outputs: Record<string, string>;
  /** What the steps appended to GITHUB_STEP_SUMMARY. */
  summary: string;
  workspace: string;
}

export interface Workflow {
  file: string;
  name: string;
  on: unknown;
  env: Record<string, string>;
  jobs: Record<string, WorkflowJob>;
}

export interface WorkflowJob {
  name?: string;
  needs?: string | string[];
  if?: string;
  environment?: string | { name: string };
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  steps: WorkflowStep[];
  [key: string]: unknown;
}

export interface WorkflowStep {
  name?: string;
  id?: string;
  uses?: string;
  with?: Record<string, string | number | boolean>;
  run?: string;
  env?: Record<string, string>;
  if?: string;
  [key: string]: unknown;
}

const refusedJobKeys = ["strategy", "services", "container", "defaults", "continue-on-error"];
const refusedStepKeys = ["shell", "working-directory", "continue-on-error"];
const expressionPattern = /\$\{\{(.*?)\}\}/g;

/** Reads a workflow file, refusing what the runner cannot play. */
export function readWorkflow(file: string): Workflow {
  const doc = parse(fs.readFileSync(file, "utf8")) as Workflow;
  const where = path.basename(file);
  if ("defaults" in doc) throw new Error(`${where}: uses defaults:, which the runner does not play`);
  for (const [jobId, job] of Object.entries(doc.jobs)) {
    for (const key of refusedJobKeys) if (key in job) throw new Error(`${where}: job ${jobId} uses ${key}:, which the runner does not play`);
    for (const step of job.steps) {
      for (const key of refusedStepKeys) if (key in step) throw new Error(`${where}: job ${jobId}, step ${stepName(step)} uses ${key}:, which the runner does not play`);
      if ((step.uses === undefined) === (step.run === undefined)) throw new Error(`${where}: job ${jobId}, step ${stepName(step)} needs exactly one of uses: and run:`);
    }
  }
  return { ...doc, file, env: doc.env ?? {} };
}

/** Every expression a workflow holds: each `${{ }}` anywhere in it, and each bare `if:`. */
export function expressionsOf(workflow: Workflow): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, key?: string): void => {
    if (typeof value === "string") {
      const inside = [...value.matchAll(expressionPattern)].map((match) => match[1]!.trim());
      inside.forEach((expression) => found.add(expression));
      if (key === "if" && inside.length === 0) found.add(value.trim());
    } else if (Array.isArray(value)) value.forEach((item) => visit(item));
    else if (value && typeof value === "object") for (const [childKey, child] of Object.entries(value)) visit(child, childKey);
  };
  visit({ ...workflow, file: undefined });
  return [...found];
}

function stepName(step: WorkflowStep): string {
  return step.name ?? step.uses ?? (step.run ?? "").trim().split("\n")[0]!;
}

function substitute(text: string, table: ExpressionTable, context: ExpressionContext): string {
  return text.replace(expressionPattern, (_, expression: string) => evaluate(expression.trim(), table, context));
}

function evaluate(expression: string, table: ExpressionTable, context: ExpressionContext): string {
  const value = table[expression];
  if (!value) throw new Error(`no value for the expression \${{ ${expression} }}: add it to the test's table`);
  return value(context);
}

/** An `if:` as GitHub reads it: with or without `${{ }}`; the table's value must be "true" or "false". */
function condition(text: string, table: ExpressionTable, context: ExpressionContext): boolean {
  const match = /^\s*\$\{\{(.*)\}\}\s*$/s.exec(text);
  const value = evaluate((match ? match[1]! : text).trim(), table, context);
  if (value !== "true" && value !== "false") throw new Error(`the table gives "${value}" for the condition ${text}; a condition is "true" or "false"`);
  return value === "true";
}

function substituteAll(values: Record<string, unknown> | undefined, table: ExpressionTable, context: ExpressionContext): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([key, value]) => [key, substitute(String(value), table, context)]));
}

/** The `key=value` lines (and `key<<DELIMITER` blocks) a step wrote to GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "") continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      if (end < 0) throw new Error(`GITHUB_OUTPUT: ${heredoc[1]} opens a block that ${heredoc[2]} never closes`);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join("\n");
      i = end;
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0) throw new Error(`GITHUB_OUTPUT: cannot read the line ${JSON.stringify(line)}`);
    outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return outputs;
}

function runBash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-e", script], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** Runs the workflow's jobs in file order (a job after the jobs it needs); returns a record per job. */
export async function runWorkflow(options: WorkflowRunOptions): Promise<Record<string, JobRecord>> {
  const { workflow, expressions: table } = options;
  const where = path.basename(workflow.file);
  const unknown = expressionsOf(workflow).filter((expression) => !(expression in table));
  if (unknown.length > 0) throw new Error(`${where}: the test's table has no value for ${unknown.map((e) => `\${{ ${e} }}`).join(", ")}`);

  const records: Record<string, JobRecord> = {};
  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    if (options.jobs && !options.jobs.includes(jobId)) continue;
    records[jobId] = await runJob(jobId, job, records, options, where);
  }
  return records;
}

async function runJob(jobId: string, job: WorkflowJob, done: Record<string, JobRecord>, options: WorkflowRunOptions, where: string): Promise<JobRecord> {
  const table = options.expressions;
  const needs = job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
  const environment = typeof job.environment === "string" ? job.environment : job.environment?.name;
  const context: ExpressionContext = { ...(environment === undefined ? {} : { environment }), steps: {}, needs: {} };
  const jobDir = fs.mkdtempSync(path.join(options.runDir, `${path.basename(where, ".yml")}-${jobId}-`));
  const workspace = path.join(jobDir, "workspace");
  fs.mkdirSync(workspace);
  const record: JobRecord = { id: jobId, result: "success", steps: [], outputs: {}, summary: "", workspace };

  for (const need of needs) {
    const needed = done[need];
    if (!needed) throw new Error(`${where}: job ${jobId} needs ${need}, which did not run before it (not in the file above it, or left out of this run)`);
    context.needs[need] = { result: needed.result, outputs: needed.outputs };
  }
  const failedNeed = needs.find((need) => done[need]!.result !== "success");
  if (failedNeed) return { ...record, result: "skipped", skippedBecause: `needs ${failedNeed}, which ended ${done[failedNeed]!.result}` };
  if (job.if !== undefined && !condition(job.if, table, context)) return { ...record, result: "skipped", skippedBecause: `if: ${job.if} is false` };
  await options.beforeJob?.(jobId);

  const home = path.join(jobDir, "home");
  const runnerTemp = path.join(jobDir, "runner-temp");
  fs.mkdirSync(home);
  fs.mkdirSync(runnerTemp);
  const summaryFile = path.join(runnerTemp, "step-summary.md");
  fs.writeFileSync(summaryFile, "");
  const addedPath: string[] = [];
  const setup: JobSetup = { workspace, addPath: (dir) => addedPath.unshift(dir) };

  for (const [index, step] of job.steps.entries()) {
    const name = stepName(step);
    if (step.if !== undefined && !condition(step.if, table, context)) {
      record.steps.push({ name, id: step.id, kind: "skipped", note: `if: ${step.if} is false`, output: "", outputs: {} });
      continue;
    }
    if (step.uses !== undefined) {
      const standIn = options.actions[step.uses];
      if (!standIn) throw new Error(`${where}: job ${jobId}, step ${name}: no stand-in for ${step.uses}`);
      const note = standIn({ with: substituteAll(step.with, table, context) }, setup);
      record.steps.push({ name, id: step.id, kind: "stand-in", note, output: "", outputs: {} });
      continue;
    }
    const runText = step.run!.trim();
    if (runText in options.skippedRuns) {
      record.steps.push({ name, id: step.id, kind: "skipped", note: options.skippedRuns[runText], output: "", outputs: {} });
      continue;
    }
    const outputFile = path.join(runnerTemp, `output-${index}`);
    const script = path.join(runnerTemp, `step-${index}.sh`);
    fs.writeFileSync(outputFile, "");
    fs.writeFileSync(script, substitute(step.run!, table, context));
    const basePath = options.baseEnv.PATH ?? "";
    const given = {
      ...substituteAll(options.workflow.env, table, context),
      ...substituteAll(job.env, table, context),
      ...substituteAll(step.env, table, context),
    };
    const env: NodeJS.ProcessEnv = {
      ...options.baseEnv,
      PATH: [...addedPath, basePath].filter(Boolean).join(path.delimiter),
      HOME: home,
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: runnerTemp,
      ...given,
    };
    const result = await runBash(script, workspace, env);
    const outputs = parseOutputFile(fs.readFileSync(outputFile, "utf8"));
    if (step.id) context.steps[step.id] = outputs;
    record.steps.push({ name, id: step.id, kind: "run", code: result.code, output: result.output, outputs, env: given });
    if (result.code !== 0) {
      record.result = "failure";
      break;
    }
  }
  record.summary = fs.readFileSync(summaryFile, "utf8");
  if (record.result === "success") record.outputs = substituteAll(job.outputs, table, context);
  return record;
}
