import {
  changedProperties,
  connectionsNote,
  describeScopeChange,
  proxyWarnings,
  scopeChanges,
  toScalekitPayload,
  type NormalizedDefinition,
} from "pulumi-scalekit-connectors";
import { flattenLeaves, orderedLeafPaths, sameLeaf } from "./leaves";
import type { ConnectorReview, Drift, FieldRow, ProductionAction } from "./model";

/**
 * The fields the review compares, in the order it shows them (Scalekit's names): the five
 * Scalekit's guidance names, then `icon_src` and `metadata`, which `pulumi up` applies as well.
 */
export const COMPARED_FIELDS = ["display_name", "description", "auth_patterns", "proxy_url", "proxy_enabled", "icon_src", "metadata"] as const;

type Payload = Record<string, unknown>;

/** A canonical definition as Scalekit's snake_case payload, the form a reviewer knows. */
function asPayload(definition: NormalizedDefinition | undefined): Payload | undefined {
  return definition ? (toScalekitPayload(definition) as unknown as Payload) : undefined;
}

function fieldRows(written: Payload, source: Payload | undefined, target: Payload | undefined, proposed: Payload): FieldRow[] {
  const rows: FieldRow[] = [];
  for (const field of COMPARED_FIELDS) {
    const [proposedLeaves, targetLeaves, sourceLeaves] = [proposed, target, source].map((payload) => flattenLeaves(payload?.[field], field));
    // The file's own key order first, so that a pattern reads `type`, `display_name`, ... as written.
    const paths = orderedLeafPaths([written[field], proposed[field], target?.[field], source?.[field]], field, [proposedLeaves, targetLeaves, sourceLeaves]);
    if (paths.length === 0) paths.push(field);
    for (const path of paths) {
      const proposedLeaf = proposedLeaves.get(path);
      const targetLeaf = targetLeaves.get(path);
      const sourceLeaf = sourceLeaves.get(path);
      rows.push({
        path,
        source: sourceLeaf,
        target: targetLeaf,
        proposed: proposedLeaf,
        targetChanges: !target || !sameLeaf(targetLeaf, proposedLeaf),
        sourceDiffers: !source || !sameLeaf(sourceLeaf, proposedLeaf),
      });
    }
  }
  return rows;
}

export interface ConnectorInputs {
  identifier: string;
  file: string;
  /** The payload as written in the definition file. */
  written: Payload;
  /** The canonical definition `pulumi up` would apply. */
  proposed: NormalizedDefinition;
  /** Live in the source environment (Dev), if it exists there. */
  source?: NormalizedDefinition;
  /** Live in the target environment (Production), if it exists there. */
  target?: NormalizedDefinition;
}

/**
 * Compares one definition with its live counterparts in both environments. Whether the target
 * changes is the provider's own decision (its canonical diff), so the review and `pulumi up` agree.
 */
export function reviewConnector(inputs: ConnectorInputs): ConnectorReview {
  const { identifier, proposed, source, target } = inputs;
  const rows = fieldRows(inputs.written, asPayload(source), asPayload(target), asPayload(proposed)!);
  const action: ProductionAction = !target ? "create" : changedProperties(target, proposed).length > 0 ? "update" : "unchanged";
  const driftPaths = rows.filter((row) => row.sourceDiffers).map((row) => row.path);
  const drift: Drift = !source ? { kind: "missing" } : driftPaths.length > 0 ? { kind: "differs", paths: driftPaths } : { kind: "none" };
  const scopes = action === "update" ? scopeChanges(target, proposed) : [];
  return {
    identifier,
    file: inputs.file,
    displayName: proposed.displayName,
    action,
    drift,
    rows,
    scopeChanges: scopes,
    warnings: [...scopes.map((change) => describeScopeChange(identifier, change)), ...proxyWarnings(identifier, proposed)],
    notes: action === "update" ? [connectionsNote(identifier)] : [],
  };
}
