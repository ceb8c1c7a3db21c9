/**
 * The definition's zod schema read as a tree of properties, through zod's public API (schema
 * classes and their `shape`, `element`, `valueType`, `unwrap()`), so that every list of property
 * names comes from the schema instead of being written out again.
 */
import { z } from "zod";

export type SchemaNode = z.ZodType;

/** The schema under the wrappers that do not change a value's shape (optional, default, ...). */
export function unwrap(node: SchemaNode): SchemaNode {
  let unwrapped = unwrappedNodes.get(node);
  if (!unwrapped) {
    unwrapped = unwrapOnce(node);
    unwrappedNodes.set(node, unwrapped);
  }
  return unwrapped;
}

/** Each schema node's unwrapped node: reading a declaration asks for the same few nodes at every connector. */
const unwrappedNodes = new WeakMap<SchemaNode, SchemaNode>();

function unwrapOnce(node: SchemaNode): SchemaNode {
  let current: SchemaNode = node;
  for (;;) {
    if (
      current instanceof z.ZodOptional ||
      current instanceof z.ZodDefault ||
      current instanceof z.ZodNullable ||
      current instanceof z.ZodPrefault ||
      current instanceof z.ZodNonOptional ||
      current instanceof z.ZodReadonly ||
      current instanceof z.ZodCatch
    ) {
      current = current.unwrap() as SchemaNode;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as SchemaNode;
    } else {
      return current;
    }
  }
}

/** The declared properties of an object schema, in the schema's order; undefined for anything else. */
export function objectShape(node: SchemaNode): Readonly<Record<string, SchemaNode>> | undefined {
  const schema = unwrap(node);
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, SchemaNode>) : undefined;
}

export function arrayElement(node: SchemaNode): SchemaNode | undefined {
  const schema = unwrap(node);
  return schema instanceof z.ZodArray ? (schema.element as SchemaNode) : undefined;
}

/** The value schema of a record (a map whose keys are the user's own data, like metadata). */
export function recordValue(node: SchemaNode): SchemaNode | undefined {
  const schema = unwrap(node);
  return schema instanceof z.ZodRecord ? (schema.valueType as SchemaNode) : undefined;
}

/** What a property left out stands for: the schema's default, else the empty value of its kind. */
export function emptyValueOf(node: SchemaNode): unknown {
  if (node instanceof z.ZodDefault) return node.parse(undefined);
  const schema = unwrap(node);
  if (schema instanceof z.ZodString) return "";
  if (schema instanceof z.ZodBoolean) return false;
  if (schema instanceof z.ZodArray) return [];
  if (schema instanceof z.ZodRecord || schema instanceof z.ZodObject) return {};
  return undefined;
}

export { isPlainObject } from "../plain-object";

/** The schema of a child value: a declared property's, a list's element, a map's value; undefined past the schema. */
export function childNode(node: SchemaNode | undefined, segment: string | number): SchemaNode | undefined {
  if (!node) return undefined;
  if (typeof segment === "number") return arrayElement(node);
  const shape = objectShape(node);
  if (shape) return Object.hasOwn(shape, segment) ? shape[segment] : undefined;
  return recordValue(node);
}
