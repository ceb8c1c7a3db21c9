/**
 * The rules the Scalekit server enforces on create, update and delete
 * requests (the proto's buf.validate rules, plus the JSON types of the
 * documented pattern fields and of the keys Scalekit is known to serve beyond
 * them). Every broken rule is gathered, and one 400 InvalidArgument names them
 * all (see violations.ts). The guidance rules (MCP shapes, placeholders
 * matching fields, ...) are not server rules and are deliberately not checked
 * here; nor are the auth-type and input-type vocabularies, unless the mode
 * `vocabularies` is "strict".
 */

import {
  AUTH_TYPES,
  CONSTRAINTS,
  FIELD_INPUT_TYPES,
  MUTABLE_CREDENTIAL_FIELDS,
  PATTERN_REQUIRED_KEYS,
  isLeftOut,
  type EmulatorModes,
} from "./assumptions";
import { invalidArgument } from "./errors";
import type { AuthPattern, ProviderInput } from "./types";
import { Violations } from "./violations";

export const DISPLAY_NAME_PATTERN = /^[a-zA-Z0-9 ]*[a-zA-Z0-9][a-zA-Z0-9 ]*$/;
export const DISPLAY_NAME_MAX_LENGTH = 200;
export const PROXY_URL_PREFIX = "https://";
export const URL_MAX_LENGTH = 2048;
/** The proto's pattern for icon_src, as text (RegExp.source would escape its slashes). */
const ICON_SRC_PATTERN_TEXT = "^(https://.*)?$";
export const ICON_SRC_PATTERN = new RegExp(ICON_SRC_PATTERN_TEXT);
export const IDENTIFIER_MAX_LENGTH = 255;
export const METADATA_LIMITS = { maxPairs: 20, keyMin: 3, keyMax: 25, valueMin: 1, valueMax: 256 } as const;
/** Characters the list endpoint accepts in its `identifier` filter. */
export const IDENTIFIER_FILTER_PATTERN = /^[a-zA-Z0-9_:-]*$/;

/** The modes that decide what a payload check accepts. */
export type ValidationModes = Pick<EmulatorModes, "vocabularies">;

/** Checks a create body; returns the whole definition it gives. */
export function validateCreate(body: unknown, modes: ValidationModes): ProviderInput {
  const object = requireObject(body);
  const violations = new Violations();
  const input = readDefinition(object, modes, violations);
  violations.throwIfAny("the create request");
  return input;
}

/**
 * Checks an update's path identifier and body; returns the definition the body
 * gives, a field left out holding its empty value (what the store makes of
 * that depends on `updateSemantics`).
 */
export function validateUpdate(identifier: string, body: unknown, modes: ValidationModes): ProviderInput {
  const object = requireObject(body);
  const violations = new Violations();
  checkPathIdentifier(identifier, violations);
  const input = readDefinition(object, modes, violations);
  violations.throwIfAny("the update request");
  return input;
}

/** Checks a delete's path identifier. */
export function validateDelete(identifier: string): void {
  const violations = new Violations();
  checkPathIdentifier(identifier, violations);
  violations.throwIfAny("the delete request");
}

function requireObject(body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) throw invalidArgument(`the request body must be a JSON object, got ${describeType(body)}`);
  return body;
}

function checkPathIdentifier(identifier: string, violations: Violations): void {
  const length = characterCount(identifier);
  if (length > IDENTIFIER_MAX_LENGTH) {
    violations.add("identifier", CONSTRAINTS.maxLength, `must be at most ${IDENTIFIER_MAX_LENGTH} characters long, it has ${length}`);
  }
}

/**
 * Reads the seven payload fields. A field left out (or null) takes its empty
 * value; the required ones are recorded as violations instead.
 */
function readDefinition(body: Record<string, unknown>, modes: ValidationModes, violations: Violations): ProviderInput {
  const field = (key: string): unknown => (isLeftOut(body[key]) ? undefined : body[key]);
  return {
    display_name: checkDisplayName(field("display_name"), violations),
    description: optionalString(field("description"), "description", violations),
    auth_patterns: checkAuthPatterns(field("auth_patterns"), modes, violations),
    proxy_url: checkProxyUrl(field("proxy_url"), violations),
    proxy_enabled: checkProxyEnabled(field("proxy_enabled"), violations),
    icon_src: checkIconSrc(field("icon_src"), violations),
    metadata: checkMetadata(field("metadata"), violations),
  };
}

function checkDisplayName(value: unknown, violations: Violations): string {
  const name = "display_name";
  if (value === undefined || value === "") {
    violations.add(name, CONSTRAINTS.required, `is required: 1 to ${DISPLAY_NAME_MAX_LENGTH} letters, digits and spaces`);
    return "";
  }
  if (typeof value !== "string") return wrongType(name, "string", value, violations, "");
  checkMaxLength(name, value, DISPLAY_NAME_MAX_LENGTH, violations);
  if (!DISPLAY_NAME_PATTERN.test(value)) {
    violations.add(
      name,
      CONSTRAINTS.pattern,
      `must hold only letters, digits and spaces, with at least one letter or digit ` +
        `(pattern ${DISPLAY_NAME_PATTERN.source}), got ${quote(value)}`,
    );
  }
  return value;
}

function checkProxyUrl(value: unknown, violations: Violations): string {
  const name = "proxy_url";
  if (value === undefined || value === "") {
    // The proto's rule is min_len 1: an empty proxy_url is a missing one.
    violations.add(name, CONSTRAINTS.minLength, `is required: a URL of 1 to ${URL_MAX_LENGTH} characters starting with ${PROXY_URL_PREFIX}`);
    return "";
  }
  if (typeof value !== "string") return wrongType(name, "string", value, violations, "");
  if (!value.startsWith(PROXY_URL_PREFIX)) violations.add(name, CONSTRAINTS.prefix, `must start with ${PROXY_URL_PREFIX}, got ${quote(value)}`);
  checkMaxLength(name, value, URL_MAX_LENGTH, violations);
  return value;
}

function checkIconSrc(value: unknown, violations: Violations): string {
  const name = "icon_src";
  const icon = optionalString(value, name, violations);
  if (!ICON_SRC_PATTERN.test(icon)) {
    violations.add(name, CONSTRAINTS.pattern, `must be empty or a URL starting with https:// (pattern ${ICON_SRC_PATTERN_TEXT}), got ${quote(icon)}`);
  }
  checkMaxLength(name, icon, URL_MAX_LENGTH, violations);
  return icon;
}

function checkProxyEnabled(value: unknown, violations: Violations): boolean {
  if (value === undefined) return false;
  if (typeof value !== "boolean") return wrongType("proxy_enabled", "boolean", value, violations, false);
  return value;
}

function checkMetadata(value: unknown, violations: Violations): Record<string, string> {
  const result: Record<string, string> = {};
  if (value === undefined) return result;
  if (!isPlainObject(value)) return wrongType("metadata", "stringMap", value, violations, result);
  const entries = Object.entries(value);
  const { maxPairs, keyMin, keyMax, valueMin, valueMax } = METADATA_LIMITS;
  if (entries.length > maxPairs) violations.add("metadata", CONSTRAINTS.maxPairs, `may hold at most ${maxPairs} pairs, got ${entries.length}`);
  for (const [key, item] of entries) {
    const path = `metadata[${JSON.stringify(key)}]`;
    const keyLength = characterCount(key);
    if (keyLength < keyMin || keyLength > keyMax) {
      violations.add(
        path,
        keyLength < keyMin ? CONSTRAINTS.minLength : CONSTRAINTS.maxLength,
        `has a key of ${keyLength} character${keyLength === 1 ? "" : "s"}; keys must be ${keyMin} to ${keyMax} characters long`,
      );
    }
    if (typeof item !== "string") {
      wrongType(path, "string", item, violations, undefined);
      continue;
    }
    const valueLength = characterCount(item);
    if (valueLength < valueMin || valueLength > valueMax) {
      violations.add(
        path,
        valueLength < valueMin ? CONSTRAINTS.minLength : CONSTRAINTS.maxLength,
        `must be ${valueMin} to ${valueMax} characters long, it has ${valueLength}`,
      );
    }
    result[key] = item;
  }
  return result;
}

// ------------------------------------------------------------ auth patterns

/**
 * What a known nested field must hold. Unknown nested fields are kept as sent,
 * unchecked; `null` anywhere counts as left out (proto3 JSON) and is kept too.
 */
type Kind =
  | "string"
  | "boolean"
  | { vocabulary: readonly string[] }
  | { object: Shape; required?: readonly string[] }
  | { arrayOf: Kind }
  | { mapOf: Kind; keys: readonly string[] };

/** The known fields of an object, and what each must hold. */
type Shape = Record<string, Kind>;

/** A choice of a `select` field, as Scalekit serves it (Python SDK tests). */
const OPTION_SHAPE: Shape = { value: "string", display_name: "string", description: "string", default: "boolean" };

const FIELD_SHAPE: Shape = {
  field_name: "string",
  label: "string",
  input_type: { vocabulary: FIELD_INPUT_TYPES },
  hint: "string",
  required: "boolean",
  is_path_param: "boolean",
  // Served by Scalekit beyond the documented pattern (Python SDK tests).
  options: { arrayOf: { object: OPTION_SHAPE } },
  header_name: "string",
};

const SCOPE_SHAPE: Shape = { scope: "string", display_name: "string", description: "string", required: "boolean" };

const OAUTH_CONFIG_SHAPE: Shape = {
  authorize_uri: "string",
  token_uri: "string",
  user_info_uri: "string",
  available_scopes: { arrayOf: { object: SCOPE_SHAPE } },
  pkce_enabled: "boolean",
  allow_use_scalekit_credentials: "boolean",
  custom_scope_name: "string",
};

const MUTATION_SHAPE: Shape = { prefix: "string", suffix: "string", default: "string" };

/** Every pattern, whatever its type, may carry `fields` (Scalekit serves them on OAUTH patterns too) and `oauth_config`. */
const PATTERN_KIND: Kind = {
  object: {
    type: { vocabulary: AUTH_TYPES },
    display_name: "string",
    description: "string",
    fields: { arrayOf: { object: FIELD_SHAPE } },
    account_fields: { arrayOf: { object: FIELD_SHAPE } },
    oauth_config: { object: OAUTH_CONFIG_SHAPE },
    is_mcp: "boolean",
    auth_header_key_override: "string",
    auth_field_mutations: { mapOf: { object: MUTATION_SHAPE }, keys: MUTABLE_CREDENTIAL_FIELDS },
    // Served by Scalekit beyond the documented pattern (Python SDK tests).
    allowed_proxy_domains: { arrayOf: "string" },
  },
  required: PATTERN_REQUIRED_KEYS,
};

function checkAuthPatterns(value: unknown, modes: ValidationModes, violations: Violations): AuthPattern[] {
  if (value === undefined) {
    violations.add("auth_patterns", CONSTRAINTS.required, "is required: a list of auth patterns (Scalekit supports one per connector)");
    return [];
  }
  checkKind(value, { arrayOf: PATTERN_KIND }, "auth_patterns", { strictVocabularies: modes.vocabularies === "strict", violations });
  // Stored as sent: a deep copy so later changes to the request object cannot reach the store.
  return Array.isArray(value) ? (structuredClone(value) as AuthPattern[]) : [];
}

interface KindCheck {
  /** Whether a vocabulary value outside its list is a violation (`vocabularies: "strict"`). */
  strictVocabularies: boolean;
  violations: Violations;
}

function checkKind(value: unknown, kind: Kind, path: string, check: KindCheck): void {
  const { violations } = check;
  if (value === null) return; // proto3 JSON: null is the default value
  if (kind === "string" || kind === "boolean") {
    if (typeof value !== kind) wrongType(path, kind, value, violations, undefined);
    return;
  }
  if ("vocabulary" in kind) {
    if (typeof value !== "string") return wrongType(path, "string", value, violations, undefined);
    if (check.strictVocabularies && !kind.vocabulary.includes(value)) {
      violations.add(path, CONSTRAINTS.inList, `must be one of ${kind.vocabulary.join(", ")}, got ${quote(value)}`);
    }
    return;
  }
  if ("arrayOf" in kind) {
    if (!Array.isArray(value)) return wrongType(path, "array", value, violations, undefined);
    value.forEach((item, index) => checkKind(item, kind.arrayOf, `${path}[${index}]`, check));
    return;
  }
  if ("mapOf" in kind) {
    if (!isPlainObject(value)) return wrongType(path, "object", value, violations, undefined);
    for (const [key, item] of Object.entries(value)) {
      if (!kind.keys.includes(key)) {
        violations.add(path, CONSTRAINTS.inList, `may only name ${kind.keys.join(", ")}, got ${quote(key)}`);
        continue;
      }
      checkKind(item, kind.mapOf, `${path}.${key}`, check);
    }
    return;
  }
  if (!isPlainObject(value)) return wrongType(path, "object", value, violations, undefined);
  for (const [key, fieldKind] of Object.entries(kind.object)) {
    const item = value[key];
    if (isLeftOut(item)) {
      if (kind.required?.includes(key)) violations.add(`${path}.${key}`, CONSTRAINTS.required, "is required");
      continue;
    }
    checkKind(item, fieldKind, `${path}.${key}`, check);
  }
}

// ---------------------------------------------------------------- helpers

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown, path: string, violations: Violations): string {
  if (value === undefined) return "";
  if (typeof value !== "string") return wrongType(path, "string", value, violations, "");
  return value;
}

function checkMaxLength(path: string, value: string, max: number, violations: Violations): void {
  const length = characterCount(value);
  if (length > max) violations.add(path, CONSTRAINTS.maxLength, `must be at most ${max} characters long, it has ${length}`);
}

/** The JSON types a field may be required to hold, with the words and the constraint of each. */
const JSON_TYPES = {
  string: { words: "a string", constraint: CONSTRAINTS.string },
  boolean: { words: "a boolean", constraint: CONSTRAINTS.boolean },
  array: { words: "an array", constraint: CONSTRAINTS.list },
  object: { words: "an object", constraint: CONSTRAINTS.object },
  stringMap: { words: "an object of strings", constraint: CONSTRAINTS.object },
} as const;

/** Records a wrong JSON type and returns `fallback`, so a check can go on with the other fields. */
function wrongType<T>(path: string, expected: keyof typeof JSON_TYPES, value: unknown, violations: Violations, fallback: T): T {
  const { words, constraint } = JSON_TYPES[expected];
  violations.add(path, constraint, `must be ${words}, got ${describeType(value)}`);
  return fallback;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/** Length in characters (code points), as the proto's min_len / max_len count. */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

function quote(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return JSON.stringify(shown);
}
