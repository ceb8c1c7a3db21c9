/**
 * The canonical form of a connector definition, used for diffs and kept in state: defaults
 * applied, optional values that say nothing (empty strings and lists, false flags) left out, map
 * keys sorted, and nothing Scalekit may add beyond the documented fields.
 */
import { authFieldSchema, authFieldMutationsSchema, authPatternSchema, connectorDefinitionSchema, fieldMutationSchema, oauthConfigSchema, oauthScopeSchema } from "./schema/definition";

/** A definition in canonical form: plain JSON, deterministic key order. */
export interface NormalizedDefinition {
  displayName: string;
  description: string;
  authPatterns: Record<string, unknown>[];
  proxyUrl: string;
  proxyEnabled: boolean;
  iconSrc: string;
  metadata: Record<string, string>;
}

type Shape = { keys: string[]; children?: Record<string, Shape> };

const keysOf = (schema: { shape: Record<string, unknown> }): string[] => Object.keys(schema.shape);

const fieldShape: Shape = { keys: keysOf(authFieldSchema) };
const patternShape: Shape = {
  keys: keysOf(authPatternSchema),
  children: {
    fields: fieldShape,
    accountFields: fieldShape,
    oauthConfig: { keys: keysOf(oauthConfigSchema), children: { availableScopes: { keys: keysOf(oauthScopeSchema) } } },
    authFieldMutations: {
      keys: keysOf(authFieldMutationsSchema),
      children: Object.fromEntries(keysOf(authFieldMutationsSchema).map((key) => [key, { keys: keysOf(fieldMutationSchema) }])),
    },
  },
};

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === "" || value === false) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value as object).length === 0;
  return false;
}

/** Keeps the known keys of an object, in sorted order, pruning values that say nothing. */
function prune(value: unknown, shape: Shape): unknown {
  if (Array.isArray(value)) return value.map((item) => prune(item, shape));
  if (value === null || typeof value !== "object") return value;
  const result: Record<string, unknown> = {};
  for (const key of [...shape.keys].sort()) {
    const child = (value as Record<string, unknown>)[key];
    const childShape = shape.children?.[key];
    const pruned = childShape ? prune(child, childShape) : child;
    if (!isEmpty(pruned)) result[key] = pruned;
  }
  return result;
}

function sortedMap(map: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Canonical form of a definition (validated or as Scalekit stored it, in camelCase). */
export function normalizeDefinition(definition: {
  displayName: string;
  description?: string;
  authPatterns?: unknown[];
  proxyUrl?: string;
  proxyEnabled?: boolean;
  iconSrc?: string;
  metadata?: Record<string, string>;
}): NormalizedDefinition {
  return {
    displayName: definition.displayName,
    description: definition.description ?? "",
    authPatterns: (definition.authPatterns ?? []).map((pattern) => prune(pattern, patternShape) as Record<string, unknown>),
    proxyUrl: definition.proxyUrl ?? "",
    proxyEnabled: definition.proxyEnabled ?? connectorDefinitionSchema.shape.proxyEnabled.parse(undefined),
    iconSrc: definition.iconSrc ?? "",
    metadata: sortedMap(definition.metadata),
  };
}

/** Deterministic JSON of a value (object keys sorted), for equality checks. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, child: unknown) =>
    child !== null && typeof child === "object" && !Array.isArray(child)
      ? Object.fromEntries(Object.entries(child as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : child,
  );
}
