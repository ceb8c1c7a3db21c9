/**
 * A live connector as a definition file: the payload the provider would send for it
 * (`toScalekitPayload(storedToDefinition(provider))`): the seven payload fields, nothing else
 * Scalekit adds at the top level, and inside the auth patterns every key Scalekit served, known
 * to the schema or not, spelled and valued as served (a `null` reads as absent and is left out).
 * Known keys come in the schema's order, which is the order Scalekit's docs write them in, the
 * others after them, alphabetically; as 2-space JSON.
 */
import { schemaOrderedPayload, storedToDefinition, toScalekitPayload, type StoredProvider } from "pulumi-scalekit-connectors/internal";

type Json = unknown;

/** The definition a live connector gets: its payload as the provider would send it, keys in the schema's order. */
export function payloadFor(provider: StoredProvider): Record<string, Json> {
  return schemaOrderedPayload(toScalekitPayload(storedToDefinition(provider)) as unknown as Record<string, Json>);
}

/** The text of a definition file: 2-space JSON with a trailing newline. */
export function definitionText(payload: Record<string, Json>): string {
  return `${JSON.stringify(payload, null, 2)}\n`;
}
