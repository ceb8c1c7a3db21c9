import { formatLeaf, secretText, type ValueColumn } from "./cells";
import { inlineCode, markdownTable, markdownText } from "./markdown";
import type { ConnectorReview, FieldRow, Review, UnmanagedConnector } from "./model";
import { summarize } from "./summary";
import { actionLine, CHANGE_MARK, DRIFT_MARK, driftLine, matchingLine, matchLine, stackTitle, summaryText, unmanagedRemarks, verdictLine } from "./wording";

/** A connector gets its own section when Production would change or Dev has drifted; the others share one list. */
function needsSection(connector: ConnectorReview): boolean {
  return connector.action !== "unchanged" || connector.drift.kind !== "none";
}

/** A row is shown when Production would change there or Dev differs from the definitions. */
function rowMatters(row: FieldRow): boolean {
  return row.targetChanges || row.sourceDiffers;
}

function valueCell(row: FieldRow, column: ValueColumn): string {
  if (row.secret) return markdownText(secretText(row.secret, column));
  const value = row[column];
  return value === undefined ? "(absent)" : inlineCode(formatLeaf(value), "table-cell");
}

function fieldTable(connector: ConnectorReview, review: Review): string[] {
  const header = ["", "field", stackTitle(review.source), `${stackTitle(review.target)} now`, "Proposed"];
  const rows = connector.rows.filter(rowMatters).map((row) => [
    inlineCode((row.targetChanges ? CHANGE_MARK : "") + (row.sourceDiffers ? DRIFT_MARK : ""), "table-cell"),
    inlineCode(row.path, "table-cell"),
    valueCell(row, "source"),
    valueCell(row, "target"),
    valueCell(row, "proposed"),
  ]);
  const hidden = connector.rows.length - rows.length;
  const rest =
    hidden === 0
      ? []
      : ["", `${hidden} other field${hidden === 1 ? "" : "s"}: no difference between ${markdownText(`${stackTitle(review.source)}, ${stackTitle(review.target)} now and Proposed`)}.`];
  return [...markdownTable(header, rows), ...rest];
}

function connectorSection(connector: ConnectorReview, review: Review): string[] {
  const remarks = [
    ...connector.warnings.map((warning) => `- **Warning:** ${markdownText(warning)}`),
    ...connector.notes.map((note) => `- **Note:** ${markdownText(note)}`),
  ];
  return [
    `### ${inlineCode(connector.file)} (${markdownText(connector.displayName)}): ${markdownText(actionLine(connector, review.target))}`,
    "",
    `- ${markdownText(matchLine(connector.source, review.source, review.sourceState, connector.displayName))}`,
    `- ${markdownText(matchLine(connector.target, review.target, review.targetState, connector.displayName))}`,
    `- ${markdownText(driftLine(connector.drift, review.source))}`,
    "",
    ...fieldTable(connector, review),
    ...(remarks.length > 0 ? ["", ...remarks] : []),
    "",
  ];
}

/** The connectors that need no section, collapsed into one list with where each was found. */
function quietConnectors(connectors: readonly ConnectorReview[], review: Review): string[] {
  if (connectors.length === 0) return [];
  const count = `${connectors.length} connector${connectors.length === 1 ? "" : "s"}`;
  return [
    "<details>",
    `<summary>${count} unchanged in ${markdownText(review.target)}, ${markdownText(stackTitle(review.source))} matching the definitions</summary>`,
    "",
    ...connectors.map(
      (connector) =>
        `- ${inlineCode(connector.file)} (${markdownText(connector.displayName)}): ` +
        `${markdownText(matchLine(connector.source, review.source, review.sourceState, connector.displayName))}; ` +
        `${markdownText(matchLine(connector.target, review.target, review.targetState, connector.displayName))}`,
    ),
    "",
    "</details>",
    "",
  ];
}

function unmanagedList(title: string, connectors: readonly UnmanagedConnector[], stack: string): string[] {
  if (connectors.length === 0) return [];
  return [
    `### ${markdownText(title)}`,
    "",
    ...connectors.map((connector) => {
      const remarks = unmanagedRemarks(connector, stack);
      return `- ${inlineCode(connector.identifier)} (${markdownText(connector.displayName)})${remarks.length > 0 ? `: ${markdownText(remarks.join("; "))}` : ""}`;
    }),
    "",
  ];
}

/**
 * The review as GitHub-flavoured Markdown, for a pull-request comment: the verdict first, then
 * one table per connector that Production would change or that drifted in Dev (only the fields
 * that differ), the others in one collapsed list, then the connectors no definition matched.
 */
export function renderMarkdown(review: Review): string {
  const counts = summarize(review);
  const source = stackTitle(review.source);
  const target = stackTitle(review.target);
  const lines = [
    `## ${markdownText(`Review: promote ${review.source} → ${review.target}`)}`,
    "",
    `**${markdownText(verdictLine(review, counts, "below"))}**`,
    "",
    markdownText(`Summary: ${summaryText(review, counts)}`),
    "",
    `- ${markdownText(source)}: ${inlineCode(review.sourceEnvironmentUrl)}; ${markdownText(target)}: ${inlineCode(review.targetEnvironmentUrl)}; ` +
      `definitions: ${inlineCode(review.definitionsDir)} (${review.connectors.length} connector${review.connectors.length === 1 ? "" : "s"})`,
    `- ${markdownText(matchingLine(review))}`,
    `- ${markdownText(`Columns: ${source} = live in ${review.source}; ${target} now = live in ${review.target}; Proposed = what pulumi up --stack ${review.target} would apply.`)}`,
    `- Marks: ${inlineCode(CHANGE_MARK)} = ${markdownText(`${target} would change (${target} now differs from Proposed)`)}; ` +
      `${inlineCode(DRIFT_MARK)} = ${markdownText(`${source} differs from the definitions (drift)`)}. (absent) = not set. ${markdownText("(secret, same) / (secret, differs) = a credential, never shown: the same as Proposed or not.")}`,
    "",
    ...review.connectors.filter(needsSection).flatMap((connector) => connectorSection(connector, review)),
    ...quietConnectors(
      review.connectors.filter((connector) => !needsSection(connector)),
      review,
    ),
    ...unmanagedList(`Only in ${review.target}, matched by no definition`, review.onlyInTarget, review.target),
    ...unmanagedList(`Only in ${review.source}, matched by no definition (they will not be promoted)`, review.onlyInSource, review.source),
  ];
  return `${lines.join("\n").trimEnd()}\n`;
}
