import * as path from "path";
import { CommandError, CommandLineError, parseCommandLine } from "../lib/command-line";

export interface MigrateArgs {
  stack: string;
  /** Folder holding Pulumi.yaml. */
  projectDir: string;
  /** Where the backup and import files go: `<project>/.work/migrate`, or --work-dir. */
  workDir: string;
}

export const EXIT_USAGE = 2;

export const usage = `Usage: npm run migrate -- --stack <stack> [--project DIR] [--work-dir DIR]

Moves a stack's connectors from the dynamic provider to the resource plugin
pulumi-resource-scalekit, with no write to Scalekit: imports each connector into
the plugin by its identifier, drops the dynamic provider's records, sets the
stack's door config to plugin, then runs pulumi preview --expect-no-changes.
A backup of the state is written first; a failed step puts it back.

Options:
  --stack STACK     stack to move, e.g. dev (required)
  --project DIR     folder holding Pulumi.yaml (default: the current folder)
  --work-dir DIR    where the backup and import files go (default: <project>/.work/migrate)
  --help            print this text

Exit code: 0 moved and the preview shows no change, 1 a step failed or the
preview shows changes, 2 usage error.`;

export type ParsedMigrateArgs = { kind: "help" } | { kind: "migrate"; args: MigrateArgs };

export function parseMigrateArgs(argv: readonly string[], cwd: string): ParsedMigrateArgs {
  const usageLine = `${usage.split("\n")[0]}  (--help for details)`;
  let values;
  try {
    values = parseCommandLine(argv, { stack: { type: "string" }, project: { type: "string" }, "work-dir": { type: "string" }, help: { type: "boolean", short: "h" } });
  } catch (err) {
    if (!(err instanceof CommandLineError)) throw err;
    throw new CommandError(`${err.message}\n${usageLine}`, EXIT_USAGE);
  }
  if (values.help) return { kind: "help" };
  if (!values.stack || values.stack.startsWith("-")) throw new CommandError(`--stack is required, e.g. npm run migrate -- --stack dev.\n${usageLine}`, EXIT_USAGE);
  const projectDir = path.resolve(cwd, values.project ?? ".");
  const workDir = path.resolve(cwd, values["work-dir"] ?? path.join(projectDir, ".work", "migrate"));
  return { kind: "migrate", args: { stack: values.stack, projectDir, workDir } };
}
