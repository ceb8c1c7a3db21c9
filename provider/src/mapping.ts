/** Between the camelCase definition (Pulumi arguments) and Scalekit's snake_case payload. */
import { toCamelCase, toSnakeCase, type SnakeCased } from "./schema/case-mapping";
import type { ConnectorDefinitionInput } from "./schema/definition";
import type { StoredProvider } from "./schema/provider-object";
import { normalizeDefinition, type NormalizedDefinition } from "./normalize";

/** The create / update payload in Scalekit's format. */
export type ScalekitPayload = SnakeCased<NormalizedDefinition>;

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
