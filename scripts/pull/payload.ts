/**
 * A live connector as a definition file: the canonical payload the provider would send for it
 * (`toScalekitPayload(storedToDefinition(provider))`, the seven payload fields and nothing
 * Scalekit adds), with its keys in the order Scalekit's docs write them, as 2-space JSON.
 */
import { storedToDefinition, toScalekitPayload, type StoredProvider } from "pulumi-scalekit-connectors/internal";

type Json = unknown;
type KeyOrder = { keys: readonly string[]; children?: Record<string, KeyOrder | "map"> };

const fieldOrder: KeyOrder = { keys: ["field_name", "label", "input_type", "hint", "required", "is_path_param"] };
const mutationOrder: KeyOrder = { keys: ["prefix", "suffix", "default"] };

/**
 * Key order per object, following Scalekit's examples: a pattern reads `type`, `display_name`,
 * `description`, then what it collects and how. Keys not listed keep their order after the listed
 * ones (nothing is ever dropped); "map" marks a string map, kept as it is (sorted by the canonical form).
 */
const payloadOrder: KeyOrder = {
  keys: ["display_name", "description", "auth_patterns", "proxy_url", "proxy_enabled", "icon_src", "metadata"],
  children: {
    metadata: "map",
    auth_patterns: {
      keys: ["type", "display_name", "description", "is_mcp", "fields", "account_fields", "oauth_config", "auth_header_key_override", "auth_field_mutations"],
      children: {
        fields: fieldOrder,
        account_fields: fieldOrder,
        oauth_config: {
          keys: ["authorize_uri", "token_uri", "user_info_uri", "available_scopes", "pkce_enabled", "allow_use_scalekit_credentials", "custom_scope_name"],
          children: { available_scopes: { keys: ["scope", "display_name", "description", "required"] } },
        },
        auth_field_mutations: {
          keys: ["api_key", "token", "username", "password"],
          children: { api_key: mutationOrder, token: mutationOrder, username: mutationOrder, password: mutationOrder },
        },
      },
    },
  },
};

function isObject(value: Json): value is Record<string, Json> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** `value` with its object keys in `order` (lists item by item); the values themselves are unchanged. */
function ordered(value: Json, order: KeyOrder | "map" | undefined): Json {
  if (order === undefined || order === "map") return value;
  if (Array.isArray(value)) return value.map((item) => ordered(item, order));
  if (!isObject(value)) return value;
  const keys = [...order.keys.filter((key) => key in value), ...Object.keys(value).filter((key) => !order.keys.includes(key))];
  return Object.fromEntries(keys.map((key) => [key, ordered(value[key], order.children?.[key])]));
}

/** A payload with its keys in the readable order (same content, same values). */
export function readablePayload(payload: Record<string, Json>): Record<string, Json> {
  return ordered(payload, payloadOrder) as Record<string, Json>;
}

/** The definition a live connector gets: its canonical payload, keys in the readable order. */
export function payloadFor(provider: StoredProvider): Record<string, Json> {
  return readablePayload(toScalekitPayload(storedToDefinition(provider)) as unknown as Record<string, Json>);
}

/** The text of a definition file: 2-space JSON with a trailing newline. */
export function definitionText(payload: Record<string, Json>): string {
  return `${JSON.stringify(payload, null, 2)}\n`;
}
