import { ReviewError } from "./errors";

/** What the review needs to call one Scalekit environment. */
export interface EnvironmentCredentials {
  environmentUrl: string;
  clientId: string;
  clientSecret: string;
}

/** A stack's Pulumi config as plain strings, or why it could not be read. */
export type StackConfigResult = { available: true; values: Record<string, string> } | { available: false; reason: string };

/** Reads one stack's Pulumi config (secrets decrypted). */
export type StackConfigReader = (stack: string) => Promise<StackConfigResult>;

type CredentialKey = keyof EnvironmentCredentials;

const configKeys: Record<CredentialKey, string> = {
  environmentUrl: "scalekit:environmentUrl",
  clientId: "scalekit:clientId",
  clientSecret: "scalekit:clientSecret",
};

const envSuffixes: Record<CredentialKey, string> = {
  environmentUrl: "ENVIRONMENT_URL",
  clientId: "CLIENT_ID",
  clientSecret: "CLIENT_SECRET",
};

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
  return {
    environmentUrl: prefix + envSuffixes.environmentUrl,
    clientId: prefix + envSuffixes.clientId,
    clientSecret: prefix + envSuffixes.clientSecret,
  };
}

/**
 * A stack's credentials, each taken from the stack's Pulumi config when it is set there, else from
 * the stack's environment variable. Anything missing is one error that names both ways to set it.
 */
export async function resolveStackCredentials(
  stack: string,
  readConfig: StackConfigReader | undefined,
  env: NodeJS.ProcessEnv,
): Promise<EnvironmentCredentials> {
  const config: StackConfigResult = readConfig
    ? await readConfig(stack)
    : { available: false, reason: "reading Pulumi config was turned off (--no-pulumi-config)" };
  const envVars = credentialEnvVars(stack);
  const found: Partial<EnvironmentCredentials> = {};
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
  return found as EnvironmentCredentials;
}
