import { flattenLeaves, Leaf, orderedLeafPaths, sameLeaf } from "./leaves";
import type { ConnectorReview, Drift, FieldRow, ProductionAction } from "./model";
import { connectorNotes, scopeChanges } from "./advice";

/** A connector as JSON with Scalekit's snake_case field names (a payload or a live Provider object). */
export type ConnectorJson = Record<string, unknown>;

/**
 * The fields the review compares, in the order it shows them: the five Scalekit's guidance names,
 * then `icon_src` and `metadata`, which `pulumi up` also applies (a difference there is a change too).
 */
export const COMPARED_FIELDS = ["display_name", "description", "auth_patterns", "proxy_url", "proxy_enabled", "icon_src", "metadata"] as const;

/**
 * What a connector created from `payload` holds: the payload with Scalekit's values for the fields
 * it leaves out (description "", icon_src "", proxy_enabled false, no auth patterns, no metadata).
 */
export function proposedConnector(payload: ConnectorJson): ConnectorJson {
  return {
    description: "",
    icon_src: "",
    proxy_enabled: false,
    auth_patterns: [],
    metadata: {},
    ...Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== undefined && value !== null)),
  };
}

function fieldRows(source: ConnectorJson | undefined, target: ConnectorJson | undefined, proposed: ConnectorJson): FieldRow[] {
  const rows: FieldRow[] = [];
  for (const field of COMPARED_FIELDS) {
    const values = [proposed[field], target?.[field], source?.[field]];
    const leaves = values.map((value) => flattenLeaves(value, field));
    const [proposedLeaves, targetLeaves, sourceLeaves] = leaves;
    const paths = orderedLeafPaths(values, field, leaves);
    if (paths.length === 0) paths.push(field);
    for (const path of paths) {
      const proposedLeaf: Leaf | undefined = proposedLeaves.get(path);
      const targetLeaf = target ? targetLeaves.get(path) : undefined;
      const sourceLeaf = source ? sourceLeaves.get(path) : undefined;
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
  /** The definition's payload (snake_case, as in the definition file). */
  payload: ConnectorJson;
  /** Live in the source environment (Dev), if it exists there. */
  source?: ConnectorJson;
  /** Live in the target environment (Production), if it exists there. */
  target?: ConnectorJson;
}

/** Compares one definition with its live counterparts in both environments. */
export function reviewConnector(inputs: ConnectorInputs): ConnectorReview {
  const proposed = proposedConnector(inputs.payload);
  const rows = fieldRows(inputs.source, inputs.target, proposed);
  const action: ProductionAction = !inputs.target ? "create" : rows.some((row) => row.targetChanges) ? "update" : "unchanged";
  const driftPaths = rows.filter((row) => row.sourceDiffers).map((row) => row.path);
  const drift: Drift = !inputs.source ? { kind: "missing" } : driftPaths.length > 0 ? { kind: "differs", paths: driftPaths } : { kind: "none" };
  const changes = inputs.target && action === "update" ? scopeChanges(inputs.target, proposed) : [];
  return {
    identifier: inputs.identifier,
    file: inputs.file,
    displayName: String(proposed.display_name ?? inputs.identifier),
    action,
    drift,
    rows,
    scopeChanges: changes,
    notes: connectorNotes({ identifier: inputs.identifier, action, scopeChanges: changes, proposed }),
  };
}
