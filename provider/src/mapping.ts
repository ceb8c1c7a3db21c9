/** Between the camelCase definition (Pulumi arguments) and Scalekit's snake_case payload. */
import { definitionProperties } from "./diff";
import { camelToSnake, toCamelCase, toSnakeCase, type SnakeCased } from "./schema/case-mapping";
import { connectorDefinitionShapeSchema, type ConnectorDefinitionInput } from "./schema/definition";
import type { StoredProvider } from "./schema/provider-object";
import { arrayElement, isPlainObject, objectShape, spellKey, type SchemaNode } from "./schema/schema-walk";
import { normalizeDefinition, type NormalizedDefinition } from "./normalize";

/** The create / update payload in Scalekit's format. */
export type ScalekitPayload = SnakeCased<NormalizedDefinition>;

/** The payload's top-level fields in the schema's order, as Scalekit names them (`display_name`, ..., `metadata`). */
export const payloadProperties: readonly (keyof ScalekitPayload)[] = definitionProperties.map((property) => camelToSnake(property) as keyof ScalekitPayload);

/**
 * The payload for a create or an update. Every field is sent, empty ones included, because an
 * update is a full replacement: a field it leaves out is not preserved.
 */
export function toScalekitPayload(definition: NormalizedDefinition): ScalekitPayload {
  return toSnakeCase(definition) as ScalekitPayload;
}

/** A connector in Scalekit's snake_case JSON, as camelCase arguments (not yet validated). */
export function fromScalekitPayload(payload: unknown): ConnectorDefinitionInput {
  return toCamelCase(payload) as ConnectorDefinitionInput;
}

/** What Scalekit stored, as a canonical definition (only the definition's properties are read). */
export function storedToDefinition(stored: StoredProvider): NormalizedDefinition {
  return normalizeDefinition(stored);
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
 * reads: the canonical form, which every comparison uses, does not depend on key order.
 */
export function schemaOrderedPayload<T extends Record<string, unknown>>(payload: T): T {
  return inSchemaOrder(payload, connectorDefinitionShapeSchema) as T;
}
