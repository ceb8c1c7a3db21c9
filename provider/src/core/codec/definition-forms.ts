/**
 * The codec's forms of one connector definition, and the ways between them:
 *
 * - The normalized definition (camelCase), kept in state and sent to Scalekit: every top-level
 *   property present (a left-out one as its default), keys sorted at every depth, `null`s left
 *   out, and otherwise every key and value as declared or served, known to the schema or not.
 *   Nothing is dropped, so what Scalekit serves goes back to it unchanged.
 * - Scalekit's payload (snake_case, `toScalekitPayload`), what a create or an update sends.
 * - What Scalekit stored (`storedToDefinition`), and a definition held in either spelling in
 *   state, outputs or a file (`definitionFrom`).
 */
import { connectorDefinitionShapeSchema, type ConnectorDefinition } from "../schema/definition";
import type { StoredProvider } from "../schema/provider-object";
import { arrayElement, emptyValueOf, isPlainObject, objectShape, type SchemaNode } from "../schema/schema-tree";
import { camelToSnake, spellKey, type KeySpelling, type SnakeCased } from "./key-case";
import { fromPayloadSpelling, toPayloadSpelling } from "./schema-spelling";

/** A definition in normalized form: plain JSON, deterministic key order, every top-level property present. */
export type NormalizedDefinition = {
  [K in keyof ConnectorDefinition]-?: K extends "authPatterns" ? Record<string, unknown>[] : NonNullable<ConnectorDefinition[K]>;
};

export type DefinitionProperty = keyof NormalizedDefinition;

/** The definition's top-level properties, in the schema's order (read from the schema, never listed again). */
export const definitionProperties: readonly DefinitionProperty[] = Object.keys(connectorDefinitionShapeSchema.shape) as DefinitionProperty[];

/** The create / update payload in Scalekit's format. */
export type ScalekitPayload = SnakeCased<NormalizedDefinition>;

/** The payload's top-level fields in the schema's order, as Scalekit names them (`display_name`, ..., `metadata`). */
export const payloadProperties: readonly (keyof ScalekitPayload)[] = definitionProperties.map((property) => camelToSnake(property) as keyof ScalekitPayload);

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

/** Deterministic JSON of a value (object keys sorted), for equality checks of values kept exactly. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, child: unknown) => (isPlainObject(child) ? Object.fromEntries(Object.entries(child).sort(byKey)) : child));
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

/**
 * A definition held in `spelling` (Scalekit's payload or its stored answer, or the camelCase of
 * typed arguments, state and outputs) as a normalized definition: declared keys respelled, other
 * keys carried as they are, `null`s read as absent, a left-out property as its default.
 */
export function definitionFrom(held: Record<string, unknown>, spelling: KeySpelling): NormalizedDefinition {
  const camel = spelling === "payload" ? fromPayloadSpelling(held) : held;
  return normalizeDefinition(camel as NormalizableDefinition);
}

/** A definition (or any part of one that keeps its top-level keys) spelled as `spelling`: camelCase as it is, or Scalekit's payload. */
export function spelledAs<T extends Record<string, unknown>>(definition: T, spelling: KeySpelling): Record<string, unknown> {
  return spelling === "payload" ? (toPayloadSpelling(definition) as Record<string, unknown>) : definition;
}

/**
 * The payload for a create or an update: every field, empty ones included (so an update that
 * clears a value says so, whatever Scalekit does with it), and every key of the auth patterns as
 * the definition holds it, known to the schema or not.
 */
export function toScalekitPayload(definition: NormalizedDefinition): ScalekitPayload {
  return toPayloadSpelling(definition) as ScalekitPayload;
}

/**
 * What Scalekit stored, as a normalized definition: its seven definition fields, the auth
 * patterns with every key Scalekit served (declared keys in camelCase, others as served).
 */
export function storedToDefinition(stored: StoredProvider): NormalizedDefinition {
  return definitionFrom(stored as unknown as Record<string, unknown>, "payload");
}

function inSchemaOrder(value: unknown, node: SchemaNode): unknown {
  const shape = objectShape(node);
  if (shape && isPlainObject(value)) {
    const children = new Map(Object.entries(shape).map(([key, child]) => [spellKey(key, "payload"), child]));
    const keys = [...[...children.keys()].filter((key) => key in value), ...Object.keys(value).filter((key) => !children.has(key))];
    return Object.fromEntries(
      keys.map((key) => {
        const child = children.get(key);
        return [key, child ? inSchemaOrder(value[key], child) : value[key]];
      }),
    );
  }
  const element = arrayElement(node);
  if (element && Array.isArray(value)) return value.map((item) => inSchemaOrder(item, element));
  return value;
}

/**
 * A snake_case payload with its keys in the schema's order at every depth, which is the order of
 * Scalekit's docs (see schema/definition.ts); the values are untouched, keys the schema does not
 * know follow the known ones in their own order, and maps (metadata) keep theirs. For files a
 * person reads: no comparison depends on key order.
 */
export function schemaOrderedPayload<T extends Record<string, unknown>>(payload: T): T {
  return inSchemaOrder(payload, connectorDefinitionShapeSchema) as T;
}
