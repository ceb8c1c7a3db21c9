import { CommandError, CommandLineError, parseCommandLine } from "../lib/command-line";

/** What `npm run connectors -- pull ...` was asked to do. */
export interface PullOptions {
  /** The stack whose Scalekit environment is read, e.g. `dev`. */
  stack: string;
  /** Folder to write definitions into; undefined = the stack's `connectorsDir` config, else `connectors`. */
  dir?: string;
  /** Folder holding Pulumi.yaml (the current folder; `npm run` runs in the repository root). */
  projectDir: string;
}

export type ParsedPullArgs = { kind: "help" } | { kind: "pull"; options: PullOptions };

/** Exit codes of the command. */
export const EXIT_OK = 0;
/** Scalekit could not be reached, the credentials are missing or wrong, or a file could not be read or written. */
export const EXIT_FAILURE = 1;
/** The command line (or the stack it names) is wrong. */
export const EXIT_USAGE = 2;

/** An error the command reports as it is (message only) before exiting with `exitCode`. */
export class PullError extends CommandError {
  override readonly name = "PullError";
  constructor(message: string, exitCode: number = EXIT_FAILURE) {
    super(message, exitCode);
  }
}

export const usage = `Usage: npm run connectors -- pull --stack <stack> [--dir <connectorsDir>]

Writes a definition file (Scalekit's payload format) for every custom connector
live in the stack's Scalekit environment that no file in the folder declares yet.
Read only: nothing is sent to Scalekit but the listing. Existing files are never
overwritten.

Options:
  --stack STACK   stack whose environment is read, e.g. dev (required)
  --dir DIR       folder of connector definitions, relative to the project
                  (default: the stack's connectorsDir config, else connectors)
  --help          print this text

Credentials, as pulumi up finds them: the stack's config (scalekit:environmentUrl,
scalekit:clientId, scalekit:clientSecret; the secret decrypted with the stack's
secrets provider, e.g. PULUMI_CONFIG_PASSPHRASE), key by key, else the environment
variables SCALEKIT_ENVIRONMENT_URL, SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET.

No credential is written: a default password, token or API key a connector
holds becomes a placeholder {"$secretConfig": "<key>"}; set its value with
npm run pulumi -- config set --secret <key> --stack <stack>.

A live connector is declared already when a file's display_name names it
(compared ignoring case and spaces). A new file is named after the display name
("Acme CRM" -> acme-crm.json), with -2, -3, ... when that name is taken.

Exit code: 0 done (also when nothing was new), 1 Scalekit unreachable or
credentials missing or refused, 2 usage error.

npm run pull -- [options] runs the same command: an alias kept for one
release; use npm run connectors -- pull [options].`;

const usageLine = `${usage.split("\n")[0]}  (--help for details)`;

/** Parses the command line (the arguments after `--`). Usage errors are PullErrors with exit code 2. */
export function parsePullArgs(argv: readonly string[], cwd: string): ParsedPullArgs {
  let values;
  try {
    values = parseCommandLine(argv, { stack: { type: "string" }, dir: { type: "string" }, help: { type: "boolean", short: "h" } });
  } catch (err) {
    if (!(err instanceof CommandLineError)) throw err;
    throw new PullError(`${err.message}\n${usageLine}`, EXIT_USAGE);
  }
  if (values.help) return { kind: "help" };
  if (values.stack === undefined || values.stack.trim() === "" || values.stack.startsWith("-")) {
    throw new PullError(`--stack is required, e.g. npm run connectors -- pull --stack dev.\n${usageLine}`, EXIT_USAGE);
  }
  if (values.dir !== undefined && (values.dir.trim() === "" || values.dir.startsWith("-"))) {
    throw new PullError(`--dir needs a folder, e.g. --dir connectors.\n${usageLine}`, EXIT_USAGE);
  }
  return { kind: "pull", options: { stack: values.stack, dir: values.dir, projectDir: cwd } };
}
