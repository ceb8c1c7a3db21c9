/**
 * Where a connector's definition holds a credential: the `default` of an auth field mutation (a
 * default password, token or API key applied when the user gives none). A host that can keep
 * secrets marks these when it reads a connector from Scalekit without knowing which of its values
 * the program declared secret (`pulumi import`), so that no credential lands in state in plain.
 */
import { isPlainObject, spellKey } from "../schema/schema-tree";
import type { PropertyPath } from "../schema/spelling";
import type { CheckedInputs } from "./state";

/** The paths of every mutation `default` in inputs or outputs of the declaration's shape. */
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
      .filter(([, mutation]) => isPlainObject(mutation) && typeof mutation.default === "string" && mutation.default !== "")
      .map(([field]) => [...prefix, patternsKey, index, mutationsKey, field, "default"]);
  });
}
