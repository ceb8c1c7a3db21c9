/**
 * Where the provider finds the credentials of a Scalekit environment: the stack config
 * (`scalekit:environmentUrl`, `scalekit:clientId`, `scalekit:clientSecret`), key by key, and
 * otherwise the SCALEKIT_* environment variables Scalekit's own tools use.
 */

export interface ScalekitCredentials {
  environmentUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Something that answers config keys, like the dynamic provider's ConfigureRequest.config. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

/** Each credential: its field, its stack config key, its environment variable, whether it is secret, what it is (the plugin schema's words). */
export const credentialSettings = [
  { field: "environmentUrl", configKey: "scalekit:environmentUrl", envVar: "SCALEKIT_ENVIRONMENT_URL", secret: false, description: "The environment's URL, e.g. `https://acme.scalekit.dev`." },
  { field: "clientId", configKey: "scalekit:clientId", envVar: "SCALEKIT_CLIENT_ID", secret: false, description: "The client id of an API client of the environment." },
  { field: "clientSecret", configKey: "scalekit:clientSecret", envVar: "SCALEKIT_CLIENT_SECRET", secret: true, description: "Its client secret: always kept secret in state." },
] as const;

/**
 * Some of the Scalekit credentials are set neither in the stack's config nor in the environment.
 * The message names each missing key with both ways to set it (`pulumi config set ...` and the
 * `SCALEKIT_*` variable).
 */
export class MissingCredentialsError extends Error {
  constructor(missing: readonly (typeof credentialSettings)[number][]) {
    const commands = missing.map((s) => `  pulumi config set ${s.secret ? "--secret " : ""}${s.configKey} <value>`).join("\n");
    const envVars = missing.map((s) => s.envVar).join(", ");
    super(
      `Scalekit credentials are missing: ${missing.map((s) => s.configKey).join(", ")}.\n` +
        `Set them in the stack's config:\n${commands}\n` +
        `or export the environment variables ${envVars} before running Pulumi.`,
    );
    this.name = "MissingCredentialsError";
  }
}

/** Stack config first, then the environment; throws one error naming both ways for whatever is missing. */
export function resolveCredentials(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): ScalekitCredentials {
  const found: Partial<Record<(typeof credentialSettings)[number]["field"], string>> = {};
  const missing: (typeof credentialSettings)[number][] = [];
  for (const setting of credentialSettings) {
    const value = config?.get(setting.configKey) || env[setting.envVar];
    if (value) found[setting.field] = value;
    else missing.push(setting);
  }
  if (missing.length > 0) throw new MissingCredentialsError(missing);
  return found as ScalekitCredentials;
}
