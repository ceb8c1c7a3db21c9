/**
 * The codec: the one place where a connector's keys are respelled and its forms converted.
 * camelCase (typed arguments, state, outputs) ↔ Scalekit's snake_case (its payload and what it
 * serves); Scalekit's stored answer ↔ the normalized definition; a JSON `null` read as absent.
 * Respelling by the schema renames only the keys the schema declares: a key Scalekit serves that
 * the schema does not know is carried verbatim, compared and sent back. Everything else in the
 * provider calls these; nothing respells a key on its own.
 */
export { camelToSnake, spellKey, toSnakeCase, toCamelCase, fromApiSpelling, type KeySpelling, type SnakeCased } from "./key-case";
export { readSpelled, toPayloadSpelling, fromPayloadSpelling, schemaKeyFor, formatPropertyPath, type KeyReport } from "./schema-spelling";
export {
  normalizeDefinition,
  canonicalJson,
  definitionFrom,
  spelledAs,
  toScalekitPayload,
  storedToDefinition,
  schemaOrderedPayload,
  definitionProperties,
  payloadProperties,
  type NormalizedDefinition,
  type DefinitionProperty,
  type ScalekitPayload,
} from "./definition-forms";
