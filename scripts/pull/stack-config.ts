/**
 * A stack's Scalekit credentials and definitions folder, found the way `pulumi up` finds them:
 * the stack's config (read through Pulumi's Automation API, secrets decrypted by the stack's own
 * secrets provider), key by key, else the SCALEKIT_* environment variables (the provider's own
 * resolveCredentials decides).
 */
import * as path from "path";
import { LocalWorkspace, PulumiCommand, StackNotFoundError } from "@pulumi/pulumi/automation";
import { MissingCredentialsError } from "pulumi-scalekit-connectors";
import { resolveCredentials, type ScalekitCredentials } from "pulumi-scalekit-connectors/internal";
import { pulumiCommand } from "../lib/pulumi-process";
import { parseConfigJson } from "../review/pulumi-config";
import { EXIT_USAGE, PullError } from "./args";

/** What pull needs from a stack. */
export interface StackSettings {
  /** The Pulumi project's name (its config keys are `<name>:<key>`). */
  projectName: string;
  /** The stack's config as plain strings, secrets decrypted. */
  config: Record<string, string>;
}

/** Reads a stack's settings; tests pass their own. */
export type StackSettingsReader = (projectDir: string, stack: string) => Promise<StackSettings>;

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

/**
 * The Pulumi CLI for the Automation API: this project's (the `pulumi` on PATH, or the one it
 * builds into .tools/ when there is none; see scripts/pulumi-cli.js), handed over explicitly
 * because the Automation API alone only looks on PATH.
 */
async function projectPulumiCommand(): Promise<{ command: PulumiCommand; env: Record<string, string> }> {
  const cli = await pulumiCommand();
  const env = Object.fromEntries(Object.entries(cli.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const binDir = path.dirname(cli.pulumiPath);
  // PulumiCommand.get({ root }) runs `<root>/bin/pulumi`; a CLI outside a bin/ folder is the one on PATH.
  const command = path.basename(binDir) === "bin" ? await PulumiCommand.get({ root: path.dirname(binDir) }) : await PulumiCommand.get();
  return { command, env };
}

/**
 * Reads a stack's config with the Automation API, in the user's own backend with the user's own
 * secrets provider (PULUMI_BACKEND_URL or `pulumi login`, PULUMI_CONFIG_PASSPHRASE, ...). It does
 * not select the stack (`LocalWorkspace.selectStack` would change the user's current stack).
 * An unknown stack is a usage error; a config that cannot be read or decrypted is a failure.
 */
export const automationStackSettings: StackSettingsReader = async (projectDir, stack) => {
  let workspace: LocalWorkspace;
  try {
    const { command, env } = await projectPulumiCommand();
    workspace = await LocalWorkspace.create({ workDir: projectDir, pulumiCommand: command, envVars: env });
  } catch (err) {
    throw new PullError(`cannot run the Pulumi CLI in ${projectDir}: ${pulumiErrorLine(err)}. Check that the folder holds Pulumi.yaml and that npm run pulumi -- version works.`);
  }
  const projectName = (await workspace.projectSettings()).name;
  try {
    const all = await workspace.getAllConfig(stack);
    // The same reading of `pulumi config --json` entries as the review's (objects as their JSON text).
    return { projectName, config: parseConfigJson(JSON.stringify(all)) };
  } catch (err) {
    if (err instanceof StackNotFoundError) {
      const known = await workspace.listStacks().then(
        (stacks) => stacks.map((summary) => summary.name),
        () => [] as string[],
      );
      throw new PullError(
        `there is no stack "${stack}" in this project's backend${known.length > 0 ? ` (stacks: ${known.join(", ")})` : ""}. ` +
          `Pass an existing stack with --stack, or create it: npm run pulumi -- stack init ${stack}`,
        EXIT_USAGE,
      );
    }
    throw new PullError(
      `cannot read the config of stack "${stack}": ${pulumiErrorLine(err)}\n` +
        `pulumi up would fail the same way. Check the backend (PULUMI_BACKEND_URL or npm run pulumi -- login) and the stack's ` +
        `secrets passphrase (PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE), then run the command again.`,
    );
  }
};

/**
 * The stack's Scalekit credentials: each from the stack's config when set there, else from its
 * SCALEKIT_* environment variable, exactly as the provider resolves them during `pulumi up`.
 */
export function stackCredentials(stack: string, settings: StackSettings, env: NodeJS.ProcessEnv): ScalekitCredentials {
  try {
    return resolveCredentials({ get: (key) => settings.config[key] }, env);
  } catch (err) {
    if (!(err instanceof MissingCredentialsError)) throw err;
    // The provider's message, with the stack named in its commands.
    throw new PullError(err.message.replace(/pulumi config set (.*) <value>/g, `npm run pulumi -- config set $1 <value> --stack ${stack}`).replace(/^/, `stack "${stack}": `));
  }
}

/** The definitions folder the program of this stack reads: `--dir`, else the stack's connectorsDir config, else `connectors`. */
export function definitionsDir(projectDir: string, settings: StackSettings, dir: string | undefined): { dir: string; configured: string } {
  const configured = settings.config[`${settings.projectName}:connectorsDir`] ?? "connectors";
  return { dir: path.resolve(projectDir, dir ?? configured), configured: path.resolve(projectDir, configured) };
}
