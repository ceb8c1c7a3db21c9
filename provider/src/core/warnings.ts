/**
 * What a reviewer must be told about a connector change, in one place: the preview and the
 * update print these, and the review command shows them.
 */
import type { NormalizedDefinition } from "./codec";

export interface ScopeChange {
  /** Index of the auth pattern in the new definition. */
  pattern: number;
  type: string;
  added: string[];
  removed: string[];
}

function scopesOf(pattern: Record<string, unknown> | undefined): string[] {
  const config = pattern?.oauthConfig as { availableScopes?: { scope: string }[] } | undefined;
  return (config?.availableScopes ?? []).map((entry) => entry.scope);
}

/** OAuth scopes added or removed, pattern by pattern (patterns matched by position and type). */
export function scopeChanges(before: NormalizedDefinition | undefined, after: NormalizedDefinition): ScopeChange[] {
  const changes: ScopeChange[] = [];
  after.authPatterns.forEach((pattern, index) => {
    if (pattern.type !== "OAUTH") return;
    const previous = before?.authPatterns[index];
    const old = previous?.type === "OAUTH" ? scopesOf(previous) : [];
    const now = scopesOf(pattern);
    const added = now.filter((scope) => !old.includes(scope));
    const removed = old.filter((scope) => !now.includes(scope));
    if (before && (added.length > 0 || removed.length > 0)) changes.push({ pattern: index, type: "OAUTH", added, removed });
  });
  return changes;
}

export function describeScopeChange(connector: string, change: ScopeChange): string {
  const parts = [];
  if (change.added.length > 0) parts.push(`added ${change.added.join(", ")}`);
  if (change.removed.length > 0) parts.push(`removed ${change.removed.join(", ")}`);
  return (
    `Connector ${connector}: OAuth scopes change in auth pattern ${change.pattern} (${parts.join("; ")}). ` +
    `Connected accounts must re-authorise to grant the new scopes; calls that needed a removed scope will fail.`
  );
}

export function connectionsNote(connector: string): string {
  return (
    `Connector ${connector} is updated: existing connections keep their old settings. ` +
    `Create new connections where the change matters, and ask connected accounts to re-authorise.`
  );
}

/**
 * A warning about a declaration (check): the connector by its display name, the property path
 * printed in the declared form, and the advice. E.g.
 * `Connector "Quiet Proxy": proxyEnabled: is false, so tool calling will not work: ...`.
 */
export function declarationWarning(displayName: string | undefined, property: string, rule: string): string {
  const connector = displayName === undefined ? "(no display name)" : `"${displayName}"`;
  return `Connector ${connector}: ${property}: ${rule}`;
}

/** The proxy warnings for a definition read elsewhere (the review command); check reports them through the declaration rules. */
export function proxyWarnings(connector: string, definition: Pick<NormalizedDefinition, "proxyEnabled" | "proxyUrl">): string[] {
  const warnings: string[] = [];
  if (!definition.proxyEnabled) {
    warnings.push(`Connector ${connector}: proxyEnabled is false, so tool calling will not work: Scalekit's tools reach the API only through the proxy.`);
  }
  if (!definition.proxyUrl) {
    warnings.push(`Connector ${connector}: proxyUrl is empty, so tool calling will not work: Scalekit's tools reach the API only through the proxy.`);
  }
  return warnings;
}

/** Every warning an update from `before` to `after` deserves. */
export function updateWarnings(connector: string, before: NormalizedDefinition, after: NormalizedDefinition): string[] {
  return [...scopeChanges(before, after).map((change) => describeScopeChange(connector, change)), connectionsNote(connector)];
}
