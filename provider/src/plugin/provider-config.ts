/**
 * The plugin's provider configuration: `environmentUrl`, `clientId`, `clientSecret` (secret) and
 * `maxRequestsPerMinute`, from the stack's `scalekit:*` config for the default provider, or from
 * the arguments of an explicit `new Provider(...)` resource; each one missing falls back to its
 * `SCALEKIT_*` variable (client/credentials.ts and client/request-budget.ts say how). Nothing else
 * is read; the engine also passes `version`.
 */
import type { ConfigSource } from "../core/client/credentials";
import { providerSettings, type ProviderField } from "../core/client/provider-settings";
import { readRequestBudget } from "../core/client/request-budget";
import { unwrapSecrets, wrapSecretsAt } from "./secrets";

/** The config keys of the provider, as the schema names them. */
export const configFields: readonly ProviderField[] = providerSettings.map((setting) => setting.field);

/**
 * A config source from Configure's arguments (`args`, typed values) or, from an older engine, its
 * `variables` (`scalekit:config:<key>` → string).
 */
export function configSource(args: Record<string, unknown> | undefined, variables: ReadonlyMap<string, string>): ConfigSource {
  const { plain } = unwrapSecrets(args ?? {});
  const values = new Map<string, string>();
  for (const setting of providerSettings) {
    const fromArgs = plain[setting.field];
    const fromVariables = variables.get(`scalekit:config:${setting.field}`);
    // The budget may arrive as a number; the config source holds text, as stack config does.
    const value = typeof fromArgs === "string" || typeof fromArgs === "number" ? String(fromArgs) : fromVariables;
    if (value !== undefined && value !== "") values.set(setting.configKey, value);
  }
  return { get: (key) => values.get(key) };
}

export interface ConfigCheck {
  inputs: Record<string, unknown>;
  failures: { property: string; reason: string }[];
}

/**
 * CheckConfig: each credential a string when given, the budget a positive whole number;
 * `clientSecret` secret in what is kept, whether the program marked it or not.
 */
export function checkConfig(news: Record<string, unknown>): ConfigCheck {
  const { plain, secretPaths } = unwrapSecrets(news);
  const failures: { property: string; reason: string }[] = [];
  for (const setting of providerSettings) {
    const value = plain[setting.field];
    if (setting.kind === "text") {
      if (value !== undefined && typeof value !== "string") failures.push({ property: setting.field, reason: "must be a string" });
      continue;
    }
    try {
      readRequestBudget(value, `${setting.field} (${setting.configKey})`);
    } catch (error) {
      failures.push({ property: setting.field, reason: (error as Error).message });
    }
  }
  const secretFields = providerSettings.filter((setting) => setting.secret && plain[setting.field] !== undefined).map((setting) => [setting.field]);
  return { inputs: wrapSecretsAt(plain, [...secretPaths, ...secretFields]), failures };
}

/** DiffConfig: the settings that changed. A provider's resources stay where they are: nothing is replaced. */
export function changedConfig(olds: Record<string, unknown>, news: Record<string, unknown>): ProviderField[] {
  const before = unwrapSecrets(olds).plain;
  const after = unwrapSecrets(news).plain;
  return configFields.filter((field) => String(before[field]) !== String(after[field]));
}
