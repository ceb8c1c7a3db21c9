/** The bad-definition corpus (refused) and the advice corpus (accepted with a warning), with what each file must produce. */
import * as fs from "fs";
import * as path from "path";
import { testFixturesDir } from "../../scripts/lib/paths";

export const corpusDir = path.join(testFixturesDir, "bad-definitions");
const expectationsFile = path.join(testFixturesDir, "bad-definitions.expectations.json");
export const adviceDir = path.join(testFixturesDir, "advice-definitions");
const adviceExpectationsFile = path.join(testFixturesDir, "advice-definitions.expectations.json");

export interface Expectation {
  file: string;
  /** The property path the message must name, exactly. */
  property: string;
  /** Case-insensitive pattern the rule's words must match. */
  rule: RegExp;
  /** Why Scalekit refuses it: its server, its guidance, its official SDK, or not a connector payload at all. */
  source: "server" | "guidance" | "sdk" | "format";
}

export interface AdviceExpectation {
  file: string;
  property: string;
  rule: RegExp;
  /** The rule's id in provider/src/core/schema/rules.ts. */
  ruleId: string;
}

export function loadExpectations(): Expectation[] {
  const parsed = JSON.parse(fs.readFileSync(expectationsFile, "utf8")) as {
    files: Record<string, { property: string; rule: string; source: Expectation["source"] }>;
  };
  return Object.entries(parsed.files).map(([file, entry]) => ({ file, property: entry.property, rule: new RegExp(entry.rule, "i"), source: entry.source }));
}

export function loadAdviceExpectations(): AdviceExpectation[] {
  const parsed = JSON.parse(fs.readFileSync(adviceExpectationsFile, "utf8")) as {
    files: Record<string, { property: string; rule: string; ruleId: string }>;
  };
  return Object.entries(parsed.files).map(([file, entry]) => ({ file, property: entry.property, rule: new RegExp(entry.rule, "i"), ruleId: entry.ruleId }));
}

function jsonFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((file) => file.endsWith(".json")).sort();
}

export function corpusFiles(): string[] {
  return jsonFiles(corpusDir);
}

export function adviceFiles(): string[] {
  return jsonFiles(adviceDir);
}

/** Escapes text for use inside a regular expression. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The rule's words of each report line (`<property>: <rule>`, the file already cut off) that names
 * exactly `property`: a neighbouring path such as `<property>[1].is_path_param` does not count.
 */
export function rulesNaming(lines: readonly string[], property: string): string[] {
  const prefix = `${property}: `;
  return lines.filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
}
