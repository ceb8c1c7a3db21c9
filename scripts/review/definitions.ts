import * as path from "path";
import { checkDefinitionFiles, MissingSecretConfigError, readDefinitionFiles, resolveSecretConfigPlaceholders, type NormalizedDefinition } from "pulumi-scalekit-connectors";
import { formatPropertyPath, validateScalekitPayload } from "pulumi-scalekit-connectors/internal";
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
  /** The canonical definition the provider would apply (a credential's placeholder replaced by the stack's config value). */
  definition: NormalizedDefinition;
  /** The credentials the file takes from secret config: row path (e.g. `auth_patterns[0].auth_field_mutations.password.default`) → config key. */
  fromConfig: ReadonlyMap<string, string>;
}

/**
 * A stack's secret config values by key (without the project's namespace), or why none could be
 * read; a credential's placeholder in a definition takes its value from there.
 */
export type SecretConfigLookup = { readable: true; get(key: string): string | undefined } | { readable: false; reason: string };

/**
 * Reads every `*.json` definition in `dir` with the provider's own reader and rules, each once.
 * Definitions that `pulumi up` would refuse stop the review: there is nothing sensible to propose.
 * A credential's placeholder takes the value `pulumi up --stack <stack>` would give it, from the
 * stack's secret config (a file with one is read again with those values, which the first reading
 * could not know); one without a value stops the review as it would stop `pulumi up`.
 */
export function loadDefinitions(dir: string, stack: string, config: SecretConfigLookup): Definition[] {
  let files;
  try {
    files = readDefinitionFiles(dir);
  } catch (err) {
    throw new ReviewError(`${(err as Error).message} (or pass the folder with --connectors DIR).`);
  }
  const report = checkDefinitionFiles(files);
  const problems = report.errors;
  if (problems.length > 0) {
    throw new ReviewError(
      `the connector definitions break Scalekit's rules, so pulumi up would refuse them:\n${problems.map((line) => `  ${line}`).join("\n")}\n` +
        `Fix the definitions, apply them to the source stack, then run the review again.`,
    );
  }
  let resolved;
  try {
    resolved = resolveSecretConfigPlaceholders(files, stack, (key) => (config.readable ? config.get(key) : undefined));
  } catch (err) {
    if (!(err instanceof MissingSecretConfigError)) throw err;
    throw new ReviewError(`${err.message}${config.readable ? "" : `\n(The review could not read the config of stack "${stack}": ${config.reason}.)`}`);
  }
  return resolved.map((file, index) => {
    const read = report.definitions.get(file.file);
    const result = read ? ({ ok: true, definition: read } as const) : validateScalekitPayload(file.payload);
    if (!result.ok) {
      const where = file.sites.length > 0 ? ` with its secret config values (${file.sites.map((site) => site.configKey).join(", ")} of stack "${stack}")` : "";
      throw new ReviewError(
        `${file.file}${where} breaks Scalekit's rules, so pulumi up --stack ${stack} would refuse it: ` +
          `${result.failures.map((failure) => `${failure.property}: ${failure.rule}`).join("; ")}. Fix it, then run the review again.`,
      );
    }
    const definition = result.definition;
    return {
      file: path.basename(file.file),
      name: file.name,
      written: files[index].payload as Record<string, unknown>,
      definition,
      fromConfig: new Map(file.sites.map((site) => [formatPropertyPath(site.path, "payload"), site.configKey])),
    };
  });
}
