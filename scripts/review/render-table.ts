import { formatLeaf, layoutTable } from "./cells";
import { ConnectorReview, Drift, MatchInfo, Review, StateInfo, targetWouldChange, UnmanagedConnector } from "./model";
import { summarize } from "./summary";

/** A stack name as a column title: `dev` → `Dev`, `production` → `Production`. */
export function stackTitle(stack: string): string {
  const short = stack.slice(stack.lastIndexOf("/") + 1);
  return short.charAt(0).toUpperCase() + short.slice(1);
}

/** Mark of a row that the target environment would change. */
export const CHANGE_MARK = "*";
/** Mark of a row where the source environment differs from the definitions. */
export const DRIFT_MARK = "!";

/** The table aims at this many characters per line; value columns share what the path column leaves. */
const targetLineWidth = 200;
const pathColumnCap = 64;
const valueColumnMin = 24;
const valueColumnMax = 60;

/** How wide a value column may be before its cells wrap, given the widest path of the table. */
function valueColumnCap(paths: readonly string[]): number {
  const pathWidth = Math.min(pathColumnCap, Math.max("field".length, ...paths.map((path) => path.length)));
  const fixed = 3 + 2 + 2 + pathWidth + 3 * 2; // indent, marks, gaps
  return Math.max(valueColumnMin, Math.min(valueColumnMax, Math.floor((targetLineWidth - fixed) / 3)));
}

function actionLine(connector: ConnectorReview, target: string): string {
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

function matchingLine(review: Review): string {
  if (review.sourceState.status === "off" && review.targetState.status === "off") {
    return "Matching: by display name only (ignoring case and spaces); the stacks' state was not read (--no-state).";
  }
  return (
    `Matching: through each stack's state, then by display name (ignoring case and spaces). ` +
    `${stateText(review.source, review.sourceState)}; ${stateText(review.target, review.targetState)}.`
  );
}

function driftLine(drift: Drift, source: string): string {
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

function connectorSection(connector: ConnectorReview, review: Review): string[] {
  const header = ["", "field", stackTitle(review.source), `Current ${stackTitle(review.target)}`, "Proposed"];
  const rows = connector.rows.map((row) => [
    (row.targetChanges ? CHANGE_MARK : " ") + (row.sourceDiffers ? DRIFT_MARK : " "),
    row.path,
    formatLeaf(row.source),
    formatLeaf(row.target),
    formatLeaf(row.proposed),
  ]);
  const cap = valueColumnCap(connector.rows.map((row) => row.path));
  const table = layoutTable(header, rows, [2, pathColumnCap, cap, cap, cap]);
  return [
    `== ${connector.file} (${connector.displayName}): ${actionLine(connector, review.target)}`,
    `   ${matchLine(connector.source, review.source, review.sourceState, connector.displayName)}`,
    `   ${matchLine(connector.target, review.target, review.targetState, connector.displayName)}`,
    `   ${driftLine(connector.drift, review.source)}`,
    ...table.map((line) => `   ${line}`.trimEnd()),
    ...connector.warnings.map((warning) => `   WARNING: ${warning}`),
    ...connector.notes.map((note) => `   NOTE: ${note}`),
    "",
  ];
}

/** "a", "a and b", "a, b and c". */
function englishList(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** One connector of an "only in" list, with what the review knows about it beyond its name. */
export function unmanagedLine(connector: UnmanagedConnector, stack: string): string {
  const remarks: string[] = [];
  if (connector.stateResource !== undefined) {
    remarks.push(`still in the ${stack} stack's state as "${connector.stateResource}", so pulumi up --stack ${stack} would delete it`);
  }
  if (connector.sharesNameWith.length > 0) {
    const count = connector.sharesNameWith.length + 1;
    remarks.push(`one of ${count} connectors in ${stack} named "${connector.displayName}" (also ${identifierList(connector.sharesNameWith)})`);
  }
  if (connector.ambiguousFor !== undefined) remarks.push(`so ${connector.ambiguousFor} could not be matched`);
  return `  - ${connector.identifier} (${connector.displayName})${remarks.length > 0 ? `: ${remarks.join("; ")}` : ""}`;
}

function unmanagedList(title: string, connectors: readonly UnmanagedConnector[], stack: string): string[] {
  if (connectors.length === 0) return [];
  return [title, ...connectors.map((connector) => unmanagedLine(connector, stack)), ""];
}

/** The review as text for a person: one table per connector, readable without colour. */
export function renderTable(review: Review): string {
  const counts = summarize(review);
  const toReview = [
    `the rows marked ${CHANGE_MARK}`,
    "the warnings",
    ...(counts.ambiguous > 0 ? ["the AMBIGUOUS lines"] : []),
    ...(counts.deleteInTarget > 0 ? ["the connectors to delete"] : []),
  ];
  const source = stackTitle(review.source);
  const target = stackTitle(review.target);
  const lines = [
    `Review: promote ${review.source} -> ${review.target}`,
    `${source}: ${review.sourceEnvironmentUrl}   ${target}: ${review.targetEnvironmentUrl}`,
    `Definitions: ${review.definitionsDir} (${review.connectors.length} connector${review.connectors.length === 1 ? "" : "s"})`,
    `Columns: ${source} = live in ${review.source}; Current ${target} = live in ${review.target}; Proposed = what pulumi up --stack ${review.target} would apply.`,
    matchingLine(review),
    `Marks: ${CHANGE_MARK} = ${target} would change (Current ${target} differs from Proposed); ${DRIFT_MARK} = ${source} differs from the definitions (drift). (absent) = not set.`,
    "",
    ...review.connectors.flatMap((connector) => connectorSection(connector, review)),
    ...unmanagedList(`Only in ${review.target}, matched by no definition:`, review.onlyInTarget, review.target),
    ...unmanagedList(`Only in ${review.source}, matched by no definition (they will not be promoted):`, review.onlyInSource, review.source),
    `Summary: ${counts.create} to create, ${counts.update} to update, ${counts.unchanged} unchanged` +
      `${counts.ambiguous > 0 ? `, ${counts.ambiguous} ambiguous` : ""} in ${review.target}; ` +
      `${counts.drifted} drifted in ${review.source}; ${counts.onlyInTarget} only in ${review.target}` +
      `${counts.deleteInTarget > 0 ? ` (${counts.deleteInTarget} of them to delete: still in its state)` : ""}; ${counts.onlyInSource} only in ${review.source}.`,
    targetWouldChange(review)
      ? `${target} would change: review ${englishList(toReview)} above, then run pulumi up --stack ${review.target}. (exit code 2)`
      : `${target} would not change. (exit code 0)`,
  ];
  return `${lines.join("\n")}\n`;
}
