import type { Leaf } from "./leaves";
import type { FieldRow, SecretRow } from "./model";

/** How a cell shows a missing value. */
export const ABSENT = "(absent)";

/** A leaf as the table shows it: strings JSON-quoted (so "" and " " are visible), the rest as JSON. */
export function formatLeaf(value: Leaf | undefined): string {
  return value === undefined ? ABSENT : JSON.stringify(value);
}

/** The three value columns of a row. */
export type ValueColumn = "source" | "target" | "proposed";

/**
 * A credential's cell, never its value: `(secret, same)` or `(secret, differs)` beside the
 * proposed value, `(secret)` or `(secret, from config KEY)` for the proposed one, `(absent)`.
 */
export function secretText(secret: SecretRow, column: ValueColumn): string {
  if (column === "proposed") return secret.proposed === "absent" ? ABSENT : secret.configKey !== undefined ? `(secret, from config ${secret.configKey})` : "(secret)";
  const cell = secret[column];
  return cell === "absent" ? ABSENT : `(secret, ${cell})`;
}

/** A row's cell as the table shows it. */
export function cellText(row: FieldRow, column: ValueColumn): string {
  return row.secret ? secretText(row.secret, column) : formatLeaf(row[column]);
}

/**
 * Breaks text into lines of at most `width` characters, at spaces where it can and inside a word
 * only when a word is longer than a line. Nothing is dropped: the lines joined give the text back
 * (spaces at breaks aside).
 */
export function wrapText(text: string, width: number): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    let rest = word;
    while (rest.length > width) {
      if (line !== "") lines.push(line);
      line = "";
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (line === "") line = rest;
    else if (line.length + 1 + rest.length <= width) line = `${line} ${rest}`;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** Lays out rows of cells as fixed-width text columns; cells wider than their column's cap wrap. */
export function layoutTable(header: readonly string[], rows: readonly (readonly string[])[], caps: readonly number[]): string[] {
  const widths = header.map((title, column) => {
    const natural = Math.max(title.length, ...rows.map((row) => row[column].length));
    return Math.min(natural, Math.max(caps[column], title.length));
  });
  const line = (cells: readonly string[]): string[] => {
    const wrapped = cells.map((cell, column) => wrapText(cell, widths[column]));
    const height = Math.max(...wrapped.map((lines) => lines.length));
    const out: string[] = [];
    for (let i = 0; i < height; i++) {
      out.push(wrapped.map((lines, column) => (lines[i] ?? "").padEnd(widths[column])).join("  ").trimEnd());
    }
    return out;
  };
  return [...line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.flatMap(line)];
}
