/**
 * Reading the definition's zod schema as a tree of properties, so that every list of property
 * names (normalize.ts, diff.ts, the key translation and the path printing of declaration.ts)
 * comes from the schema instead of being written out again.
 */
import type { z } from "zod";
import { camelToSnake } from "./case-mapping";

export type SchemaNode = z.core.$ZodType;

interface NodeDef {
  type: string;
  innerType?: SchemaNode;
  in?: SchemaNode;
  shape?: Record<string, SchemaNode>;
  element?: SchemaNode;
  valueType?: SchemaNode;
}

function defOf(node: SchemaNode): NodeDef {
  return node._zod.def as unknown as NodeDef;
}

/** The schema under the wrappers that do not change a value's shape (optional, default, ...). */
export function unwrap(node: SchemaNode): SchemaNode {
  let current = node;
  for (;;) {
    const def = defOf(current);
    if (def.innerType && ["optional", "default", "prefault", "nullable", "readonly", "nonoptional", "catch"].includes(def.type)) {
      current = def.innerType;
    } else if (def.type === "pipe" && def.in) {
      current = def.in;
    } else {
      return current;
    }
  }
}

/** The kind of value the schema holds: "object", "array", "record", "string", "boolean", "enum", ... */
function kindOf(node: SchemaNode): string {
  return defOf(unwrap(node)).type;
}

/** The properties of an object schema, in the schema's order; undefined for anything else. */
export function objectShape(node: SchemaNode): Readonly<Record<string, SchemaNode>> | undefined {
  const def = defOf(unwrap(node));
  return def.type === "object" ? def.shape : undefined;
}

export function arrayElement(node: SchemaNode): SchemaNode | undefined {
  const def = defOf(unwrap(node));
  return def.type === "array" ? def.element : undefined;
}

/** The value schema of a record (a map whose keys are the user's own data, like metadata). */
export function recordValue(node: SchemaNode): SchemaNode | undefined {
  const def = defOf(unwrap(node));
  return def.type === "record" ? def.valueType : undefined;
}

/** What a property left out stands for: the schema's default, else the empty value of its kind. */
export function emptyValueOf(node: SchemaNode): unknown {
  if (defOf(node).type === "default") {
    const parsed = (node as unknown as z.ZodType).safeParse(undefined);
    if (parsed.success) return parsed.data;
  }
  switch (kindOf(node)) {
    case "string":
      return "";
    case "boolean":
      return false;
    case "array":
      return [];
    case "record":
    case "object":
      return {};
    default:
      return undefined;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** How a declaration spells property names: camelCase typed arguments, or Scalekit's snake_case payload. */
type KeySpelling = "typed" | "payload";

/** A schema key as the declaration spells it. */
export function spellKey(key: string, spelling: KeySpelling): string {
  return spelling === "payload" ? camelToSnake(key) : key;
}

/**
 * The schema key a declared key stands for, or undefined when the schema has none. A payload may
 * spell a key in snake_case (`proxy_url`, as Scalekit does) or in camelCase (`proxyUrl`, as
 * Scalekit's API also accepts at the top level); typed arguments spell it in camelCase only.
 */
export function schemaKeyFor(shape: Readonly<Record<string, SchemaNode>>, declared: string, spelling: KeySpelling): string | undefined {
  for (const key of Object.keys(shape)) {
    if (declared === key || (spelling === "payload" && declared === camelToSnake(key))) return key;
  }
  return undefined;
}
