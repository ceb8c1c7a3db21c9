import type { Review } from "./model";

/** How many connectors fall in each category of a review. */
export interface ReviewCounts {
  create: number;
  update: number;
  unchanged: number;
  /** Connectors whose target match is ambiguous (several live connectors of that name). */
  ambiguous: number;
  drifted: number;
  onlyInTarget: number;
  onlyInSource: number;
  /** Of onlyInTarget, those the target's state still holds: pulumi up would delete them. */
  deleteInTarget: number;
}

export function summarize(review: Review): ReviewCounts {
  const count = (action: string) => review.connectors.filter((connector) => connector.action === action).length;
  return {
    create: count("create"),
    update: count("update"),
    unchanged: count("unchanged"),
    ambiguous: count("ambiguous"),
    drifted: review.connectors.filter((connector) => connector.drift.kind !== "none").length,
    onlyInTarget: review.onlyInTarget.length,
    onlyInSource: review.onlyInSource.length,
    deleteInTarget: review.onlyInTarget.filter((connector) => connector.stateResource !== undefined).length,
  };
}
