import type { Leaf } from "./leaves";
import { EXIT_CHANGES, EXIT_NO_CHANGES, Review, targetWouldChange, UnmanagedConnector } from "./model";
import { summarize } from "./summary";

/**
 * Version of the JSON document's shape; bumped on any incompatible change. 2: connectors are
 * keyed by `name` (the resource name) with one identifier per environment in `source` and
 * `target`, instead of one `identifier` computed from the display name.
 */
export const REVIEW_JSON_VERSION = 2;

function cell(value: Leaf | undefined): Leaf | null {
  return value === undefined ? null : value;
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
        source: cell(row.source),
        target: cell(row.target),
        proposed: cell(row.proposed),
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
