/**
 * The codec's renames by letters: Scalekit's JSON uses snake_case keys, Pulumi arguments use
 * camelCase. These know no schema: every key is renamed by its letters, which is right for the
 * API's own envelopes (a Provider object's fields, a listing page, a token answer) and for tests,
 * but not for a definition, whose auth patterns carry keys of any spelling (schema-spelling.ts
 * respells those by the schema). The keys of `metadata` are the user's own data and are never
 * renamed.
 */

type SnakeWord<S extends string> = S extends `${infer Head}${infer Tail}`
  ? Head extends Lowercase<Head>
    ? `${Head}${SnakeWord<Tail>}`
    : `_${Lowercase<Head>}${SnakeWord<Tail>}`
  : S;

/** The snake_case twin of a camelCase object type (metadata maps kept as they are). */
export type SnakeCased<T> = T extends (infer Item)[]
  ? SnakeCased<Item>[]
  : T extends object
    ? { [K in keyof T as K extends string ? SnakeWord<K> : K]: K extends "metadata" ? T[K] : SnakeCased<T[K]> }
    : T;

const userDataKeys = new Set(["metadata"]);

export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** How a declaration spells property names: camelCase typed arguments, or Scalekit's snake_case payload. */
export type KeySpelling = "typed" | "payload";

/** A schema key (camelCase) as a declaration of `spelling` spells it. */
export function spellKey(key: string, spelling: KeySpelling): string {
  return spelling === "payload" ? camelToSnake(key) : key;
}

function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => renameKeys(item, rename));
  }
  if (value !== null && typeof value === "object") {
    const renamed: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const target = rename(key);
      renamed[target] = userDataKeys.has(target) ? child : renameKeys(child, rename);
    }
    return renamed;
  }
  return value;
}

/** camelCase tree → Scalekit's snake_case tree. */
export function toSnakeCase(value: unknown): unknown {
  return renameKeys(value, camelToSnake);
}

/** Scalekit's snake_case tree → camelCase tree. */
export function toCamelCase(value: unknown): unknown {
  return renameKeys(value, snakeToCamel);
}

/** Keys whose values an API answer carries as served: the user's metadata, and the free-form auth patterns. */
const servedAsIs = new Set(["metadata", "auth_patterns"]);

/**
 * An answer of Scalekit's API with its own fields in camelCase (`display_name` → `displayName`,
 * `next_page_token` → `nextPageToken`, at any depth), `null`s read as absent (proto3 JSON), and
 * the values of `metadata` and `auth_patterns` left exactly as served (storedToDefinition, in
 * definition-forms.ts, reads the patterns by the schema).
 */
export function fromApiSpelling(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromApiSpelling);
  if (value === null || typeof value !== "object") return value;
  const renamed: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (child === null || child === undefined) continue;
    renamed[snakeToCamel(key)] = servedAsIs.has(key) ? child : fromApiSpelling(child);
  }
  return renamed;
}
