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

export const usage = `Usage: npm run connectors -- migrate --stack <stack> [--project DIR] [--work-dir DIR]

Moves a stack's connectors from the dynamic provider to the resource plugin
pulumi-resource-scalekit with no write to Scalekit, in two steps around the
commit that sets the stack's door config to plugin (every run reads the door
from its own checkout of Pulumi.<stack>.yaml, so the state moves only once the
change is pushed):

  1. While the committed Pulumi.<stack>.yaml says door: dynamic (or nothing):
     marks the dynamic records retained in the state (a run from the plugin
     door then deletes nothing in Scalekit) and writes door: plugin into the
     file. Commit it and push it to the branch your deployments run from.
  2. Once that commit is on the branch's upstream: imports each connector into
     the plugin by its identifier, drops the dynamic records (the plugin's are
     marked retained, so a run from an older checkout deletes nothing either),
     then runs pulumi preview --expect-no-changes.

Each step writes a backup of the state first (mode 0600), writes only over the
checkpoint it read (it stops if another run changed the state), and puts the
backup back if a step fails. Pulumi.<stack>.yaml must be tracked by git.

Options:
  --stack STACK     stack to move, e.g. dev (required)
  --project DIR     folder holding Pulumi.yaml (default: the current folder)
  --work-dir DIR    where the backup and import files go (default: <project>/.work/migrate)
  --help            print this text

Exit code: 0 a step done (or nothing to move) and, after step 2, the preview
shows no change; 1 refused, a step failed or the preview shows changes; 2 usage
error.

npm run migrate -- [options] runs the same command: an alias kept for one
release; use npm run connectors -- migrate [options].`;

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
  if (!values.stack || values.stack.startsWith("-")) throw new CommandError(`--stack is required, e.g. npm run connectors -- migrate --stack dev.\n${usageLine}`, EXIT_USAGE);
  const projectDir = path.resolve(cwd, values.project ?? ".");
  const workDir = path.resolve(cwd, values["work-dir"] ?? path.join(projectDir, ".work", "migrate"));
  return { kind: "migrate", args: { stack: values.stack, projectDir, workDir } };
}
