import type { ConnectorJson } from "./compare";
import type { ProductionAction, ScopeChange } from "./model";

interface PatternJson {
  type?: unknown;
  display_name?: unknown;
  oauth_config?: { available_scopes?: { scope?: unknown }[] };
}

function patternsOf(connector: ConnectorJson): PatternJson[] {
  return Array.isArray(connector.auth_patterns) ? (connector.auth_patterns as PatternJson[]) : [];
}

function scopesOf(pattern: PatternJson | undefined): string[] {
  const scopes = pattern?.oauth_config?.available_scopes;
  return Array.isArray(scopes) ? scopes.map((entry) => entry?.scope).filter((scope): scope is string => typeof scope === "string") : [];
}

/** OAuth scopes added and removed, current → proposed, per OAuth pattern (patterns matched by position). */
export function scopeChanges(current: ConnectorJson, proposed: ConnectorJson): ScopeChange[] {
  const before = patternsOf(current);
  const after = patternsOf(proposed);
  const changes: ScopeChange[] = [];
  for (let index = 0; index < Math.max(before.length, after.length); index++) {
    const oldScopes = scopesOf(before[index]);
    const newScopes = scopesOf(after[index]);
    const added = newScopes.filter((scope) => !oldScopes.includes(scope));
    const removed = oldScopes.filter((scope) => !newScopes.includes(scope));
    if (added.length === 0 && removed.length === 0) continue;
    const pattern = after[index] ?? before[index];
    changes.push({
      pattern: index,
      patternName: typeof pattern.display_name === "string" && pattern.display_name !== "" ? pattern.display_name : String(pattern.type ?? "pattern"),
      added,
      removed,
    });
  }
  return changes;
}

export interface NoteInputs {
  identifier: string;
  action: ProductionAction;
  scopeChanges: readonly ScopeChange[];
  proposed: ConnectorJson;
}

function list(scopes: readonly string[]): string {
  return scopes.length === 0 ? "none" : scopes.join(", ");
}

/** What the reviewer is warned about and told for one connector. */
export function connectorNotes(inputs: NoteInputs): string[] {
  const notes: string[] = [];
  for (const change of inputs.scopeChanges) {
    notes.push(
      `WARNING: OAuth scopes of ${inputs.identifier} change in auth_patterns[${change.pattern}] (${change.patternName}): ` +
        `added ${list(change.added)}; removed ${list(change.removed)}.`,
    );
  }
  if (inputs.action === "update") {
    notes.push(
      `NOTE: updating ${inputs.identifier} may need new connections (existing connections keep their old settings) ` +
        `and re-authorised connected accounts; plan that with the teams using it.`,
    );
  }
  if (inputs.proposed.proxy_enabled !== true || !inputs.proposed.proxy_url) {
    notes.push(`WARNING: ${inputs.identifier} has the proxy off or no proxy_url; tool calling only works through the proxy.`);
  }
  return notes;
}
