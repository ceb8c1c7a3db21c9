/**
 * The review as Markdown for a pull-request comment, rendered from a review model built by hand
 * (test/support/review-model.ts): the verdict first, a table per connector that needs a look,
 * the others collapsed, warnings and notes as lists, and values that cannot break the table.
 * The document is read back here with GitHub-flavoured Markdown's own rules (a table row splits
 * at every pipe not escaped by a backslash; a code span runs between two equal backtick runs).
 */
import { formatLeaf } from "../../scripts/review/cells";
import type { Review } from "../../scripts/review/model";
import { reviewJson } from "../../scripts/review/render-json";
import { renderMarkdown } from "../../scripts/review/render-markdown";
import { everyKindReview, hostile, hostileConnector, nothingToDoReview, updatedConnector } from "../support/review-model";

/** A table row's cells as GitHub splits them: at each pipe that an odd number of backslashes does not escape. */
function tableCells(line: string): string[] {
  expect({ line, framed: line.startsWith("| ") && line.endsWith(" |") }).toEqual({ line, framed: true });
  const cells: string[] = [];
  let cell = "";
  let backslashes = 0;
  for (const char of line.slice(1, -1)) {
    if (char === "|" && backslashes % 2 === 0) {
      cells.push(cell.trim());
      cell = "";
    } else cell += char;
    backslashes = char === "\\" ? backslashes + 1 : 0;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * The text of a code span that makes up the whole of `markdown` (a cell: after the table has
 * turned `\|` back into `|`). As CommonMark reads it: the span opens with a whole run of
 * backticks and closes at the next whole run of the same length, which must end the text.
 */
function codeSpanText(markdown: string, place: "text" | "table-cell"): string {
  const text = place === "table-cell" ? markdown.replace(/\\\|/g, "|") : markdown;
  const runs = [...text.matchAll(/`+/g)];
  const opening = runs[0];
  const closing = runs.slice(1).find((run) => run[0].length === opening?.[0].length);
  expect({ markdown, opensAtStart: opening?.index === 0 }).toEqual({ markdown, opensAtStart: true });
  expect({ markdown, closesAtEnd: closing !== undefined && closing.index! + closing[0].length === text.length }).toEqual({ markdown, closesAtEnd: true });
  const inside = text.slice(opening[0].length, closing!.index);
  return inside.startsWith(" ") && inside.endsWith(" ") && inside.trim() !== "" ? inside.slice(1, -1) : inside;
}

/**
 * Plain Markdown text read back: backslash escapes undone. Fails on any character left unescaped
 * that could start syntax (HTML, code, emphasis, links, table pipes, entities, math, mentions).
 */
function plainText(markdown: string): string {
  let text = "";
  for (let i = 0; i < markdown.length; i++) {
    const char = markdown[i];
    if (char === "\\" && /[!-/:-@[-`{-~]/.test(markdown[i + 1] ?? "")) {
      text += markdown[++i];
      continue;
    }
    expect({ markdown, at: i, syntax: /[\\`*_[\]<>|~&#$@\n]/.test(char) }).toEqual({ markdown, at: i, syntax: false });
    text += char;
  }
  return text;
}

/** The document's `### ` sections, by their heading's text; each section up to the next heading or collapsed list. */
function sections(markdown: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("### ")) {
      current = [];
      found.set(line.slice(4), current);
    } else if (line === "<details>") current = undefined;
    else current?.push(line);
  }
  return found;
}

/** The section of one definition file: its heading starts with the file as a code span. */
function connectorSection(markdown: string, file: string): { heading: string; lines: string[] } {
  const entry = [...sections(markdown)].find(([heading]) => {
    const span = /^(`+) ?.*? ?\1 \(/.exec(heading);
    return span !== null && codeSpanText(span[0].slice(0, -2), "text") === file;
  });
  expect({ file, found: entry !== undefined }).toEqual({ file, found: true });
  return { heading: entry![0], lines: entry![1] };
}

/** A section's table: its rows (not the header and delimiter), each as cells. */
function tableRows(lines: readonly string[]): string[][] {
  const table = lines.filter((line) => line.startsWith("|"));
  expect(tableCells(table[0])).toEqual(["", "field", "Dev", "Production now", "Proposed"]);
  expect(tableCells(table[1])).toEqual(["---", "---", "---", "---", "---"]);
  return table.slice(2).map(tableCells);
}

/** A row read back: marks, path and the three values as the table's cells show them. */
function readRow(cells: readonly string[]): string[] {
  expect(cells).toHaveLength(5);
  return cells.map((cell) => (cell === "(absent)" ? cell : codeSpanText(cell, "table-cell")));
}

describe("the review as Markdown", () => {
  let review: Review;
  let markdown: string;

  beforeAll(() => {
    review = everyKindReview();
    markdown = renderMarkdown(review);
  });

  test("the verdict comes first, with the exit code the review ends with", () => {
    const lines = markdown.split("\n");
    expect(lines.slice(0, 3)).toEqual([
      "## Review: promote dev → production",
      "",
      expect.stringMatching(/^\*\*Production would change: .* then run pulumi up --stack production\. \(exit code 2\)\*\*$/),
    ]);
    expect(reviewJson(review)).toMatchObject({ exitCode: 2 });
    expect(plainText(lines[2].slice(2, -2))).toBe(
      "Production would change: review the rows marked *, the warnings, the AMBIGUOUS lines and the connectors to delete below, then run pulumi up --stack production. (exit code 2)",
    );

    const settled = renderMarkdown(nothingToDoReview());
    expect(reviewJson(nothingToDoReview())).toMatchObject({ exitCode: 0 });
    expect(settled.split("\n")[2]).toBe("**Production would not change. (exit code 0)**");
    expect(settled).not.toContain("| --- |");
  });

  test("an update is a table of the fields that differ, values as inline code, the equal fields counted", () => {
    const { heading, lines } = connectorSection(markdown, "acme-crm.json");
    expect(heading).toBe("`acme-crm.json` (Acme CRM): UPDATE in production");
    expect(lines).toContain("- Production: ACMECRM:15564 (from the production stack's state)");
    expect(tableRows(lines).map(readRow)).toEqual([
      ["*", "description", '"Contacts, deals and invoices"', '"Contacts and deals"', '"Contacts, deals and invoices"'],
      ["*", "auth_patterns[0].oauth_config.available_scopes[1].scope", '"invoices.read"', '"deals.write"', '"invoices.read"'],
    ]);
    const equal = updatedConnector.rows.filter((row) => !row.targetChanges && !row.sourceDiffers).length;
    expect(lines).toContain(`${equal} other fields: no difference between Dev, Production now and Proposed.`);
  });

  test("the warnings and notes are bullet lists under their connector", () => {
    const { lines } = connectorSection(markdown, "acme-crm.json");
    const bullets = lines.filter((line) => line.startsWith("- **"));
    expect(bullets.map((line) => line.slice(0, line.indexOf(":** ") + 4))).toEqual(["- **Warning:** ", "- **Note:** "]);
    expect(bullets.map((line) => plainText(line.slice(line.indexOf(":** ") + 4)))).toEqual([...updatedConnector.warnings, ...updatedConnector.notes]);
    expect(connectorSection(markdown, "ticket-desk.json").lines.filter((line) => line.startsWith("- **"))).toEqual([]);
  });

  test("a new connector shows every field, Production now absent", () => {
    const { heading, lines } = connectorSection(markdown, "ticket-desk.json");
    expect(heading).toBe("`ticket-desk.json` (Ticket Desk): CREATE in production (it does not exist there yet)");
    expect(lines).toContain("- Production: none (not in the production stack's state, and no live connector has this name)");
    const rows = tableRows(lines).map(readRow);
    expect(rows.map((row) => row[1])).toEqual(["display_name", "auth_patterns[0].type", "proxy_url", "proxy_enabled"]);
    expect(rows.map((row) => [row[0], row[3]])).toEqual(rows.map(() => ["*", "(absent)"]));
    expect(rows.find((row) => row[1] === "proxy_enabled")).toEqual(["*", "proxy_enabled", "true", "(absent)", "true"]);
  });

  test("an ambiguous connector names every candidate and compares with none", () => {
    const { heading, lines } = connectorSection(markdown, "twin-notes.json");
    expect(heading).toBe("`twin-notes.json` (Twin Notes): AMBIGUOUS in production (several connectors there have this name; not compared)");
    expect(lines.find((line) => line.startsWith("- Production: "))).toContain('AMBIGUOUS: 2 live connectors are named "Twin Notes" (TWINNOTES:1, TWINNOTES:2)');
    expect(tableRows(lines).map((row) => readRow(row)[3])).toEqual(["(absent)", "(absent)"]);
  });

  test("a connector to delete and the ones that share a name are listed under Only in production", () => {
    const onlyInProduction = sections(markdown).get("Only in production, matched by no definition");
    expect(onlyInProduction?.filter((line) => line.startsWith("- "))).toEqual([
      "- `LEGACYFAX:22222` (Legacy Fax): still in the production stack's state as \"old-fax\", so pulumi up --stack production would delete it",
      "- `TWINNOTES:1` (Twin Notes): one of 2 connectors in production named \"Twin Notes\" (also TWINNOTES:2); so twin-notes.json could not be matched",
      "- `TWINNOTES:2` (twin notes): one of 2 connectors in production named \"twin notes\" (also TWINNOTES:1); so twin-notes.json could not be matched",
    ]);
    expect(sections(markdown).get("Only in dev, matched by no definition (they will not be promoted)")).toContain("- `prov_9` (Scratch \\<test\\>)");
  });

  test("drift in Dev gets a section of its own; connectors with nothing to see share one collapsed list", () => {
    const { heading, lines } = connectorSection(markdown, "docs-hub.json");
    expect(heading).toBe("`docs-hub.json` (Docs Hub): unchanged in production");
    expect(lines).toContain("- DRIFT: Dev differs from the definitions in 1 field (marked !); run pulumi up --stack dev and test there before promoting.");
    expect(tableRows(lines).map(readRow)).toEqual([["!", "proxy_url", '"https://mcp-beta.docshub.io/mcp"', '"https://mcp.docshub.io/mcp"', '"https://mcp.docshub.io/mcp"']]);

    const collapsed = markdown.slice(markdown.indexOf("<details>"), markdown.indexOf("</details>") + "</details>".length).split("\n");
    expect(collapsed.slice(0, 3)).toEqual(["<details>", "<summary>1 connector unchanged in production, Dev matching the definitions</summary>", ""]);
    expect(collapsed.filter((line) => line.startsWith("- "))).toEqual([
      "- `steady-docs.json` (Steady Docs): Dev: prov\\_5e (from the dev stack's state); Production: STEADYDOCS:4 (by display name; not in the production stack's state, so pulumi up --stack production adopts it only with adoptExisting set)",
    ]);
    expect(collapsed.slice(-2)).toEqual(["", "</details>"]);
    expect([...sections(markdown).keys()].some((heading) => heading.includes("steady-docs.json"))).toBe(false);
  });

  test("pipes, backticks, line breaks and HTML in names, keys and values stay inside their cell and show as written", () => {
    const { heading, lines } = connectorSection(markdown, hostileConnector.file);
    expect(plainText(heading.slice(heading.indexOf(" (") + 2, heading.lastIndexOf("): ")))).toBe(hostile.displayName);
    const rows = tableRows(lines);
    // Every row has its five cells: no pipe or line break in a value made another cell or row.
    expect(rows.map((row) => row.length)).toEqual(hostileConnector.rows.map(() => 5));
    expect(rows.map(readRow)).toEqual(
      hostileConnector.rows.map((row) => ["*", row.path.replace(/\n/g, "\\n"), formatLeaf(row.source), formatLeaf(row.target), formatLeaf(row.proposed)]),
    );
    for (const line of lines.filter((candidate) => candidate.startsWith("- "))) plainText(line.slice(2).replace(/^\*\*(Warning|Note):\*\* /, ""));
  });

  test("no HTML reaches the document but its own collapsed list, and no value starts a line", () => {
    const withoutCode = markdown
      .split("\n")
      .filter((line) => !/^<\/?(details|summary)>/.test(line))
      .map((line) => (line.startsWith("|") ? tableCells(line).filter((cell) => !cell.startsWith("`")).join(" ") : line))
      .join("\n")
      .replace(/(`+)[^]*?\1/g, "")
      .replace(/\\./g, "");
    expect(withoutCode).not.toMatch(/[<>]/);
    for (const line of markdown.split("\n")) {
      expect({ line, fromValue: /^(# |<script|second)/.test(line) }).toEqual({ line, fromValue: false });
    }
  });
});
