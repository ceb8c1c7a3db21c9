/**
 * Secrets as Pulumi's resource plugin protocol carries them: a value the program marks secret
 * arrives wrapped in an object holding the secret signature and the value. The operations work on
 * plain values (Scalekit receives the value itself), so the door unwraps on the way in, remembers
 * each secret's path, and wraps again, at exactly those paths, what it returns: check's inputs,
 * the outputs, read's inputs. A secret password default inside `authPatterns` stays secret at its
 * own path, and the rest of the list stays plain.
 */
import { isPlainObject } from "../core/plain-object";
import type { PropertyPath } from "../core/schema/property-path";

/** The key marking a special value, and its value for a secret (Pulumi's wire format, sdk/go/common/resource/sig). */
export const specialSignatureKey = "4dabf18193072939515e22adb298388d";
export const secretSignature = "1b47061264138c4ac30d75fd1eb44270";

export function isSecretWrapper(value: unknown): value is { value: unknown } {
  return isPlainObject(value) && value[specialSignatureKey] === secretSignature;
}

export function wrapSecret(value: unknown): Record<string, unknown> {
  return { [specialSignatureKey]: secretSignature, value };
}

export interface Unwrapped<T> {
  plain: T;
  /** Where secrets were, in the order found; a secret inside a secret is its outer path only. */
  secretPaths: PropertyPath[];
  /** The secret values that are strings, so that no message carries them. */
  secretStrings: string[];
}

function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return value === "" ? [] : [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (isPlainObject(value)) return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The value with every secret replaced by its plain value, and where the secrets were. */
export function unwrapSecrets<T = unknown>(value: T): Unwrapped<T> {
  const secretPaths: PropertyPath[] = [];
  const secretStrings: string[] = [];
  const plain = (node: unknown, path: PropertyPath, insideSecret: boolean): unknown => {
    if (isSecretWrapper(node)) {
      if (!insideSecret) {
        secretPaths.push(path);
        secretStrings.push(...stringsIn(stripSecrets(node.value)));
      }
      return plain(node.value, path, true);
    }
    if (Array.isArray(node)) return node.map((item, index) => plain(item, [...path, index], insideSecret));
    if (isPlainObject(node)) return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, plain(child, [...path, key], insideSecret)]));
    return node;
  };
  return { plain: plain(value, [], false) as T, secretPaths, secretStrings };
}

function stripSecrets(value: unknown): unknown {
  if (isSecretWrapper(value)) return stripSecrets(value.value);
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, stripSecrets(child)]));
  return value;
}

function childAt(value: unknown, segment: string | number): { found: boolean; child?: unknown } {
  if (typeof segment === "number") return Array.isArray(value) && segment < value.length ? { found: true, child: value[segment] } : { found: false };
  return isPlainObject(value) && Object.hasOwn(value, segment) ? { found: true, child: value[segment] } : { found: false };
}

/**
 * How much of `path` exists in `value`: the path itself when it does, else its longest existing
 * ancestor (never the root). A secret whose exact place moved (a payload key respelled) makes the
 * whole enclosing value secret rather than letting it go plain.
 */
function existingPath(value: unknown, path: PropertyPath): PropertyPath {
  let node = value;
  const kept: (string | number)[] = [];
  for (const segment of path) {
    const { found, child } = childAt(node, segment);
    if (!found) break;
    kept.push(segment);
    node = child;
  }
  return kept;
}

function wrapAt(value: unknown, path: PropertyPath): unknown {
  if (path.length === 0) return isSecretWrapper(value) ? value : wrapSecret(value);
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(value)) return value.map((item, index) => (index === head ? wrapAt(item, rest) : item));
  if (isPlainObject(value)) return { ...value, [head]: wrapAt(value[head], rest) };
  return value;
}

/** `value` (plain) with the value at each path wrapped as a secret; a path `value` lacks marks its longest existing ancestor. */
export function wrapSecretsAt<T extends Record<string, unknown>>(value: T, paths: readonly PropertyPath[]): T {
  // Shallowest first: a path inside one already wrapped is secret already.
  const targets = paths.map((path) => existingPath(value, path)).filter((path) => path.length > 0);
  targets.sort((a, b) => a.length - b.length);
  const wrapped: PropertyPath[] = [];
  let result: unknown = value;
  for (const path of targets) {
    if (wrapped.some((outer) => outer.every((segment, index) => path[index] === segment))) continue;
    wrapped.push(path);
    result = wrapAt(result, path);
  }
  return result as T;
}
