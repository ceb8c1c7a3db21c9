import * as path from "path";
import { readDefinitionFiles, validateDefinitionFiles, type NormalizedDefinition } from "pulumi-scalekit-connectors";
import { normalizeDefinition, validateScalekitPayload } from "pulumi-scalekit-connectors/internal";
import { ReviewError } from "./errors";

/** One connector definition file of the program, read and checked the way the program does. */
export interface Definition {
  /** File name inside the definitions folder, e.g. `acme-crm.json`. */
  file: string;
  /**
   * The Pulumi resource name the root program gives it: the file's base name (`acme-crm`). The
   * stacks' states record each connector's identifier under this name.
   */
  name: string;
  /** The payload as written in the file (its key order leads the table's row order). */
  written: Record<string, unknown>;
  /** The canonical definition the provider would apply. */
  definition: NormalizedDefinition;
}

/**
 * Reads every `*.json` definition in `dir` with the provider's own reader and rules. Definitions
 * that `pulumi up` would refuse stop the review: there is nothing sensible to propose.
 */
export function loadDefinitions(dir: string): Definition[] {
  let files;
  try {
    files = readDefinitionFiles(dir);
  } catch (err) {
    throw new ReviewError(`${(err as Error).message} (or pass the folder with --connectors DIR).`);
  }
  const problems = validateDefinitionFiles(files);
  if (problems.length > 0) {
    throw new ReviewError(
      `the connector definitions break Scalekit's rules, so pulumi up would refuse them:\n${problems.map((line) => `  ${line}`).join("\n")}\n` +
        `Fix the definitions, apply them to the source stack, then run the review again.`,
    );
  }
  return files.map((file) => {
    const result = validateScalekitPayload(file.payload);
    if (!result.ok) throw new Error(`${file.file} passed validation once and failed it the second time`);
    const definition = normalizeDefinition(result.definition);
    return {
      file: path.basename(file.file),
      name: file.name,
      written: file.payload as Record<string, unknown>,
      definition,
    };
  });
}
