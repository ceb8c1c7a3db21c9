/**
 * A Scalekit environment's endpoint and credentials. One type for them everywhere:
 * `ScalekitCredentials` ({ environmentUrl, clientId, clientSecret }), the provider's, which a
 * running emulator also hands out as `emulator.credentials`. And where a stack finds them, from
 * the provider's own list: its config keys, else the SCALEKIT_* environment variables.
 */
import { credentialSettings, type ScalekitCredentials } from "pulumi-scalekit-connectors/internal";

export { credentialSettings, type ScalekitCredentials };

/** The stack config keys: `scalekit:environmentUrl`, `scalekit:clientId`, `scalekit:clientSecret`. */
export const credentialConfigKeys: readonly string[] = credentialSettings.map((setting) => setting.configKey);

/** The environment variables the provider falls back to: `SCALEKIT_ENVIRONMENT_URL`, `SCALEKIT_CLIENT_ID`, `SCALEKIT_CLIENT_SECRET`. */
export const credentialEnvVars: readonly string[] = credentialSettings.map((setting) => setting.envVar);

/** Those environment variables, set to `credentials`: how a run hands an environment to a Pulumi program. */
export function credentialsEnv(credentials: ScalekitCredentials): NodeJS.ProcessEnv {
  return Object.fromEntries(credentialSettings.map((setting) => [setting.envVar, credentials[setting.field]]));
}
