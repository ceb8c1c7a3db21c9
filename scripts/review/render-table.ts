import { cellText, layoutTable } from "./cells";
import type { ConnectorReview, Review, UnmanagedConnector } from "./model";
import { summarize } from "./summary";
import { actionLine, CHANGE_MARK, DRIFT_MARK, driftLine, matchingLine, matchLine, stackTitle, summaryText, unmanagedRemarks, verdictLine } from "./wording";

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

function connectorSection(connector: ConnectorReview, review: Review): string[] {
  const header = ["", "field", stackTitle(review.source), `Current ${stackTitle(review.target)}`, "Proposed"];
  const rows = connector.rows.map((row) => [
    (row.targetChanges ? CHANGE_MARK : " ") + (row.sourceDiffers ? DRIFT_MARK : " "),
    row.path,
    cellText(row, "source"),
    cellText(row, "target"),
    cellText(row, "proposed"),
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

/** One connector of an "only in" list, with what the review knows about it beyond its name. */
function unmanagedLine(connector: UnmanagedConnector, stack: string): string {
  const remarks = unmanagedRemarks(connector, stack);
  return `  - ${connector.identifier} (${connector.displayName})${remarks.length > 0 ? `: ${remarks.join("; ")}` : ""}`;
}

function unmanagedList(title: string, connectors: readonly UnmanagedConnector[], stack: string): string[] {
  if (connectors.length === 0) return [];
  return [title, ...connectors.map((connector) => unmanagedLine(connector, stack)), ""];
}

/** The review as text for a person: one table per connector, readable without colour. */
export function renderTable(review: Review): string {
  const counts = summarize(review);
  const source = stackTitle(review.source);
  const target = stackTitle(review.target);
  const lines = [
    `Review: promote ${review.source} -> ${review.target}`,
    `${source}: ${review.sourceEnvironmentUrl}   ${target}: ${review.targetEnvironmentUrl}`,
    `Definitions: ${review.definitionsDir} (${review.connectors.length} connector${review.connectors.length === 1 ? "" : "s"})`,
    `Columns: ${source} = live in ${review.source}; Current ${target} = live in ${review.target}; Proposed = what pulumi up --stack ${review.target} would apply.`,
    matchingLine(review),
    `Marks: ${CHANGE_MARK} = ${target} would change (Current ${target} differs from Proposed); ${DRIFT_MARK} = ${source} differs from the definitions (drift). (absent) = not set. (secret, same) / (secret, differs) = a credential, never shown: the same as Proposed or not.`,
    "",
    ...review.connectors.flatMap((connector) => connectorSection(connector, review)),
    ...unmanagedList(`Only in ${review.target}, matched by no definition:`, review.onlyInTarget, review.target),
    ...unmanagedList(`Only in ${review.source}, matched by no definition (they will not be promoted):`, review.onlyInSource, review.source),
    `Summary: ${summaryText(review, counts)}`,
    verdictLine(review, counts, "above"),
  ];
  return `${lines.join("\n")}\n`;
}
