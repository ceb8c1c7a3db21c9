/**
 * What differs between two normalized definitions, property by property. Definitions are compared
 * in a comparison form (`comparisonJson`): values that say nothing (`""`, `false`, empty lists and
 * objects) read as absent, at every depth. proto3 cannot tell them apart at the top level, and an
 * auth pattern that leaves `required: false` out means the same; so state written by an older
 * version, which left them out, shows no change.
 */
import { canonicalJson, definitionProperties, type DefinitionProperty, type NormalizedDefinition } from "./codec";
import { isPlainObject } from "./schema/schema-tree";

function saysNothing(value: unknown): boolean {
  if (value === undefined || value === null || value === "" || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isPlainObject(value)) return Object.keys(value).length === 0;
  return false;
}

/** A value as compared: objects without the entries that say nothing (after their own children are read so), lists item by item. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (!isPlainObject(value)) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const read = comparable(child);
    if (!saysNothing(read)) kept[key] = read;
  }
  return kept;
}

/**
 * The JSON two definitions (or two values of one property) are compared by: a value that says
 * nothing is the same as none, keys in any order are the same object, lists keep their order.
 */
export function comparisonJson(value: unknown): string {
  const read = comparable(value);
  return canonicalJson(saysNothing(read) ? null : read);
}

/** The top-level properties whose values differ, compared by comparisonJson. */
export function changedProperties(before: NormalizedDefinition, after: NormalizedDefinition): DefinitionProperty[] {
  return definitionProperties.filter((property) => comparisonJson(before[property]) !== comparisonJson(after[property]));
}
