/**
 * What pull takes from a stack, found the way `pulumi up` finds it: the stack's config (through
 * the shared reader, scripts/lib/stack-config.ts), the Scalekit credentials (the config key by
 * key, else the SCALEKIT_* environment variables: the provider's own resolveCredentials decides)
 * and the definitions folder.
 */
import * as path from "path";
import { MissingCredentialsError } from "pulumi-scalekit-connectors";
import { resolveCredentials } from "pulumi-scalekit-connectors/internal";
import { credentialConfigKeys, type ScalekitCredentials } from "../lib/credentials";
import { readStackConfig, StackConfigError, type StackConfig } from "../lib/stack-config";
import { EXIT_USAGE, PullError } from "./args";

/** Reads a stack's config; tests pass their own. */
export type StackConfigReader = (projectDir: string, stack: string) => Promise<StackConfig>;

/**
 * The stack's config through the Automation API. An unknown stack is a usage error; a config
 * that cannot be read or decrypted is a failure that says what to check.
 */
export const automationStackConfig: StackConfigReader = async (projectDir, stack) => {
  try {
    return await readStackConfig(projectDir, stack);
  } catch (err) {
    if (!(err instanceof StackConfigError)) throw err;
    switch (err.failure) {
      case "no-project":
        throw new PullError(`cannot run the Pulumi CLI in ${projectDir}: ${err.detail}. Check that the folder holds Pulumi.yaml and that npm run pulumi -- version works.`);
      case "no-stack":
        throw new PullError(
          `there is no stack "${stack}" in this project's backend${err.stacks.length > 0 ? ` (stacks: ${err.stacks.join(", ")})` : ""}. ` +
            `Pass an existing stack with --stack, or create it: npm run pulumi -- stack init ${stack}`,
          EXIT_USAGE,
        );
      case "unreadable":
        throw new PullError(
          `cannot read the config of stack "${stack}": ${err.detail}\n` +
            `pulumi up would fail the same way. Check the backend (PULUMI_BACKEND_URL or npm run pulumi -- login) and the stack's ` +
            `secrets passphrase (PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE), then run the command again.`,
        );
    }
  }
};

/**
 * The stack's Scalekit credentials: each from the stack's config when set there, else from its
 * SCALEKIT_* environment variable, exactly as the provider resolves them during `pulumi up`.
 */
export function stackCredentials(stack: string, config: StackConfig, env: NodeJS.ProcessEnv): ScalekitCredentials {
  try {
    return resolveCredentials({ get: (key) => config.values[key] }, env);
  } catch (err) {
    if (!(err instanceof MissingCredentialsError)) throw err;
    // The provider's message, with the stack named in its commands.
    throw new PullError(err.message.replace(/pulumi config set (.*) <value>/g, `npm run pulumi -- config set $1 <value> --stack ${stack}`).replace(/^/, `stack "${stack}": `));
  }
}

/** Where the credentials came from, for the report and the messages. */
export function credentialSource(config: StackConfig): string {
  const fromConfig = credentialConfigKeys.filter((key) => config.values[key]);
  if (fromConfig.length === credentialConfigKeys.length) return "the stack's config";
  if (fromConfig.length === 0) return "the SCALEKIT_* environment variables";
  return `the stack's config (${fromConfig.join(", ")}) and the SCALEKIT_* environment variables`;
}

/** The definitions folder the program of this stack reads: `--dir`, else the stack's connectorsDir config, else `connectors`. */
export function definitionsDir(projectDir: string, config: StackConfig, dir: string | undefined): { dir: string; configured: string } {
  const configured = config.values[`${config.projectName}:connectorsDir`] ?? "connectors";
  return { dir: path.resolve(projectDir, dir ?? configured), configured: path.resolve(projectDir, configured) };
}
