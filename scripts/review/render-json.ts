import type { Leaf } from "./leaves";
import { EXIT_CHANGES, EXIT_NO_CHANGES, Review, targetWouldChange } from "./model";
import { summarize } from "./summary";

/** Version of the JSON document's shape; bumped on any incompatible change. */
export const REVIEW_JSON_VERSION = 1;

function cell(value: Leaf | undefined): Leaf | null {
  return value === undefined ? null : value;
}

/**
 * The review as one JSON document (shape documented in docs/review.md). Keys never depend on
 * stack names; a value absent from an environment is `null`.
 */
export function reviewJson(review: Review): object {
  const changes = targetWouldChange(review);
  return {
    version: REVIEW_JSON_VERSION,
    source: { stack: review.source, environmentUrl: review.sourceEnvironmentUrl },
    target: { stack: review.target, environmentUrl: review.targetEnvironmentUrl },
    definitionsDir: review.definitionsDir,
    targetChanges: changes,
    exitCode: changes ? EXIT_CHANGES : EXIT_NO_CHANGES,
    summary: summarize(review),
    connectors: review.connectors.map((connector) => ({
      identifier: connector.identifier,
      file: connector.file,
      displayName: connector.displayName,
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
    onlyInTarget: review.onlyInTarget,
    onlyInSource: review.onlyInSource,
  };
}

export function renderJson(review: Review): string {
  return `${JSON.stringify(reviewJson(review), null, 2)}\n`;
}
