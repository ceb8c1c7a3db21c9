/**
 * The canonical form of a connector definition, used for diffs and kept in state: defaults
 * applied, optional values that say nothing (empty strings and lists, false flags) left out
 * inside auth patterns, map keys sorted, and nothing Scalekit may add beyond the documented
 * fields. Which fields those are, at every depth, is read from the zod schema.
 */
import { connectorDefinitionShapeSchema, type ConnectorDefinition } from "./schema/definition";
import { arrayElement, emptyValueOf, isPlainObject, objectShape, recordValue, unwrap, type SchemaNode } from "./schema/schema-walk";

/** A definition in canonical form: plain JSON, deterministic key order, every top-level property present. */
export type NormalizedDefinition = {
  [K in keyof ConnectorDefinition]-?: K extends "authPatterns" ? Record<string, unknown>[] : NonNullable<ConnectorDefinition[K]>;
};

/** What normalizeDefinition accepts: a parsed definition, a canonical one, or what Scalekit stored (camelCase; extra keys ignored). */
type NormalizableDefinition = { displayName: string } & { [K in keyof ConnectorDefinition]?: unknown };

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === "" || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value as object).length === 0;
  return false;
}

function byKey([a]: [string, unknown], [b]: [string, unknown]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A value in canonical form, following its schema: objects keep the schema's keys only, sorted,
 * with empty values left out; lists keep their order; maps are sorted by key.
 */
function canonical(value: unknown, node: SchemaNode): unknown {
  const schema = unwrap(node);
  const shape = objectShape(schema);
  if (shape) {
    if (!isPlainObject(value)) return value;
    const result: Record<string, unknown> = {};
    for (const key of Object.keys(shape).sort()) {
      const child = canonical(value[key], shape[key]);
      if (!isEmpty(child)) result[key] = child;
    }
    return result;
  }
  const element = arrayElement(schema);
  if (element) return Array.isArray(value) ? value.map((item) => canonical(item, element)) : value;
  const valueNode = recordValue(schema);
  if (valueNode) {
    return isPlainObject(value) ? Object.fromEntries(Object.entries(value).sort(byKey).map(([key, child]) => [key, canonical(child, valueNode)])) : value;
  }
  return value;
}

/** Canonical form of a definition (validated, canonical already, or as Scalekit stored it, in camelCase). */
export function normalizeDefinition(definition: NormalizableDefinition): NormalizedDefinition {
  const source = definition as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  // Top-level properties are all kept, in the schema's order, a left-out one as its default.
  for (const [key, node] of Object.entries(connectorDefinitionShapeSchema.shape)) {
    const value = source[key] ?? emptyValueOf(node);
    result[key] = canonical(value, node);
  }
  return result as NormalizedDefinition;
}

/** Deterministic JSON of a value (object keys sorted), for equality checks. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, child: unknown) =>
    child !== null && typeof child === "object" && !Array.isArray(child) ? Object.fromEntries(Object.entries(child as Record<string, unknown>).sort(byKey)) : child,
  );
}
