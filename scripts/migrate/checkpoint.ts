/**
 * Whether a stack's checkpoint is still the one the migration last saw. `pulumi stack import`
 * replaces the whole checkpoint with no compare-and-swap, so before each write (and before putting
 * a backup back) the migration exports the state again and compares: anything another run wrote
 * in between (an update, a refresh, a state edit) would otherwise be silently overwritten.
 */
import { isDeepStrictEqual } from "node:util";
import type { ExportedStack, StateResource } from "./plan";

function resourcesOf(exported: ExportedStack): StateResource[] {
  const resources = exported.deployment?.resources ?? [];
  return Array.isArray(resources) ? resources : [];
}

/** True when two exports are the same checkpoint: same resources, same pending operations, same manifest. */
export function sameCheckpoint(a: ExportedStack, b: ExportedStack): boolean {
  return isDeepStrictEqual(a, b);
}

interface PendingOperation {
  resource?: { urn?: string };
}

/**
 * What differs between `before` and `now` other than the resources in `ours` (and a provider
 * record that only they refer to, such as the plugin's default provider that `pulumi import`
 * adds): the URNs of resources added, removed or changed, and pending operations on anything
 * else. Empty when every change since `before` is the migration's own.
 */
export function changesBeyond(before: ExportedStack, now: ExportedStack, ours: ReadonlySet<string>): string[] {
  const beforeByUrn = new Map(resourcesOf(before).map((resource) => [resource.urn, resource]));
  const nowResources = resourcesOf(now);
  const referencedByOthers = new Set(
    nowResources.filter((resource) => !ours.has(resource.urn) && typeof resource.provider === "string").map((resource) => (resource.provider as string).split("::").slice(0, -1).join("::")),
  );
  const isOurs = (resource: StateResource): boolean =>
    ours.has(resource.urn) || (!beforeByUrn.has(resource.urn) && resource.type.startsWith("pulumi:providers:") && !referencedByOthers.has(resource.urn));
  const changed: string[] = [];
  const seen = new Set<string>();
  for (const resource of nowResources) {
    if (isOurs(resource)) continue;
    seen.add(resource.urn);
    const previous = beforeByUrn.get(resource.urn);
    if (previous === undefined || !isDeepStrictEqual(previous, resource)) changed.push(resource.urn);
  }
  for (const urn of beforeByUrn.keys()) {
    if (!seen.has(urn) && !ours.has(urn)) changed.push(urn);
  }
  const pending = (now.deployment?.pending_operations ?? []) as PendingOperation[];
  const beforePending = before.deployment?.pending_operations ?? [];
  for (const operation of pending) {
    const urn = operation.resource?.urn;
    if (urn !== undefined && ours.has(urn)) continue;
    if (!beforePending.some((earlier) => isDeepStrictEqual(earlier, operation))) changed.push(urn ?? "(a pending operation)");
  }
  return [...new Set(changed)];
}
