import { credentialSettings, type ScalekitCredentials } from "../lib/credentials";
import { readStackConfig } from "../lib/stack-config";
import { ReviewError } from "./errors";

/** A stack's Pulumi config as plain strings (and its project's name), or why it could not be read. */
export type StackConfigResult = { available: true; projectName: string; values: Record<string, string> } | { available: false; reason: string };

/** Reads one stack's Pulumi config (secrets decrypted). */
export type StackConfigReader = (stack: string) => Promise<StackConfigResult>;

type CredentialKey = keyof ScalekitCredentials;

/** Each credential's stack config key, `scalekit:environmentUrl` and so on. */
const configKeys = Object.fromEntries(credentialSettings.map((setting) => [setting.field, setting.configKey])) as Record<CredentialKey, string>;

/** Each credential's variable name after `SCALEKIT_` (and here after the stack's name): `ENVIRONMENT_URL` and so on. */
const envSuffixes = Object.fromEntries(credentialSettings.map((setting) => [setting.field, setting.envVar.replace(/^SCALEKIT_/, "")])) as Record<CredentialKey, string>;

/**
 * Reads stacks' config through the shared reader (Pulumi's Automation API with the project's
 * CLI), in the user's own backend and with the user's own passphrase (whatever
 * PULUMI_BACKEND_URL / `pulumi login` and PULUMI_CONFIG_PASSPHRASE say). A stack that cannot be
 * read (no such stack, not logged in, wrong passphrase) is "unavailable", not an error: the
 * credentials then come from environment variables.
 */
export function pulumiStackConfigReader(projectDir: string, baseEnv: NodeJS.ProcessEnv = process.env): StackConfigReader {
  return async (stack) => {
    try {
      return { available: true, ...(await readStackConfig(projectDir, stack, baseEnv)) };
    } catch (err) {
      return { available: false, reason: (err as Error).message };
    }
  };
}

/**
 * The part of the environment variable names that stands for a stack: its short name (after the
 * last `/` of `org/project/stack`) upper-cased, every character other than a letter or a digit
 * becoming `_`. `dev` → `DEV`, `production` → `PRODUCTION`, `eu-prod` → `EU_PROD`.
 */
export function stackEnvName(stack: string): string {
  const short = stack.slice(stack.lastIndexOf("/") + 1);
  return short.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

/** The three environment variables that hold a stack's credentials when its Pulumi config does not. */
export function credentialEnvVars(stack: string): Record<CredentialKey, string> {
  const prefix = `SCALEKIT_${stackEnvName(stack)}_`;
  return Object.fromEntries(Object.entries(envSuffixes).map(([key, suffix]) => [key, prefix + suffix])) as Record<CredentialKey, string>;
}

/**
 * A stack's credentials, each taken from the stack's Pulumi config when it is set there, else from
 * the stack's environment variable. Anything missing is one error that names both ways to set it.
 */
export async function resolveStackCredentials(
  stack: string,
  readConfig: StackConfigReader | undefined,
  env: NodeJS.ProcessEnv,
): Promise<ScalekitCredentials> {
  const config: StackConfigResult = readConfig
    ? await readConfig(stack)
    : { available: false, reason: "reading Pulumi config was turned off (--no-pulumi-config)" };
  const envVars = credentialEnvVars(stack);
  const found: Partial<ScalekitCredentials> = {};
  const missing: CredentialKey[] = [];
  for (const key of Object.keys(configKeys) as CredentialKey[]) {
    const value = (config.available ? config.values[configKeys[key]] : undefined) || env[envVars[key]];
    if (value) found[key] = value;
    else missing.push(key);
  }
  if (missing.length > 0) {
    const configNote = config.available ? "" : ` (the stack's Pulumi config could not be used: ${config.reason})`;
    const lines = [
      `missing Scalekit credentials for stack "${stack}": ${missing.map((key) => configKeys[key]).join(", ")}${configNote}.`,
      `Set them in the stack's Pulumi config:`,
      ...missing.map((key) =>
        key === "clientSecret"
          ? `  npm run pulumi -- config set --secret ${configKeys[key]} --stack ${stack}`
          : `  npm run pulumi -- config set ${configKeys[key]} <value> --stack ${stack}`,
      ),
      `or export the environment variables:`,
      ...missing.map((key) => `  ${envVars[key]}`),
    ];
    throw new ReviewError(lines.join("\n"));
  }
  return found as ScalekitCredentials;
}
