/**
 * The floor's provider: it answers every call of a connector's lifecycle at once and calls
 * nothing. Its answers have the shape and size of the connector provider's (inputs in the
 * declared shape, outputs the inputs with the identifiers beside them), so that the engine does
 * the same work with them: the same properties to check, diff, store and rewrite with every
 * checkpoint. Only the work above Pulumi's own is missing (validation, the Scalekit client, the
 * API calls).
 *
 * This file is transpiled and loaded by the dynamic provider host and by the floor's resource
 * plugin (floor/plugin-main.ts), so it imports nothing but Node.js.
 */
import { appendFileSync } from "fs";
import { createHash } from "crypto";

export type Properties = Record<string, unknown>;

export const floorCallKinds = ["check", "diff", "create", "read", "update", "delete"] as const;
export type FloorCallKind = (typeof floorCallKinds)[number];

/** The environment variable naming a file to which each call appends its kind, one a line (tests count them; the bench leaves it unset). */
export const floorCallLogVariable = "BENCH_FLOOR_CALL_LOG";

/** What Scalekit decides, stored beside the declaration (the connector's outputs that are not inputs). */
export const identityOutputs = ["identifier", "scalekitId", "isCustomMcp", "keptByScalekit"] as const;

function counted(kind: FloorCallKind): void {
  const file = process.env[floorCallLogVariable];
  if (file) appendFileSync(file, `${kind}\n`);
}

/** The declaration in `props`: no identity output, nothing undefined or null, `adopt` only when true (as the connector's check keeps it). */
export function declared(props: Properties): Properties {
  const kept: Properties = {};
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if ((identityOutputs as readonly string[]).includes(key)) continue;
    if (key === "adopt" && value !== true) continue;
    kept[key] = value;
  }
  return kept;
}

/** JSON with the keys of every object sorted: equal for equal values whatever order they arrived in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Properties)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The display name of a declaration, payload-declared (`display_name`) or typed (`displayName`). */
function displayNameOf(inputs: Properties): string {
  const payload = inputs.scalekitPayload as Properties | undefined;
  return String(payload?.display_name ?? inputs.displayName ?? "");
}

/** Whether any auth pattern says MCP, in either spelling. */
function isMcp(inputs: Properties): boolean {
  const payload = inputs.scalekitPayload as Properties | undefined;
  const patterns = (payload?.auth_patterns ?? inputs.authPatterns ?? []) as Properties[];
  return patterns.some((pattern) => pattern.is_mcp === true || pattern.isMcp === true);
}

/** The identifiers Scalekit would choose: its lowercase identifier from the display name, and an id of the same length as the emulator's (`prv_` and 24 hex digits). */
export function floorIdentity(inputs: Properties): { identifier: string; scalekitId: string; isCustomMcp: boolean } {
  const identifier = displayNameOf(inputs).toLowerCase().replace(/\s+/g, "");
  const scalekitId = `prv_${createHash("sha256").update(identifier).digest("hex").slice(0, 24)}`;
  return { identifier, scalekitId, isCustomMcp: isMcp(inputs) };
}

export function check(news: Properties): Properties {
  counted("check");
  return declared(news);
}

/** Whether the declaration changed: the stored outputs' declared part against the new inputs. */
export function diff(olds: Properties, news: Properties): boolean {
  counted("diff");
  return canonicalJson(declared(olds)) !== canonicalJson(declared(news));
}

export function create(inputs: Properties): { id: string; outs: Properties } {
  counted("create");
  const identity = floorIdentity(inputs);
  return { id: identity.identifier, outs: { ...declared(inputs), ...identity } };
}

/** Refresh: what is stored is what "Scalekit" has. */
export function read(id: string, props: Properties): { id: string; props: Properties; inputs: Properties } {
  counted("read");
  return { id, props: { ...props }, inputs: declared(props) };
}

export function update(olds: Properties, news: Properties): Properties {
  counted("update");
  return { ...declared(news), identifier: olds.identifier, scalekitId: olds.scalekitId, isCustomMcp: isMcp(news) };
}

export function remove(): void {
  counted("delete");
}
