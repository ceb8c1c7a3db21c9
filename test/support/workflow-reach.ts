/**
 * What each job of a GitHub Actions workflow can reach, read from the file: the environment it
 * names, its token's permissions, the secrets it names (each step's, the job's and the workflow's
 * `env:` included), whether it uses the workflow's token; and, given where each secret is kept (the
 * repository or an environment), which of them GitHub gives it: a job gets the repository's secrets
 * and those of the one environment it names, an environment's secret taking precedence over a
 * repository secret of the same name, and an empty string for any other name.
 *
 * An expression that reaches the secrets as a whole (`toJSON(secrets)`, `secrets[name]`) is refused:
 * what it names cannot be read from the file.
 */
import type { Workflow, WorkflowJob, WorkflowStep } from "./workflow-runner";

/** Where each secret is kept: the repository's names and each environment's. */
export interface SecretPlaces {
  repository: string[];
  environments: Record<string, string[]>;
}

export interface StepReach {
  /** The step's name, else its `uses:` or the first line of its `run:`. */
  name: string;
  uses?: string;
  run?: string;
  with: Record<string, unknown>;
  /** The secrets in the step's environment or text, the job's and the workflow's `env:` included, sorted. */
  secrets: string[];
}

export interface JobReach {
  /** The environment the job names, or null. */
  environment: string | null;
  /** The token's permissions: the job's own, else the workflow's (undefined: GitHub's default, which is broad). */
  permissions: unknown;
  concurrency: unknown;
  /** Every secret the job names, sorted. */
  secrets: string[];
  /** Whether it hands the workflow's token to anything (`github.token`, `secrets.GITHUB_TOKEN`). */
  usesToken: boolean;
  steps: StepReach[];
}

const expressionPattern = /\$\{\{(.*?)\}\}/gs;
const secretPattern = /\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)/g;

/** The secret names and token use in one value (a string, or anything holding strings). */
function scan(value: unknown, where: string): { secrets: Set<string>; usesToken: boolean } {
  const secrets = new Set<string>();
  let usesToken = false;
  const visit = (item: unknown): void => {
    if (typeof item === "string") {
      for (const [, expression] of item.matchAll(expressionPattern)) {
        const named = [...expression!.matchAll(secretPattern)].map((match) => match[1]!);
        const rest = expression!.replace(secretPattern, "");
        if (/\bsecrets\b/.test(rest)) throw new Error(`${where}: \${{${expression}}} reaches the secrets as a whole; name each one (secrets.NAME)`);
        if (/\bgithub\.token\b/.test(expression!)) usesToken = true;
        for (const name of named) {
          if (name === "GITHUB_TOKEN") usesToken = true;
          else secrets.add(name);
        }
      }
    } else if (Array.isArray(item)) item.forEach(visit);
    else if (item && typeof item === "object") Object.values(item).forEach(visit);
  };
  visit(value);
  return { secrets, usesToken };
}

function stepName(step: WorkflowStep): string {
  return step.name ?? step.uses ?? (step.run ?? "").trim().split("\n")[0]!;
}

function sorted(names: Iterable<string>): string[] {
  return [...new Set(names)].sort();
}

function jobReach(workflow: Workflow, jobId: string, job: WorkflowJob): JobReach {
  const where = `${workflow.file}: job ${jobId}`;
  const workflowLevel = scan(workflow.env, `${workflow.file}: env`);
  const jobLevel = scan({ env: job.env, if: job.if, outputs: job.outputs, environment: job.environment, concurrency: job.concurrency }, where);
  const inherited = [...workflowLevel.secrets, ...jobLevel.secrets];
  let usesToken = workflowLevel.usesToken || jobLevel.usesToken;
  const steps = job.steps.map((step): StepReach => {
    const own = scan(step, `${where}, step ${stepName(step)}`);
    usesToken ||= own.usesToken;
    return {
      name: stepName(step),
      ...(step.uses === undefined ? {} : { uses: step.uses }),
      ...(step.run === undefined ? {} : { run: step.run.trim() }),
      with: step.with ?? {},
      secrets: sorted([...inherited, ...own.secrets]),
    };
  });
  const environment = job.environment === undefined ? null : typeof job.environment === "string" ? job.environment : job.environment.name;
  return {
    environment,
    permissions: "permissions" in job ? job.permissions : (workflow as { permissions?: unknown }).permissions,
    concurrency: job.concurrency,
    secrets: sorted([...inherited, ...steps.flatMap((step) => step.secrets)]),
    usesToken,
    steps,
  };
}

/** Each job's reach, by job id, in the file's order. */
export function jobsReach(workflow: Workflow): Record<string, JobReach> {
  return Object.fromEntries(Object.entries(workflow.jobs).map(([jobId, job]) => [jobId, jobReach(workflow, jobId, job)]));
}

/** The secrets GitHub gives a job that names `environment` (or none). */
export function secretsGiven(places: SecretPlaces, environment: string | null): string[] {
  return sorted([...places.repository, ...(environment === null ? [] : (places.environments[environment] ?? []))]);
}

/**
 * The value GitHub gives a job for `secrets.<name>`: the job's environment's, else the
 * repository's, else an empty string. `values` holds each place's values by name.
 */
export function secretValue(
  values: { repository: Record<string, string>; environments: Record<string, Record<string, string>> },
  environment: string | undefined,
  name: string,
): string {
  const fromEnvironment = environment === undefined ? undefined : values.environments[environment]?.[name];
  return fromEnvironment ?? values.repository[name] ?? "";
}

/**
 * Where each secret is kept, from a Markdown table whose header is `| secret | where | holds |`:
 * the first column's backquoted names, kept where the second says (`repository`, or the
 * backquoted environment names).
 */
export function readSecretPlaces(markdown: string, source: string): SecretPlaces {
  const lines = markdown.split("\n").map((line) => line.trim());
  const header = lines.findIndex((line) => /^\|\s*secret\s*\|\s*where\s*\|/.test(line));
  if (header < 0) throw new Error(`${source} has no table headed | secret | where | ...`);
  const places: SecretPlaces = { repository: [], environments: {} };
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    const [names, where] = line.split("|").slice(1, 3).map((cell) => cell.trim());
    const secretNames = [...names!.matchAll(/`([A-Z0-9_]+)`/g)].map((match) => match[1]!);
    if (secretNames.length === 0) throw new Error(`${source}: the row ${line} names no secret`);
    if (where === "repository") places.repository.push(...secretNames);
    else {
      const environments = [...where!.matchAll(/`([^`]+)`/g)].map((match) => match[1]!);
      if (!/^environments? /.test(where!) || environments.length === 0) throw new Error(`${source}: the row ${line} says neither "repository" nor which environments`);
      for (const environment of environments) (places.environments[environment] ??= []).push(...secretNames);
    }
  }
  places.repository = sorted(places.repository);
  for (const environment of Object.keys(places.environments)) places.environments[environment] = sorted(places.environments[environment]!);
  return places;
}
