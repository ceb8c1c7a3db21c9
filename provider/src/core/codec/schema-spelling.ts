/**
 * The codec's respelling by the schema. A connector definition is one tree spelled two ways:
 * Pulumi's camelCase (typed arguments, the definition kept in state) and Scalekit's snake_case
 * (its payload and what it serves). Only the keys the schema declares are respelled; every other
 * key is carried exactly as written, with its value untouched, so nothing Scalekit serves is lost
 * in either direction. The keys of `metadata` are the user's own data and are never respelled. A
 * JSON `null` reads as absent (proto3 JSON).
 */
import { connectorDefinitionShapeSchema } from "../schema/definition";
import type { PropertyPath } from "../schema/property-path";
import { childNode, isPlainObject, objectShape, type SchemaNode } from "../schema/schema-tree";
import { camelToSnake, spellKey, type KeySpelling } from "./key-case";

/**
 * The schema key a declared key stands for, or undefined when the schema has none. A payload may
 * spell a key in snake_case (`proxy_url`, as Scalekit does) or in camelCase (`proxyUrl`, as
 * Scalekit's API also accepts at the top level); typed arguments spell it in camelCase only.
 */
export function schemaKeyFor(shape: Readonly<Record<string, SchemaNode>>, declared: string, spelling: KeySpelling): string | undefined {
  if (Object.hasOwn(shape, declared)) return declared;
  if (spelling !== "payload") return undefined;
  return snakeCaseKeys(shape).get(declared);
}

/** Each shape's keys by their snake_case spelling, worked out once per shape (a declaration meets the same few shapes at every connector). */
const snakeCaseKeysByShape = new WeakMap<Readonly<Record<string, SchemaNode>>, ReadonlyMap<string, string>>();

function snakeCaseKeys(shape: Readonly<Record<string, SchemaNode>>): ReadonlyMap<string, string> {
  let keys = snakeCaseKeysByShape.get(shape);
  if (!keys) {
    // The first key of a spelling wins, as a search in the schema's order would find it.
    const bySnake = new Map<string, string>();
    for (const key of Object.keys(shape)) if (!bySnake.has(camelToSnake(key))) bySnake.set(camelToSnake(key), key);
    keys = bySnake;
    snakeCaseKeysByShape.set(shape, keys);
  }
  return keys;
}

/**
 * `authPatterns[0].oauthConfig.tokenUri` (typed) or `auth_patterns[0].oauth_config.token_uri`
 * (payload). Only segments that are schema keys at their place are respelled; metadata keys and
 * keys the schema does not declare are printed as written.
 */
export function formatPropertyPath(path: PropertyPath, spelling: KeySpelling): string {
  if (path.length === 0) return spelling === "payload" ? "(payload)" : "(definition)";
  let node: SchemaNode | undefined = connectorDefinitionShapeSchema;
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") {
      text += `[${segment}]`;
    } else {
      const shape = node && objectShape(node);
      const printed = shape && Object.hasOwn(shape, segment) ? spellKey(segment, spelling) : segment;
      text += text === "" ? printed : `.${printed}`;
    }
    node = childNode(node, segment);
  }
  return text;
}

/** What reading a declaration may be told about the keys it meets (schema/declaration.ts reports them). */
export interface KeyReport {
  /**
   * A key the schema does not declare at this place, with the keys it does declare (camelCase).
   * Return false to leave it out; it is carried otherwise.
   */
  undeclared?(path: PropertyPath, declared: string, known: readonly string[]): boolean;
  /** A declared key given twice in two spellings: the first is kept, `second` left out. */
  repeated?(path: PropertyPath, key: string, first: string, second: string): void;
}

/**
 * A value spelled `from` (a payload may spell declared keys either way; typed arguments in
 * camelCase only), read into the definition's camelCase: declared keys respelled, other keys kept
 * as written, `null` and `undefined` left out.
 */
export function readSpelled(value: unknown, from: KeySpelling, report: KeyReport = {}, node: SchemaNode | undefined = connectorDefinitionShapeSchema, path: PropertyPath = []): unknown {
  if (Array.isArray(value)) return value.map((item, index) => readSpelled(item, from, report, childNode(node, index), [...path, index]));
  if (!isPlainObject(value)) return value;
  const shape = node && objectShape(node);
  const read: Record<string, unknown> = {};
  const spelledAs: Record<string, string> = {};
  for (const [declared, child] of Object.entries(value)) {
    if (child === undefined || child === null) continue;
    const key = shape ? schemaKeyFor(shape, declared, from) : undefined;
    if (key === undefined) {
      // A map's own keys (metadata) and keys past the schema are data, not properties.
      if (shape && report.undeclared?.(path, declared, Object.keys(shape)) === false) continue;
      read[declared] = shape || !node ? carried(child) : readSpelled(child, from, report, childNode(node, declared), [...path, declared]);
    } else if (Object.hasOwn(spelledAs, key)) {
      report.repeated?.(path, key, spelledAs[key] as string, declared);
    } else {
      spelledAs[key] = declared;
      read[key] = readSpelled(child, from, report, shape?.[key], [...path, key]);
    }
  }
  return read;
}

/** A carried value: as written, but for the `null`s left out of its objects (they read as absent). */
function carried(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(carried);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, child]) => child !== null && child !== undefined).map(([key, child]) => [key, carried(child)]));
}

/** A definition (camelCase) spelled as Scalekit's payload: declared keys in snake_case, every other key as it is. */
export function toPayloadSpelling(value: unknown, node: SchemaNode | undefined = connectorDefinitionShapeSchema): unknown {
  if (Array.isArray(value)) return value.map((item, index) => toPayloadSpelling(item, childNode(node, index)));
  if (!isPlainObject(value)) return value;
  const shape = node && objectShape(node);
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, child]) => child !== undefined && child !== null)
      .map(([key, child]) => {
        const declared = shape !== undefined && Object.hasOwn(shape, key);
        if (declared) return [spellKey(key, "payload"), toPayloadSpelling(child, shape[key])];
        return [key, shape || !node ? carried(child) : toPayloadSpelling(child, childNode(node, key))];
      }),
  );
}

/** Scalekit's payload spelling (or a stored definition's) read as the definition's camelCase, nothing reported. */
export function fromPayloadSpelling(value: unknown, node: SchemaNode = connectorDefinitionShapeSchema): unknown {
  return readSpelled(value, "payload", {}, node);
}
