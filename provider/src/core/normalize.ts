/**
 * Two forms of a connector definition (camelCase, as spelling.ts reads it):
 *
 * - The normalized definition, kept in state and sent to Scalekit: every top-level property
 *   present (a left-out one as its default), keys sorted at every depth, `null`s left out, and
 *   otherwise every key and value as declared or served, known to the schema or not. Nothing is
 *   dropped, so what Scalekit serves goes back to it unchanged.
 * - The comparison form (`comparisonJson`): the same, with values that say nothing (`""`,
 *   `false`, empty lists and objects) read as absent, at every depth. proto3 cannot tell them
 *   apart at the top level, and an auth pattern that leaves `required: false` out means the same;
 *   so state written by an older version, which left them out, shows no change.
 */
import { connectorDefinitionShapeSchema, type ConnectorDefinition } from "./schema/definition";
import { emptyValueOf, isPlainObject } from "./schema/schema-tree";

/** A definition in normalized form: plain JSON, deterministic key order, every top-level property present. */
export type NormalizedDefinition = {
  [K in keyof ConnectorDefinition]-?: K extends "authPatterns" ? Record<string, unknown>[] : NonNullable<ConnectorDefinition[K]>;
};

/** What normalizeDefinition accepts: a parsed definition, a normalized one, or what Scalekit stored (camelCase; other top-level keys ignored). */
type NormalizableDefinition = { displayName: string } & { [K in keyof ConnectorDefinition]?: unknown };

function byKey([a]: [string, unknown], [b]: [string, unknown]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A value with its object keys sorted and `null` / `undefined` entries left out, at every depth. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, child]) => child !== null && child !== undefined)
      .sort(byKey)
      .map(([key, child]) => [key, sorted(child)]),
  );
}

/** Normalized form of a definition (validated, normalized already, or as Scalekit stored it, in camelCase). */
export function normalizeDefinition(definition: NormalizableDefinition): NormalizedDefinition {
  const source = definition as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  // Top-level properties are all kept, in the schema's order, a left-out one as its default.
  for (const [key, node] of Object.entries(connectorDefinitionShapeSchema.shape)) {
    result[key] = sorted(source[key] ?? emptyValueOf(node));
  }
  return result as NormalizedDefinition;
}

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

/** Deterministic JSON of a value (object keys sorted), for equality checks of values kept exactly. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, child: unknown) => (isPlainObject(child) ? Object.fromEntries(Object.entries(child).sort(byKey)) : child));
}

/**
 * The JSON two definitions (or two values of one property) are compared by: a value that says
 * nothing is the same as none, keys in any order are the same object, lists keep their order.
 */
export function comparisonJson(value: unknown): string {
  const read = comparable(value);
  return canonicalJson(saysNothing(read) ? null : read);
}
