/**
 * Pulumi's property path syntax, in which the engine prints a detailed diff: `a.b[0]["odd key"]`.
 * The core's paths are structured (arrays of keys and indices); this door spells them out.
 */
import type { PropertyPath } from "../core/schema/property-path";

/** A key printed in a Pulumi property path: bare when it is a plain name, else quoted in brackets. */
function pathKey(key: string, first: boolean): string {
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return first ? key : `.${key}`;
  return `[${JSON.stringify(key)}]`;
}

/** A structured path in Pulumi's property path syntax: `a.b[0]["odd key"]`. */
export function formatPulumiPath(path: PropertyPath): string {
  return path.map((segment, index) => (typeof segment === "number" ? `[${segment}]` : pathKey(segment, index === 0))).join("");
}
