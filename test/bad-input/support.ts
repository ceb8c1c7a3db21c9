/** The bad-definition corpus and what each file must be rejected with. */
import * as fs from "fs";
import * as path from "path";

export const corpusDir = path.resolve(__dirname, "..", "fixtures", "bad-definitions");
const expectationsFile = path.resolve(__dirname, "..", "fixtures", "bad-definitions.expectations.json");

export interface Expectation {
  file: string;
  /** The property path the message must name, exactly. */
  property: string;
  /** Case-insensitive pattern the rule's words must match. */
  rule: RegExp;
  source: "server" | "guidance" | "provider";
}

export function loadExpectations(): Expectation[] {
  const parsed = JSON.parse(fs.readFileSync(expectationsFile, "utf8")) as {
    files: Record<string, { property: string; rule: string; source: Expectation["source"] }>;
  };
  return Object.entries(parsed.files).map(([file, entry]) => ({ file, property: entry.property, rule: new RegExp(entry.rule, "i"), source: entry.source }));
}

export function corpusFiles(): string[] {
  return fs.readdirSync(corpusDir).filter((file) => file.endsWith(".json")).sort();
}

/** Escapes text for use inside a regular expression. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
