/** Connector definitions kept as files: one Scalekit JSON payload per `*.json` file in a folder. */
import * as fs from "fs";
import * as path from "path";
import { validateScalekitPayload } from "./schema/validate";

export interface DefinitionFile {
  /** The file's base name without `.json`: the Pulumi resource name. */
  name: string;
  /** Path relative to the current directory, for messages. */
  file: string;
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
      let payload: unknown;
      try {
        payload = JSON.parse(fs.readFileSync(full, "utf8"));
      } catch (error) {
        throw new Error(`${file} is not valid JSON (${(error as Error).message}). Fix the file and run the command again.`);
      }
      return { name: entry.slice(0, -".json".length), file, payload };
    });
}

/** One line per problem, `file: property: rule`, for every file that breaks a rule. */
export function validateDefinitionFiles(files: DefinitionFile[]): string[] {
  return files.flatMap((entry) => {
    const result = validateScalekitPayload(entry.payload);
    return result.ok ? [] : result.failures.map((failure) => `${entry.file}: ${failure.property}: ${failure.rule}`);
  });
}
