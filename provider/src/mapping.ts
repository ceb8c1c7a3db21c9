/** Between the camelCase definition (Pulumi arguments) and Scalekit's snake_case payload. */
import { toCamelCase, toSnakeCase, type SnakeCased } from "./schema/case-mapping";
import type { ConnectorDefinitionInput } from "./schema/definition";
import type { StoredProvider } from "./schema/provider-object";
import { normalizeDefinition, type NormalizedDefinition } from "./normalize";

/** The create / update payload in Scalekit's format. */
export type ScalekitPayload = SnakeCased<NormalizedDefinition>;

/**
 * The payload for a create or an update. Every field is sent, empty ones included, because an
 * update that leaves out description, auth_patterns or icon_src keeps the old value and one that
 * leaves out metadata clears it.
 */
export function toScalekitPayload(definition: NormalizedDefinition): ScalekitPayload {
  return toSnakeCase(definition) as ScalekitPayload;
}

/** A connector in Scalekit's snake_case JSON, as camelCase arguments (not yet validated). */
export function fromScalekitPayload(payload: unknown): ConnectorDefinitionInput {
  return toCamelCase(payload) as ConnectorDefinitionInput;
}

/** What Scalekit stored, as a canonical definition. */
export function storedToDefinition(stored: StoredProvider): NormalizedDefinition {
  return normalizeDefinition({
    displayName: stored.displayName,
    description: stored.description,
    authPatterns: stored.authPatterns,
    proxyUrl: stored.proxyUrl,
    proxyEnabled: stored.proxyEnabled,
    iconSrc: stored.iconSrc,
    metadata: stored.metadata,
  });
}
