/**
 * GitHub-flavoured Markdown pieces that show any text as it is: whatever a connector's name, key
 * or value holds (pipes, backticks, line breaks, HTML, emphasis marks), it cannot end a table
 * row, open a code span, become HTML or change the document's structure.
 */

const lineBreak = /\r\n|\r|\n/g;

/**
 * ASCII punctuation that Markdown or GitHub may read as syntax anywhere in a line: escapes,
 * code spans, emphasis, links and images, HTML and autolinks, table cells, strikethrough,
 * entities, heading marks, math, mentions. CommonMark lets a backslash escape any of them.
 */
const inlineSyntax = /[\\`*_[\]<>|~&#$@]/g;

/** Text for a paragraph, a list item or a heading: every character shown as written, line breaks as spaces. */
export function markdownText(text: string): string {
  return (
    text
      .replace(lineBreak, " ")
      .replace(inlineSyntax, "\\$&")
      // At the start of a line these would open a list, a heading underline or an ordered list.
      .replace(/^[-+=]/, "\\$&")
      .replace(/^(\d+)([.)])/, "$1\\$2")
  );
}

/** The longest run of backticks in the text. */
function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/**
 * Text as an inline code span, shown character for character. Line breaks, which would end a
 * table row, are written `\n` and `\r`. The fence is one backtick longer than any run inside; a
 * space pads text that starts or ends with a backtick, or starts and ends with a space (CommonMark
 * strips one such space from each side). In a table cell, `|` is written `\|`, which GitHub's
 * table reads as a pipe inside the cell, even within a code span.
 */
export function inlineCode(text: string, place: "text" | "table-cell" = "text"): string {
  const flat = text.replace(lineBreak, (found) => (found === "\n" ? "\\n" : found === "\r" ? "\\r" : "\\r\\n"));
  const fence = "`".repeat(longestBacktickRun(flat) + 1);
  const pad = flat === "" || flat.startsWith("`") || flat.endsWith("`") || (flat.startsWith(" ") && flat.endsWith(" ") && flat.trim() !== "") ? " " : "";
  const body = place === "table-cell" ? flat.replace(/\|/g, "\\|") : flat;
  return `${fence}${pad}${body}${pad}${fence}`;
}

/** A table: a header row, its delimiter row, then one row per entry; cells are Markdown already escaped for a cell. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)];
}
