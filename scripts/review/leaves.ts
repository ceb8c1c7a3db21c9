/** A value at the end of a path: a string, number, boolean, or an empty list / object. */
export type Leaf = string | number | boolean | [] | Record<string, never>;

/**
 * Flattens a JSON value into path → leaf, in document order: object keys become `.key`, list
 * items `[i]`. `{"a": [{"b": 1}]}` under `auth_patterns` gives `auth_patterns[0].a...`. Empty
 * lists and objects are leaves of their own (so `[]` differs from "absent"); `null` and
 * `undefined` are absent.
 */
export function flattenLeaves(value: unknown, path: string, into: Map<string, Leaf> = new Map()): Map<string, Leaf> {
  if (value === null || value === undefined) return into;
  if (Array.isArray(value)) {
    if (value.length === 0) into.set(path, []);
    value.forEach((item, index) => flattenLeaves(item, `${path}[${index}]`, into));
    return into;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) into.set(path, {});
    for (const [key, item] of entries) flattenLeaves(item, path === "" ? key : `${path}.${key}`, into);
    return into;
  }
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    into.set(path, value);
  }
  return into;
}

/** Two leaves are equal when their JSON is ([] equals [], {} equals {}). */
export function sameLeaf(a: Leaf | undefined, b: Leaf | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The paths at which two flattened values hold different leaves (one of them absent included). */
export function differingPaths(a: ReadonlyMap<string, Leaf>, b: ReadonlyMap<string, Leaf>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((path) => !sameLeaf(a.get(path), b.get(path)));
}

/** Whether `inner` is `outer` or lies inside it (`p.a` holds `p.a.b` and `p.a[0]`, not `p.ab`). */
export function within(inner: string, outer: string): boolean {
  return inner === outer || (inner.startsWith(outer) && (inner[outer.length] === "." || inner[outer.length] === "["));
}

/**
 * Whether the row at `path` shows one of `differences`: at the row itself, inside it (an empty
 * list or object that is not empty elsewhere) or around it (a list item that is there in one
 * value only, its leaves being rows of their own).
 */
export function showsDifference(path: string, differences: readonly string[]): boolean {
  return differences.some((difference) => within(difference, path) || within(path, difference));
}

interface Shape {
  keys: Map<string, Shape>;
  items: Shape[];
}

function emptyShape(): Shape {
  return { keys: new Map(), items: [] };
}

function addToShape(shape: Shape, value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      shape.items[index] ??= emptyShape();
      addToShape(shape.items[index], item);
    });
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (!shape.keys.has(key)) shape.keys.set(key, emptyShape());
      addToShape(shape.keys.get(key)!, item);
    }
  }
}

function shapePaths(shape: Shape, path: string, isLeaf: (path: string) => boolean, into: string[]): void {
  if (isLeaf(path)) into.push(path);
  shape.items.forEach((item, index) => shapePaths(item, `${path}[${index}]`, isLeaf, into));
  for (const [key, item] of shape.keys) shapePaths(item, path === "" ? key : `${path}.${key}`, isLeaf, into);
}

/**
 * Every leaf path of several values of the same field, in one stable order that keeps related
 * paths together: the values are laid over each other (object keys in order of first appearance,
 * taking the values in the order given; list items by index) and walked depth first. So a scope
 * that only Production has still appears next to the other scopes.
 */
export function orderedLeafPaths(values: readonly unknown[], root: string, leaves: readonly Map<string, Leaf>[]): string[] {
  const shape = emptyShape();
  for (const value of values) addToShape(shape, value);
  const paths: string[] = [];
  shapePaths(shape, root, (path) => leaves.some((map) => map.has(path)), paths);
  return paths;
}
