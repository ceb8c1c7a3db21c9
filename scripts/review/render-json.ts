import type { Leaf } from "./leaves";
import { EXIT_CHANGES, EXIT_NO_CHANGES, FieldRow, Review, targetWouldChange, UnmanagedConnector } from "./model";
import { summarize } from "./summary";

/**
 * Version of the JSON document's shape; bumped on any incompatible change. 2: connectors are
 * keyed by `name` (the resource name) with one identifier per environment in `source` and
 * `target`, instead of one `identifier` computed from the display name. 3: a row holding a
 * credential has `secret: true` and cells `{"secret": "same" | "differs"}` (`{"secret": "set"}`
 * for Proposed, with `configKey` when it comes from stack config) instead of values.
 */
export const REVIEW_JSON_VERSION = 3;

function cell(value: Leaf | undefined): Leaf | null {
  return value === undefined ? null : value;
}

/** A row's three cells: the values, or for a credential only how each compares with Proposed. */
function rowCells(row: FieldRow): object {
  if (!row.secret) return { source: cell(row.source), target: cell(row.target), proposed: cell(row.proposed) };
  const { source, target, proposed, configKey } = row.secret;
  const compared = (value: "absent" | "same" | "differs") => (value === "absent" ? null : { secret: value });
  return {
    secret: true,
    source: compared(source),
    target: compared(target),
    proposed: proposed === "absent" ? null : { secret: "set", ...(configKey !== undefined ? { configKey } : {}) },
  };
}

function unmanagedJson(connector: UnmanagedConnector): object {
  return {
    identifier: connector.identifier,
    displayName: connector.displayName,
    stateResource: connector.stateResource ?? null,
    sharesNameWith: connector.sharesNameWith,
    ambiguousFor: connector.ambiguousFor ?? null,
  };
}

/**
 * The review as one JSON document (shape documented in docs/review.md). Keys never depend on
 * stack names; a value absent from an environment is `null`.
 */
export function reviewJson(review: Review): object {
  const changes = targetWouldChange(review);
  return {
    version: REVIEW_JSON_VERSION,
    source: { stack: review.source, environmentUrl: review.sourceEnvironmentUrl, state: review.sourceState },
    target: { stack: review.target, environmentUrl: review.targetEnvironmentUrl, state: review.targetState },
    definitionsDir: review.definitionsDir,
    targetChanges: changes,
    exitCode: changes ? EXIT_CHANGES : EXIT_NO_CHANGES,
    summary: summarize(review),
    connectors: review.connectors.map((connector) => ({
      name: connector.name,
      file: connector.file,
      displayName: connector.displayName,
      source: connector.source,
      target: connector.target,
      action: connector.action,
      drift: connector.drift,
      scopeChanges: connector.scopeChanges,
      warnings: connector.warnings,
      notes: connector.notes,
      rows: connector.rows.map((row) => ({
        path: row.path,
        ...rowCells(row),
        targetChanges: row.targetChanges,
        sourceDiffers: row.sourceDiffers,
      })),
    })),
    onlyInTarget: review.onlyInTarget.map(unmanagedJson),
    onlyInSource: review.onlyInSource.map(unmanagedJson),
  };
}

export function renderJson(review: Review): string {
  return `${JSON.stringify(reviewJson(review), null, 2)}\n`;
}
