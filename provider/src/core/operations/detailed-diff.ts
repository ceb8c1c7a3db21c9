/**
 * Where two definitions differ, as paths in the user's own properties: `authPatterns[0].fields[1].label`
 * for a typed connector, `scalekitPayload.auth_patterns[0].fields[1].label` for one declared as
 * Scalekit's payload. Values are compared as diff.ts's comparisonJson compares them (a value
 * that says nothing is the same as none), so a path is reported only where the diff sees a change.
 * Paths stay structured: a host that shows a detailed diff (Pulumi's resource plugin protocol)
 * prints them in its own syntax.
 */
import { spelledAs, spellKey, type DefinitionProperty, type NormalizedDefinition } from "../codec";
import { comparisonJson } from "../diff";
import type { DeclaredForm } from "../schema/declaration";
import type { PropertyPath } from "../schema/property-path";
import { isPlainObject } from "../schema/schema-tree";
import type { PathChange } from "./results";

export type PropertyChange = "add" | "delete" | "update";

function saysNothing(value: unknown): boolean {
  return comparisonJson(value) === "null";
}

function walk(before: unknown, after: unknown, path: PropertyPath, changes: PathChange[]): void {
  if (comparisonJson(before) === comparisonJson(after)) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) walk(before[key], after[key], [...path, key], changes);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let index = 0; index < Math.max(before.length, after.length); index++) walk(before[index], after[index], [...path, index], changes);
    return;
  }
  changes.push({ path, kind: saysNothing(before) ? "add" : saysNothing(after) ? "delete" : "update" });
}

/** The changed leaves of the changed top-level properties, each at its path in the shape the connector was declared in. */
export function detailedChanges(
  before: NormalizedDefinition,
  after: NormalizedDefinition,
  changed: readonly DefinitionProperty[],
  form: DeclaredForm,
): PathChange[] {
  const changes: PathChange[] = [];
  const [old, desired] = [spelledAs(before, form), spelledAs(after, form)];
  const prefix: PropertyPath = form === "payload" ? ["scalekitPayload"] : [];
  for (const property of changed) {
    const key = spellKey(property, form);
    walk(old[key], desired[key], [...prefix, key], changes);
  }
  return changes;
}
