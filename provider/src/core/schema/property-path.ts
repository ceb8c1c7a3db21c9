/** Where a property is in a definition, structured until it is printed (the codec prints it: formatPropertyPath). */
import { isPlainObject } from "./schema-tree";

/** A property's place in the definition: schema keys in camelCase, list indexes, other keys as written. */
export type PropertyPath = readonly (string | number)[];

/** The value at `path` inside `root` (object keys and array indexes), or undefined where the path leaves the data. */
export function valueAtPath(root: unknown, path: PropertyPath): unknown {
  let node = root;
  for (const segment of path) {
    if (typeof segment === "number" ? !Array.isArray(node) : !isPlainObject(node)) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
