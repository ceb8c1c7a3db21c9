/**
 * The rules the Scalekit server enforces on create and update payloads. A
 * broken rule is a 400 InvalidArgument whose message names the field and the
 * rule. The guidance rules (MCP shapes, placeholders matching fields, ...) are
 * not server rules and are deliberately not checked here.
 */

import {
  CREATE_REQUIRES_PROXY_URL,
  FIELD_INPUT_TYPE_REQUIRED,
  MUTABLE_CREDENTIAL_FIELDS,
  NULL_MEANS_OMITTED,
  PATTERN_TYPE_REQUIRED,
  REJECT_UNKNOWN_TOP_LEVEL_FIELDS,
} from "./assumptions";
import { invalidArgument } from "./errors";
import type { AuthPattern, ProviderInput } from "./types";

export const DISPLAY_NAME_PATTERN = /^[a-zA-Z0-9 ]*[a-zA-Z0-9][a-zA-Z0-9 ]*$/;
export const AUTH_TYPES = ["OAUTH", "BASIC", "BEARER", "API_KEY", "NO_AUTH"] as const;
export const FIELD_INPUT_TYPES = ["text", "password", "select"] as const;
export const METADATA_LIMITS = { maxPairs: 20, keyMin: 3, keyMax: 25, valueMin: 1, valueMax: 256 } as const;
/** Characters the list endpoint accepts in its `identifier` filter. */
export const IDENTIFIER_FILTER_PATTERN = /^[a-zA-Z0-9_:-]+$/;

const TOP_LEVEL_FIELDS = ["display_name", "description", "auth_patterns", "proxy_url", "proxy_enabled", "icon_src", "metadata"];

export type PayloadMode = "create" | "update";

/** Checks a create or update body and returns the fields it gives. */
export function validateProviderPayload(body: unknown, mode: PayloadMode): ProviderInput {
  if (!isPlainObject(body)) {
    throw invalidArgument(`the request body must be a JSON object, got ${describeType(body)}`);
  }
  if (REJECT_UNKNOWN_TOP_LEVEL_FIELDS) {
    const unknown = Object.keys(body).filter((key) => !TOP_LEVEL_FIELDS.includes(key));
    if (unknown.length > 0) throw invalidArgument(`unknown field(s): ${unknown.join(", ")}`);
  }
  const read = (key: string): unknown => {
    const value = body[key];
    return NULL_MEANS_OMITTED && value === null ? undefined : value;
  };

  const input: ProviderInput = { display_name: checkDisplayName(read("display_name")) };

  const description = optionalString(read("description"), "description");
  if (description !== undefined) input.description = description;

  const proxyUrl = optionalString(read("proxy_url"), "proxy_url");
  if (proxyUrl === undefined) {
    if (mode === "update" || CREATE_REQUIRES_PROXY_URL) throw invalidArgument(`proxy_url is required on ${mode}`);
  } else {
    if (!proxyUrl.startsWith("https://")) throw invalidArgument(`proxy_url must start with https://, got ${quote(proxyUrl)}`);
    input.proxy_url = proxyUrl;
  }

  const proxyEnabled = read("proxy_enabled");
  if (proxyEnabled !== undefined) {
    if (typeof proxyEnabled !== "boolean") throw wrongType("proxy_enabled", "a boolean", proxyEnabled);
    input.proxy_enabled = proxyEnabled;
  }

  const iconSrc = optionalString(read("icon_src"), "icon_src");
  if (iconSrc !== undefined) {
    if (iconSrc !== "" && !iconSrc.startsWith("https://")) {
      throw invalidArgument(`icon_src must be empty or start with https://, got ${quote(iconSrc)}`);
    }
    input.icon_src = iconSrc;
  }

  const metadata = read("metadata");
  if (metadata !== undefined) input.metadata = checkMetadata(metadata);

  const patterns = read("auth_patterns");
  if (patterns !== undefined) input.auth_patterns = checkAuthPatterns(patterns);

  return input;
}

function checkDisplayName(value: unknown): string {
  if (value === undefined) throw invalidArgument("display_name is required");
  if (typeof value !== "string") throw wrongType("display_name", "a string", value);
  if (!DISPLAY_NAME_PATTERN.test(value)) {
    throw invalidArgument(
      `display_name must hold only letters, digits and spaces, with at least one letter or digit ` +
        `(pattern ${DISPLAY_NAME_PATTERN.source}), got ${quote(value)}`,
    );
  }
  return value;
}

function checkMetadata(value: unknown): Record<string, string> {
  if (!isPlainObject(value)) throw wrongType("metadata", "an object of strings", value);
  const entries = Object.entries(value);
  const { maxPairs, keyMin, keyMax, valueMin, valueMax } = METADATA_LIMITS;
  if (entries.length > maxPairs) {
    throw invalidArgument(`metadata may hold at most ${maxPairs} pairs, got ${entries.length}`);
  }
  const result: Record<string, string> = {};
  for (const [key, item] of entries) {
    const keyLength = characterCount(key);
    if (keyLength < keyMin || keyLength > keyMax) {
      throw invalidArgument(`metadata key ${quote(key)} must be ${keyMin} to ${keyMax} characters long, it has ${keyLength}`);
    }
    if (typeof item !== "string") throw wrongType(`metadata[${quote(key)}]`, "a string", item);
    const valueLength = characterCount(item);
    if (valueLength < valueMin || valueLength > valueMax) {
      throw invalidArgument(
        `metadata[${quote(key)}] must be ${valueMin} to ${valueMax} characters long, it has ${valueLength}`,
      );
    }
    result[key] = item;
  }
  return result;
}

// ------------------------------------------------------------ auth patterns

/** What a known nested field must hold. Unknown nested fields are kept as sent. */
type Kind =
  | "string"
  | "boolean"
  | { oneOf: readonly string[] }
  | { object: Shape }
  | { arrayOf: Kind }
  | { mapOf: Kind; keys: readonly string[] };

type Shape = Record<string, { kind: Kind; required?: boolean }>;

const FIELD_SHAPE: Shape = {
  field_name: { kind: "string" },
  label: { kind: "string" },
  input_type: { kind: { oneOf: FIELD_INPUT_TYPES }, required: FIELD_INPUT_TYPE_REQUIRED },
  hint: { kind: "string" },
  required: { kind: "boolean" },
  is_path_param: { kind: "boolean" },
};

const SCOPE_SHAPE: Shape = {
  scope: { kind: "string" },
  display_name: { kind: "string" },
  description: { kind: "string" },
  required: { kind: "boolean" },
};

const OAUTH_CONFIG_SHAPE: Shape = {
  authorize_uri: { kind: "string" },
  token_uri: { kind: "string" },
  user_info_uri: { kind: "string" },
  available_scopes: { kind: { arrayOf: { object: SCOPE_SHAPE } } },
  pkce_enabled: { kind: "boolean" },
  allow_use_scalekit_credentials: { kind: "boolean" },
  custom_scope_name: { kind: "string" },
};

const MUTATION_SHAPE: Shape = {
  prefix: { kind: "string" },
  suffix: { kind: "string" },
  default: { kind: "string" },
};

const PATTERN_SHAPE: Shape = {
  type: { kind: { oneOf: AUTH_TYPES }, required: PATTERN_TYPE_REQUIRED },
  display_name: { kind: "string" },
  description: { kind: "string" },
  fields: { kind: { arrayOf: { object: FIELD_SHAPE } } },
  account_fields: { kind: { arrayOf: { object: FIELD_SHAPE } } },
  oauth_config: { kind: { object: OAUTH_CONFIG_SHAPE } },
  is_mcp: { kind: "boolean" },
  auth_header_key_override: { kind: "string" },
  auth_field_mutations: { kind: { mapOf: { object: MUTATION_SHAPE }, keys: MUTABLE_CREDENTIAL_FIELDS } },
};

function checkAuthPatterns(value: unknown): AuthPattern[] {
  checkKind(value, { arrayOf: { object: PATTERN_SHAPE } }, "auth_patterns");
  // Stored as sent: a deep copy so later changes to the request object cannot reach the store.
  return structuredClone(value) as AuthPattern[];
}

function checkKind(value: unknown, kind: Kind, path: string): void {
  if (value === null) return; // proto3 JSON: null is the default value
  if (kind === "string" || kind === "boolean") {
    if (typeof value !== kind) throw wrongType(path, `a ${kind}`, value);
    return;
  }
  if ("oneOf" in kind) {
    if (typeof value !== "string" || !kind.oneOf.includes(value)) {
      throw invalidArgument(`${path} must be one of ${kind.oneOf.join(", ")}, got ${describeValue(value)}`);
    }
    return;
  }
  if ("arrayOf" in kind) {
    if (!Array.isArray(value)) throw wrongType(path, "an array", value);
    value.forEach((item, index) => checkKind(item, kind.arrayOf, `${path}[${index}]`));
    return;
  }
  if ("mapOf" in kind) {
    if (!isPlainObject(value)) throw wrongType(path, "an object", value);
    for (const [key, item] of Object.entries(value)) {
      if (!kind.keys.includes(key)) {
        throw invalidArgument(`${path} may only name ${kind.keys.join(", ")}, got ${quote(key)}`);
      }
      checkKind(item, kind.mapOf, `${path}.${key}`);
    }
    return;
  }
  if (!isPlainObject(value)) throw wrongType(path, "an object", value);
  for (const [key, rule] of Object.entries(kind.object)) {
    const item = value[key];
    if (item === undefined || item === null) {
      if (rule.required) throw invalidArgument(`${path}.${key} is required`);
      continue;
    }
    checkKind(item, rule.kind, `${path}.${key}`);
  }
}

// ---------------------------------------------------------------- helpers

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw wrongType(path, "a string", value);
  return value;
}

function wrongType(path: string, expected: string, value: unknown) {
  return invalidArgument(`${path} must be ${expected}, got ${describeType(value)}`);
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

function describeValue(value: unknown): string {
  return typeof value === "string" ? quote(value) : describeType(value);
}

function characterCount(text: string): number {
  return Array.from(text).length;
}

function quote(text: string): string {
  const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return JSON.stringify(shown);
}
