/**
 * Keys that name JavaScript internals: `__proto__`, `constructor` and `prototype`. Pulumi's own
 * serialisation (and every object built by assignment along the way) does not carry them
 * faithfully: `__proto__` set by assignment changes an object's prototype instead of adding a
 * key, so a value the review reads and the value the engine sends can differ. A declaration or an
 * answer from Scalekit that holds one, at any depth, is refused rather than carried.
 *
 * The search reads own keys only (`Object.keys`), so it sees the own `__proto__` property that
 * `JSON.parse` creates.
 */
import type { PropertyPath } from "./property-path";

export const reservedKeys: readonly string[] = ["__proto__", "constructor", "prototype"];

export function isReservedKey(key: string): boolean {
  return reservedKeys.includes(key);
}

/**
 * An object as JSON and plain JavaScript build it (not a class instance such as a Pulumi Output,
 * whose insides are not data): the search goes into these and into arrays only.
 */
function isDataObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Where `value` holds a reserved key, at any depth, in the order found; each path ends with the
 * key. `spell` turns a key as written into the path segment to report (the schema's spelling); it
 * is asked only for the paths found, since almost every declaration holds none.
 */
export function reservedKeyPaths(value: unknown, spell: (path: PropertyPath, key: string) => string = (_path, key) => key, path: PropertyPath = []): PropertyPath[] {
  const found: (string | number)[][] = [];
  collectReservedKeys(value, [], found);
  return found.map((written) => {
    const spelled: (string | number)[] = [...path];
    written.forEach((segment, index) => {
      spelled.push(typeof segment === "number" || index === written.length - 1 ? segment : spell([...spelled], segment));
    });
    return spelled;
  });
}

/** The paths (keys as written) of every reserved key under `value`, appended to `found`; `trail` is the current path, shared. */
function collectReservedKeys(value: unknown, trail: (string | number)[], found: (string | number)[][]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      trail.push(index);
      collectReservedKeys(item, trail, found);
      trail.pop();
    });
    return;
  }
  if (!isDataObject(value)) return;
  for (const key of Object.keys(value)) {
    trail.push(key);
    if (isReservedKey(key)) found.push([...trail]);
    else collectReservedKeys(value[key], trail, found);
    trail.pop();
  }
}

/** The rule's words, for a finding at a reserved key. */
export function reservedKeyRule(key: string): string {
  return `is a key that names a JavaScript internal ("${key}"); such keys (${reservedKeys.map((name) => `"${name}"`).join(", ")}) cannot be carried faithfully through Pulumi's serialisation, so they are refused at any depth: rename or remove it`;
}

/**
 * Keys naming JavaScript internals anywhere in a resource's arguments (typed, or under
 * `scalekitPayload`), one `property: rule` line each, properties as written. The resource classes
 * ask before Pulumi serialises the arguments, which would drop or mangle such a key before the
 * provider's check could see it. Loads no schema: the resource classes stay light.
 */
export function reservedKeysInArguments(args: unknown): string[] {
  return reservedKeyPaths(args).map((path) => `${writtenPath(path)}: ${reservedKeyRule(String(path[path.length - 1]))}`);
}

function writtenPath(path: PropertyPath): string {
  return path.map((segment, index) => (typeof segment === "number" ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join("");
}
