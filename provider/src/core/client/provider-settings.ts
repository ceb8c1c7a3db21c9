/**
 * Every setting of the provider, in one list: the three credentials (credentials.ts says where
 * they are found) and the request budget (request-budget.ts). Each entry holds its field (the
 * plugin's config key and `Provider` argument), its stack config key, its environment variable,
 * whether it is secret, the kind of value it takes and what it means. The plugin's config schema
 * (schema/resource.ts), its Configure and CheckConfig (plugin/provider-config.ts) and the SDK's
 * `Provider` (plugin/sdk) all read this list, so a setting is added in one place.
 */
import { credentialSettings } from "./credentials";
import { requestBudgetSetting } from "./request-budget";

export const providerSettings = [
  ...credentialSettings.map((setting) => ({ ...setting, kind: "text" as const })),
  { ...requestBudgetSetting, secret: false, kind: "whole number" as const },
];

/** One setting of the provider. */
export type ProviderSetting = (typeof providerSettings)[number];

/** The provider's config keys, as the schema and the SDK name them. */
export type ProviderField = ProviderSetting["field"];
