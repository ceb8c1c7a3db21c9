/**
 * Where a connector's definition holds a credential: the `default` of an auth field mutation (a
 * default password, token or API key applied when the user gives none). A host that can keep
 * secrets marks these when it reads a connector from Scalekit without knowing which of its values
 * the program declared secret (`pulumi import`), so that no credential lands in state in plain.
 */
import { spellKey } from "../codec";
import type { PropertyPath } from "../schema/property-path";
import { isPlainObject } from "../schema/schema-tree";
import type { CheckedInputs } from "./state";

/** The one key of a placeholder a definition file holds instead of a credential (see ../secret-config-placeholders.ts). */
export const SECRET_CONFIG_KEY = "$secretConfig";

/** A placeholder as written in a file: `{"$secretConfig": "<config key>"}`. */
export type SecretConfigPlaceholder = { [SECRET_CONFIG_KEY]: string };

/** Whether a value is a placeholder object (one key, `$secretConfig`), whatever its key's value. */
export function isSecretConfigPlaceholder(value: unknown): value is SecretConfigPlaceholder {
  return isPlainObject(value) && Object.keys(value).length === 1 && Object.hasOwn(value, SECRET_CONFIG_KEY);
}

/** The paths of every mutation `default` (a credential, or a placeholder for one) in inputs or outputs of the declaration's shape. */
export function credentialPaths(shaped: Partial<CheckedInputs>): PropertyPath[] {
  const payload = (shaped as { scalekitPayload?: unknown }).scalekitPayload;
  const form = isPlainObject(payload) ? "payload" : "typed";
  const root: Record<string, unknown> = form === "payload" ? (payload as Record<string, unknown>) : (shaped as Record<string, unknown>);
  const prefix: PropertyPath = form === "payload" ? ["scalekitPayload"] : [];
  const patternsKey = spellKey("authPatterns", form);
  const mutationsKey = spellKey("authFieldMutations", form);
  const patterns = root[patternsKey];
  if (!Array.isArray(patterns)) return [];
  return patterns.flatMap((pattern, index) => {
    const mutations = isPlainObject(pattern) ? pattern[mutationsKey] : undefined;
    if (!isPlainObject(mutations)) return [];
    return Object.entries(mutations)
      .filter(([, mutation]) => isPlainObject(mutation) && ((typeof mutation.default === "string" && mutation.default !== "") || isSecretConfigPlaceholder(mutation.default)))
      .map(([field]) => [...prefix, patternsKey, index, mutationsKey, field, "default"]);
  });
}
