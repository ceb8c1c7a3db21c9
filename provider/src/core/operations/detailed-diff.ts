/**
 * Where two definitions differ, as paths in the user's own properties: `authPatterns[0].fields[1].label`
 * for a typed connector, `scalekitPayload.auth_patterns[0].fields[1].label` for one declared as
 * Scalekit's payload. Values are compared as normalize.ts's comparisonJson compares them (a value
 * that says nothing is the same as none), so a path is reported only where the diff sees a change.
 * A host that shows a detailed diff (Pulumi's resource plugin protocol) prints these paths.
 */
import type { DefinitionProperty } from "../diff";
import { comparisonJson, type NormalizedDefinition } from "../normalize";
import type { DeclaredForm } from "../schema/declaration";
import { isPlainObject, spellKey } from "../schema/schema-tree";
import { toPayloadSpelling, type PropertyPath } from "../schema/spelling";

export type PropertyChange = "add" | "delete" | "update";

/** A key printed in a Pulumi property path: bare when it is a plain name, else quoted in brackets. */
function pathKey(key: string, first: boolean): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return first ? key : `.${key}`;
  return `[${JSON.stringify(key)}]`;
}

/** A structured path in Pulumi's property path syntax: `a.b[0]["odd key"]`. */
export function formatPulumiPath(path: PropertyPath): string {
  return path.map((segment, index) => (typeof segment === "number" ? `[${segment}]` : pathKey(segment, index === 0))).join("");
}

function saysNothing(value: unknown): boolean {
  return comparisonJson(value) === "null";
}

function walk(before: unknown, after: unknown, path: PropertyPath, changes: Map<string, PropertyChange>): void {
  if (comparisonJson(before) === comparisonJson(after)) return;
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) walk(before[key], after[key], [...path, key], changes);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let index = 0; index < Math.max(before.length, after.length); index++) walk(before[index], after[index], [...path, index], changes);
    return;
  }
  changes.set(formatPulumiPath(path), saysNothing(before) ? "add" : saysNothing(after) ? "delete" : "update");
}

/** The changed leaves of the changed top-level properties, each at its path in the shape the connector was declared in. */
export function detailedChanges(
  before: NormalizedDefinition,
  after: NormalizedDefinition,
  changed: readonly DefinitionProperty[],
  form: DeclaredForm,
): Record<string, PropertyChange> {
  const changes = new Map<string, PropertyChange>();
  const shaped = (definition: NormalizedDefinition) => (form === "payload" ? (toPayloadSpelling(definition) as Record<string, unknown>) : (definition as Record<string, unknown>));
  const [old, desired] = [shaped(before), shaped(after)];
  const prefix: PropertyPath = form === "payload" ? ["scalekitPayload"] : [];
  for (const property of changed) {
    const key = spellKey(property, form);
    walk(old[key], desired[key], [...prefix, key], changes);
  }
  return Object.fromEntries(changes);
}
