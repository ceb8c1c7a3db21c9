/** Between the camelCase definition (Pulumi arguments, state) and Scalekit's snake_case payload. */
import { definitionProperties } from "./diff";
import { camelToSnake, type SnakeCased } from "./schema/case-mapping";
import { connectorDefinitionShapeSchema } from "./schema/definition";
import type { StoredProvider } from "./schema/provider-object";
import { arrayElement, isPlainObject, objectShape, spellKey, type SchemaNode } from "./schema/schema-tree";
import { fromPayloadSpelling, toPayloadSpelling } from "./schema/spelling";
import { normalizeDefinition, type NormalizedDefinition } from "./normalize";

/** The create / update payload in Scalekit's format. */
export type ScalekitPayload = SnakeCased<NormalizedDefinition>;

/** The payload's top-level fields in the schema's order, as Scalekit names them (`display_name`, ..., `metadata`). */
export const payloadProperties: readonly (keyof ScalekitPayload)[] = definitionProperties.map((property) => camelToSnake(property) as keyof ScalekitPayload);

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
  return normalizeDefinition(fromPayloadSpelling(stored) as StoredProvider);
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
 * Scalekit's docs (see definition.ts); the values are untouched, keys the schema does not know
 * follow the known ones in their own order, and maps (metadata) keep theirs. For files a person
 * reads: no comparison depends on key order.
 */
export function schemaOrderedPayload<T extends Record<string, unknown>>(payload: T): T {
  return inSchemaOrder(payload, connectorDefinitionShapeSchema) as T;
}
