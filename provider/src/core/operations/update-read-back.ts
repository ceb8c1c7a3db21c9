/**
 * An update read back: where Scalekit's answer holds something else than the update sent, above
 * all a value it kept where the update asked to clear it. Scalekit's sources disagree on what an
 * update does (scalekit-api.md, "Update semantics"): the docs say it replaces every field, its
 * OpenAPI and Python SDK say it changes only the fields given. `description`, `icon_src` and
 * `proxy_enabled` are proto3 fields without presence, so on the wire an empty string or `false`
 * looks like "not given": under the partial reading, an update cannot clear them.
 *
 * The provider sends every field on every update and reads Scalekit's answer back. A property
 * Scalekit kept where the update asked to clear it is said once, in plain words, and recorded in
 * the outputs (`keptByScalekit`), so that the next diff does not send the same impossible change
 * again without saying why. No value is printed: a description may be secret.
 */
import { spellKey, type NormalizedDefinition } from "../codec";
import { changedProperties, comparisonJson } from "../diff";
import type { DeclaredForm } from "../schema/declaration";

type DefinitionProperty = keyof NormalizedDefinition;

/** The output that records the properties Scalekit kept when asked to clear them (camelCase property names). */
export const keptByScalekitOutput = "keptByScalekit";

export interface UpdateReadBack {
  /** Properties the update asked to clear (empty, false) that Scalekit answered with a value. */
  kept: DefinitionProperty[];
  /** Properties Scalekit answered with another value than the one asked for. */
  differ: DefinitionProperty[];
}

function saysNothing(value: unknown): boolean {
  return comparisonJson(value) === "null";
}

/** How Scalekit's answer to an update differs from what the update sent. */
export function readBack(asked: NormalizedDefinition, answered: NormalizedDefinition): UpdateReadBack {
  const readBack: UpdateReadBack = { kept: [], differ: [] };
  for (const property of changedProperties(asked, answered)) {
    (saysNothing(asked[property]) ? readBack.kept : readBack.differ).push(property);
  }
  return readBack;
}

/** "the proxy on" for proxyEnabled, "its description" for a text: what was kept, never a value that may be secret. */
function whatWasKept(property: DefinitionProperty, form: DeclaredForm): string {
  return property === "proxyEnabled" ? `${spellKey(property, form)}: true (the proxy on)` : `the ${spellKey(property, form)} it had`;
}

/** "empty" for a text, "false" for the proxy switch. */
function emptyWord(property: DefinitionProperty): string {
  return property === "proxyEnabled" ? "false" : "empty";
}

/** "clear it" for a text, "turn it off" for the proxy switch. */
function clearVerb(property: DefinitionProperty): string {
  return property === "proxyEnabled" ? "turn it off" : "clear it";
}

function howToClear(property: DefinitionProperty, form: DeclaredForm): string {
  const name = spellKey(property, form);
  return property === "proxyEnabled"
    ? `To turn the proxy off, do it in the Scalekit dashboard, then run \`pulumi refresh\`; or declare ${name}: true to keep it on.`
    : `To clear it, clear it in the Scalekit dashboard, then run \`pulumi refresh\`; or give ${name} a value.`;
}

/** The warning after an update whose answer kept a value the update asked to clear. */
export function keptWarning(connector: string, property: DefinitionProperty, form: DeclaredForm): string {
  return (
    `Connector ${connector}: Scalekit kept ${whatWasKept(property, form)} although this update asked to ${clearVerb(property)}. ` +
    `Scalekit's update may change only the fields given a value, and ${spellKey(property, form)} ${emptyWord(property)} looks like none given. ` +
    `${howToClear(property, form)} Until then the stack records what Scalekit holds, and does not send this change again.`
  );
}

/** The warning when a diff leaves out a change Scalekit refused before (the declaration still asks to clear it). */
export function notResentWarning(connector: string, property: DefinitionProperty, form: DeclaredForm): string {
  return (
    `Connector ${connector}: ${spellKey(property, form)} is declared ${emptyWord(property)}, but Scalekit kept ${whatWasKept(property, form)} when the last update asked to ${clearVerb(property)}, ` +
    `so the change is not sent again. ${howToClear(property, form)}`
  );
}

/** The warning after an update whose answer holds another value than the one sent (not a clear). */
export function differsWarning(connector: string, property: DefinitionProperty, form: DeclaredForm): string {
  return (
    `Connector ${connector}: Scalekit answered the update with another ${spellKey(property, form)} than the one sent. ` +
    `The stack records what Scalekit holds; the next \`pulumi up\` sends the declared value again. If it keeps coming back different, Scalekit changes it on its side: check the value in the Scalekit dashboard.`
  );
}

/** The recorded properties (outputs) that still apply: Scalekit still holds a value for them. */
export function stillKept(recorded: unknown, stored: NormalizedDefinition): DefinitionProperty[] {
  if (!Array.isArray(recorded)) return [];
  return recorded.filter((property): property is DefinitionProperty => typeof property === "string" && property in stored && !saysNothing(stored[property as DefinitionProperty]));
}
