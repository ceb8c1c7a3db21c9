/**
 * The review's sentences, shared by its renderers for people (the table and Markdown), so that
 * both say the same thing in the same words. Plain text: each renderer escapes it for its format.
 */
import { ConnectorReview, Drift, EXIT_CHANGES, EXIT_NO_CHANGES, MatchInfo, Review, StateInfo, targetWouldChange, UnmanagedConnector } from "./model";
import type { ReviewCounts } from "./summary";

/** A stack name as a column title: `dev` → `Dev`, `production` → `Production`. */
export function stackTitle(stack: string): string {
  const short = stack.slice(stack.lastIndexOf("/") + 1);
  return short.charAt(0).toUpperCase() + short.slice(1);
}

/** Mark of a row that the target environment would change. */
export const CHANGE_MARK = "*";
/** Mark of a row where the source environment differs from the definitions. */
export const DRIFT_MARK = "!";

/** What `pulumi up` would do to the connector in the target environment. */
export function actionLine(connector: ConnectorReview, target: string): string {
  switch (connector.action) {
    case "create":
      return `CREATE in ${target} (it does not exist there yet)`;
    case "update":
      return `UPDATE in ${target}`;
    case "unchanged":
      return `unchanged in ${target}`;
    case "ambiguous":
      return `AMBIGUOUS in ${target} (several connectors there have this name; not compared)`;
  }
}

function identifierList(identifiers: readonly string[]): string {
  return identifiers.join(", ");
}

/** Where the review found the definition's connector in one environment, and with which identifier. */
export function matchLine(match: MatchInfo, stack: string, state: StateInfo, displayName: string): string {
  const title = stackTitle(stack);
  switch (match.kind) {
    case "state":
      return `${title}: ${match.identifier} (from the ${stack} stack's state)`;
    case "name":
      return state.status === "off"
        ? `${title}: ${match.identifier} (by display name)`
        : `${title}: ${match.identifier} (by display name; not in the ${stack} stack's state, so pulumi up --stack ${stack} adopts it only with adoptExisting set)`;
    case "stale":
      return (
        `${title}: none live. The ${stack} stack's state records ${match.identifier}, which ${stack} no longer has (deleted outside Pulumi?); ` +
        `run pulumi refresh --stack ${stack}.`
      );
    case "ambiguous":
      return (
        `${title}: AMBIGUOUS: ${match.identifiers.length} live connectors are named "${displayName}" (${identifierList(match.identifiers)}) and the ${stack} stack's state ` +
        `records none of them, so the review does not guess (pulumi up --stack ${stack} would refuse to pick one). Delete or rename the extra ` +
        `ones in the Scalekit dashboard, or record the right one in the stack's state with pulumi import.`
      );
    case "none":
      return `${title}: none (${state.status === "read" ? `not in the ${stack} stack's state, and ` : ""}no live connector has this name)`;
  }
}

function stateText(stack: string, state: StateInfo): string {
  switch (state.status) {
    case "read":
      return `${stack} state: ${state.connectors} connector${state.connectors === 1 ? "" : "s"}`;
    case "no-stack":
      return `${stack} state: no stack "${stack}" (nothing applied there yet)`;
    case "off":
      return `${stack} state: not read`;
  }
}

/** How the connectors were matched, and what was read of each stack's state. */
export function matchingLine(review: Review): string {
  if (review.sourceState.status === "off" && review.targetState.status === "off") {
    return "Matching: by display name only (ignoring case and spaces); the stacks' state was not read (--no-state).";
  }
  return (
    `Matching: through each stack's state, then by display name (ignoring case and spaces). ` +
    `${stateText(review.source, review.sourceState)}; ${stateText(review.target, review.targetState)}.`
  );
}

/** Whether the source environment holds what the definitions say. */
export function driftLine(drift: Drift, source: string): string {
  switch (drift.kind) {
    case "none":
      return `${stackTitle(source)} matches the definitions.`;
    case "missing":
      return `DRIFT: missing in ${stackTitle(source)}; apply the definitions there first (pulumi up --stack ${source}) and test them.`;
    case "ambiguous":
      return `DRIFT: cannot compare with ${stackTitle(source)}: several connectors there have this name (see above).`;
    case "differs":
      return `DRIFT: ${stackTitle(source)} differs from the definitions in ${drift.paths.length} field${drift.paths.length === 1 ? "" : "s"} (marked ${DRIFT_MARK}); run pulumi up --stack ${source} and test there before promoting.`;
  }
}

/** "a", "a and b", "a, b and c". */
export function englishList(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** What the review knows about a connector of an "only in" list beyond its identifier and name. */
export function unmanagedRemarks(connector: UnmanagedConnector, stack: string): string[] {
  const remarks: string[] = [];
  if (connector.stateResource !== undefined) {
    remarks.push(`still in the ${stack} stack's state as "${connector.stateResource}", so pulumi up --stack ${stack} would delete it`);
  }
  if (connector.sharesNameWith.length > 0) {
    const count = connector.sharesNameWith.length + 1;
    remarks.push(`one of ${count} connectors in ${stack} named "${connector.displayName}" (also ${identifierList(connector.sharesNameWith)})`);
  }
  if (connector.ambiguousFor !== undefined) remarks.push(`so ${connector.ambiguousFor} could not be matched`);
  return remarks;
}

/** The counts of the review in one sentence, without its `Summary: ` title. */
export function summaryText(review: Review, counts: ReviewCounts): string {
  return (
    `${counts.create} to create, ${counts.update} to update, ${counts.unchanged} unchanged` +
    `${counts.ambiguous > 0 ? `, ${counts.ambiguous} ambiguous` : ""} in ${review.target}; ` +
    `${counts.drifted} drifted in ${review.source}; ${counts.onlyInTarget} only in ${review.target}` +
    `${counts.deleteInTarget > 0 ? ` (${counts.deleteInTarget} of them to delete: still in its state)` : ""}; ${counts.onlyInSource} only in ${review.source}.`
  );
}

/**
 * What the review concludes, with the exit code it ends with; `where` the details are, relative
 * to this sentence (the table prints it last, Markdown first).
 */
export function verdictLine(review: Review, counts: ReviewCounts, where: "above" | "below"): string {
  const target = stackTitle(review.target);
  if (!targetWouldChange(review)) return `${target} would not change. (exit code ${EXIT_NO_CHANGES})`;
  const toReview = [
    `the rows marked ${CHANGE_MARK}`,
    "the warnings",
    ...(counts.ambiguous > 0 ? ["the AMBIGUOUS lines"] : []),
    ...(counts.deleteInTarget > 0 ? ["the connectors to delete"] : []),
  ];
  return `${target} would change: review ${englishList(toReview)} ${where}, then run pulumi up --stack ${review.target}. (exit code ${EXIT_CHANGES})`;
}
