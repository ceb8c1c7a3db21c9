/**
 * A stack's config as `pulumi up` sees it, read through Pulumi's Automation API with the
 * project's own CLI (the `pulumi` on PATH, or the one it builds into .tools/), in the user's own
 * backend with the stack's own secrets provider (PULUMI_BACKEND_URL or `pulumi login`,
 * PULUMI_CONFIG_PASSPHRASE, ...). The stack is never selected: `LocalWorkspace.selectStack` would
 * change the user's current stack. The review and the pull command read config only through here.
 */
import * as path from "path";
import { LocalWorkspace, PulumiCommand, StackNotFoundError, type ConfigMap } from "@pulumi/pulumi/automation";
import { pulumiCommand, pulumiCommandEnv } from "./pulumi-process";

/** What a stack's config says. */
export interface StackConfig {
  /** The Pulumi project's name: the program's own keys are `<name>:<key>`. */
  projectName: string;
  /** Every key of the stack's config as a plain string, secrets decrypted (objects as their JSON text). */
  values: Record<string, string>;
}

/**
 * Why a stack's config could not be read: `no-project`, the CLI cannot run in the folder (no CLI,
 * no Pulumi.yaml); `no-stack`, the backend has no such stack; `unreadable`, the config is there
 * but cannot be read or decrypted (not logged in, a wrong passphrase, ...).
 */
export type StackConfigFailure = "no-project" | "no-stack" | "unreadable";

export class StackConfigError extends Error {
  override readonly name = "StackConfigError";
  constructor(
    readonly failure: StackConfigFailure,
    /** Pulumi's own words, e.g. `no stack named 'staging' found`. */
    readonly detail: string,
    /** With `no-stack`: the stacks the backend has (when they could be listed). */
    readonly stacks: readonly string[] = [],
  ) {
    super(detail);
  }
}

/** The first `error: ...` line Pulumi printed (else the last line), without the command line around it. */
export function pulumiErrorLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const error = lines.find((line) => /^error:/i.test(line));
  return (error ?? lines[lines.length - 1] ?? "unknown error").replace(/^error:\s*/i, "");
}

/** `pulumi config --json` entries as plain strings (an object value as its JSON text; entries without a value left out). */
export function configValues(config: ConfigMap): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, entry] of Object.entries(config as Record<string, { value?: unknown; objectValue?: unknown }>)) {
    const value = entry.value ?? entry.objectValue;
    if (value === undefined || value === null) continue;
    values[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return values;
}

let commandPromise: Promise<PulumiCommand> | undefined;

/**
 * The project's CLI for the Automation API, handed over explicitly because the Automation API
 * alone only looks on PATH. `PulumiCommand.get({ root })` runs `<root>/bin/pulumi`; a CLI outside
 * a bin/ folder is the one on PATH.
 */
function automationCommand(): Promise<PulumiCommand> {
  commandPromise ??= pulumiCommand().then((cli) => {
    const binDir = path.dirname(cli.pulumiPath);
    return path.basename(binDir) === "bin" ? PulumiCommand.get({ root: path.dirname(binDir) }) : PulumiCommand.get();
  });
  return commandPromise;
}

async function openWorkspace(projectDir: string, baseEnv: NodeJS.ProcessEnv): Promise<{ workspace: LocalWorkspace; projectName: string }> {
  try {
    const env = pulumiCommandEnv(await pulumiCommand(), baseEnv);
    const envVars = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const workspace = await LocalWorkspace.create({ workDir: projectDir, pulumiCommand: await automationCommand(), envVars });
    return { workspace, projectName: (await workspace.projectSettings()).name };
  } catch (err) {
    throw new StackConfigError("no-project", pulumiErrorLine(err));
  }
}

/**
 * Reads one stack's config (see the module's comment); `baseEnv` is the environment the CLI runs
 * in (default process.env). Throws a StackConfigError saying why when it cannot.
 */
export async function readStackConfig(projectDir: string, stack: string, baseEnv: NodeJS.ProcessEnv = process.env): Promise<StackConfig> {
  const { workspace, projectName } = await openWorkspace(projectDir, baseEnv);
  try {
    return { projectName, values: configValues(await workspace.getAllConfig(stack)) };
  } catch (err) {
    if (!(err instanceof StackNotFoundError)) throw new StackConfigError("unreadable", pulumiErrorLine(err));
    const stacks = await workspace.listStacks().then(
      (summaries) => summaries.map((summary) => summary.name),
      () => [] as string[],
    );
    throw new StackConfigError("no-stack", pulumiErrorLine(err), stacks);
  }
}
