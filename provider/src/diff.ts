/** What differs between two canonical definitions, property by property. */
import { canonicalJson, type NormalizedDefinition } from "./normalize";

export const definitionProperties = ["displayName", "description", "authPatterns", "proxyUrl", "proxyEnabled", "iconSrc", "metadata"] as const;
export type DefinitionProperty = (typeof definitionProperties)[number];

/** The top-level properties whose canonical values differ. */
export function changedProperties(before: NormalizedDefinition, after: NormalizedDefinition): DefinitionProperty[] {
  return definitionProperties.filter((property) => canonicalJson(before[property]) !== canonicalJson(after[property]));
}
