import type { Review } from "./model";

/** How many connectors fall in each category of a review. */
export interface ReviewCounts {
  create: number;
  update: number;
  unchanged: number;
  drifted: number;
  onlyInTarget: number;
  onlyInSource: number;
}

export function summarize(review: Review): ReviewCounts {
  const count = (action: string) => review.connectors.filter((connector) => connector.action === action).length;
  return {
    create: count("create"),
    update: count("update"),
    unchanged: count("unchanged"),
    drifted: review.connectors.filter((connector) => connector.drift.kind !== "none").length,
    onlyInTarget: review.onlyInTarget.length,
    onlyInSource: review.onlyInSource.length,
  };
}
