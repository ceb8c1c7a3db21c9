/** Connector definitions kept as files: one Scalekit JSON payload per `*.json` file in a folder. */
import * as fs from "fs";
import * as path from "path";
import { formatPropertyPath, type NormalizedDefinition } from "./codec";
import { parseJsonText } from "./json-text";
import { readDeclaration, type Finding } from "./schema/declaration";
import { placeholderProblems, withPlaceholderStandIns } from "./secret-config-placeholders";

/** One definition file: the connector it declares, in Scalekit's JSON payload format, and where it came from. */
export interface DefinitionFile {
  /** The file's base name without `.json`: the Pulumi resource name. */
  name: string;
  /** Path relative to the current directory, for messages. */
  file: string;
  /** The parsed JSON, not yet checked: hand it to checkDefinitionFiles. */
  payload: unknown;
}

/** Reads every `*.json` file of a folder, sorted by name. Unreadable JSON is an error naming the file. */
export function readDefinitionFiles(folder: string): DefinitionFile[] {
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new Error(`The connector definitions folder ${folder} does not exist. Create it, or point the config key connectorsDir at the right folder.`);
  }
  return fs
    .readdirSync(folder)
    .filter((entry) => entry.endsWith(".json"))
    .sort()
    .map((entry) => {
      const full = path.join(folder, entry);
      const file = path.relative(process.cwd(), full) || entry;
      // The reason never quotes the file: it may hold a credential (a mutation's default).
      const parsed = parseJsonText(fs.readFileSync(full, "utf8"));
      if (!parsed.ok) throw new Error(`${file} is not valid JSON (${parsed.problem}). Fix the file and run the command again.`);
      return { name: entry.slice(0, -".json".length), file, payload: parsed.value };
    });
}

/** Each file's problems and warnings, one line each: `file: property: rule` (property paths as in the payload). */
export interface DefinitionFilesReport {
  /** Scalekit's rules broken: the program refuses to register anything while there is one. */
  errors: string[];
  /** Advice: the definitions are applied as they are. */
  warnings: string[];
  /**
   * The normalized definition of each file that breaks no rule, by its `file`, so that nothing
   * reads it again. A file with a credential's placeholder is left out: it was read with stand-ins,
   * and what it declares is known only once the stack's secret config fills the placeholders in.
   */
  definitions: Map<string, NormalizedDefinition>;
}

function linesOf(file: string, findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${file}: ${formatPropertyPath(finding.path, "payload")}: ${finding.rule}`);
}

/**
 * Reads every file once through the one entry point (schema/declaration.ts `readDeclaration`),
 * errors and warnings apart, with each good file's definition. A credential's placeholder
 * (secret-config-placeholders.ts) is checked for its own form; the rest of the file is checked
 * with a stand-in in its place (the secret itself is checked when the stack applies it).
 */
export function checkDefinitionFiles(files: DefinitionFile[]): DefinitionFilesReport {
  const report: DefinitionFilesReport = { errors: [], warnings: [], definitions: new Map() };
  for (const entry of files) {
    const placeholders = placeholderProblems(entry.file, entry.payload);
    report.errors.push(...placeholders);
    if (placeholders.length > 0) continue;
    const standIns = withPlaceholderStandIns(entry.payload);
    const result = readDeclaration(standIns, "payload");
    if (!result.ok) report.errors.push(...linesOf(entry.file, result.failures));
    else if (standIns === entry.payload) report.definitions.set(entry.file, result.definition);
    report.warnings.push(...linesOf(entry.file, result.warnings));
  }
  return report;
}

/**
 * One line per problem, `file: property: rule`, for every file that breaks a rule (warnings left
 * out): checkDefinitionFiles's `errors`, under the name programs written for earlier versions call.
 */
export function validateDefinitionFiles(files: DefinitionFile[]): string[] {
  return checkDefinitionFiles(files).errors;
}
