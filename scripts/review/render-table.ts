import { formatLeaf, layoutTable } from "./cells";
import { ConnectorReview, Drift, Review, targetWouldChange, UnmanagedConnector } from "./model";
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
  }
}

function driftLine(drift: Drift, source: string): string {
  switch (drift.kind) {
    case "none":
      return `${stackTitle(source)} matches the definitions.`;
    case "missing":
      return `DRIFT: missing in ${stackTitle(source)}; apply the definitions there first (pulumi up --stack ${source}) and test them.`;
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
    `== ${connector.identifier} (${connector.displayName}) from ${connector.file}: ${actionLine(connector, review.target)}`,
    `   ${driftLine(connector.drift, review.source)}`,
    ...table.map((line) => `   ${line}`.trimEnd()),
    ...connector.warnings.map((warning) => `   WARNING: ${warning}`),
    ...connector.notes.map((note) => `   NOTE: ${note}`),
    "",
  ];
}

function unmanagedList(title: string, connectors: readonly UnmanagedConnector[]): string[] {
  if (connectors.length === 0) return [];
  return [title, ...connectors.map((connector) => `  - ${connector.identifier} (${connector.displayName})`), ""];
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
    `Marks: ${CHANGE_MARK} = ${target} would change (Current ${target} differs from Proposed); ${DRIFT_MARK} = ${source} differs from the definitions (drift). (absent) = not set.`,
    "",
    ...review.connectors.flatMap((connector) => connectorSection(connector, review)),
    ...unmanagedList(`Only in ${review.target}, not in the definitions (not managed here; the review leaves them alone):`, review.onlyInTarget),
    ...unmanagedList(`Only in ${review.source}, not in the definitions (they will not be promoted):`, review.onlyInSource),
    `Summary: ${counts.create} to create, ${counts.update} to update, ${counts.unchanged} unchanged in ${review.target}; ` +
      `${counts.drifted} drifted in ${review.source}; ${counts.onlyInTarget} only in ${review.target}; ${counts.onlyInSource} only in ${review.source}.`,
    targetWouldChange(review)
      ? `${target} would change: review the rows marked ${CHANGE_MARK} and the warnings above, then run pulumi up --stack ${review.target}. (exit code 2)`
      : `${target} would not change. (exit code 0)`,
  ];
  return `${lines.join("\n")}\n`;
}
