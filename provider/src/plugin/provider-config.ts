/**
 * The plugin's provider configuration: `environmentUrl`, `clientId`, `clientSecret` (secret), from
 * the stack's `scalekit:*` config for the default provider, or from the arguments of an explicit
 * `new Provider(...)` resource; each one missing falls back to its `SCALEKIT_*` variable
 * (client/credentials.ts says how). Nothing else is read; the engine also passes `version`.
 */
import { credentialSettings, type ConfigSource } from "../core/client/credentials";
import { unwrapSecrets, wrapSecretsAt } from "./secrets";

type CredentialField = (typeof credentialSettings)[number]["field"];

/** The config keys of the provider, as the schema names them. */
export const configFields: readonly CredentialField[] = credentialSettings.map((setting) => setting.field);

/**
 * A config source from Configure's arguments (`args`, typed values) or, from an older engine, its
 * `variables` (`scalekit:config:<key>` → string).
 */
export function configSource(args: Record<string, unknown> | undefined, variables: ReadonlyMap<string, string>): ConfigSource {
  const { plain } = unwrapSecrets(args ?? {});
  const values = new Map<string, string>();
  for (const setting of credentialSettings) {
    const fromArgs = plain[setting.field];
    const fromVariables = variables.get(`scalekit:config:${setting.field}`);
    const value = typeof fromArgs === "string" ? fromArgs : fromVariables;
    if (value !== undefined && value !== "") values.set(setting.configKey, value);
  }
  return { get: (key) => values.get(key) };
}

export interface ConfigCheck {
  inputs: Record<string, unknown>;
  failures: { property: string; reason: string }[];
}

/** CheckConfig: each credential a string when given; `clientSecret` secret in what is kept, whether the program marked it or not. */
export function checkConfig(news: Record<string, unknown>): ConfigCheck {
  const { plain, secretPaths } = unwrapSecrets(news);
  const failures = configFields
    .filter((field) => plain[field] !== undefined && typeof plain[field] !== "string")
    .map((field) => ({ property: field, reason: "must be a string" }));
  const secretFields = credentialSettings.filter((setting) => setting.secret && plain[setting.field] !== undefined).map((setting) => [setting.field]);
  return { inputs: wrapSecretsAt(plain, [...secretPaths, ...secretFields]), failures };
}

/** DiffConfig: the credentials that changed. A provider's resources stay where they are: nothing is replaced. */
export function changedConfig(olds: Record<string, unknown>, news: Record<string, unknown>): CredentialField[] {
  const before = unwrapSecrets(olds).plain;
  const after = unwrapSecrets(news).plain;
  return configFields.filter((field) => before[field] !== after[field]);
}
