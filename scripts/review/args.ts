import { CommandLineError, parseCommandLine } from "../lib/command-line";
import { ReviewError } from "./errors";

/** How the review prints: a table for a terminal, JSON for machines, Markdown for a pull-request comment. */
export const reviewFormats = ["table", "json", "markdown"] as const;
export type ReviewFormat = (typeof reviewFormats)[number];

/** What `npm run connectors -- review ...` was asked to do. */
export interface ReviewOptions {
  /** Stack (Scalekit environment) that is the source of truth, e.g. `dev`. */
  from: string;
  /** Stack (Scalekit environment) that would receive the definitions, e.g. `production`. */
  to: string;
  /** Folder of connector definitions; undefined = the `connectorsDir` config of the project (default `connectors`). */
  connectorsDir?: string;
  /** Folder holding Pulumi.yaml (the project whose stacks are compared). */
  projectDir: string;
  /** What to print: the table, the JSON document, or Markdown (--format; --json is --format json). */
  format: ReviewFormat;
  /** Read credentials from the stacks' Pulumi config (false: environment variables only). */
  usePulumiConfig: boolean;
  /** Match connectors through the stacks' state first (false: by display name only). */
  useState: boolean;
}

export type ParsedArgs = { kind: "help" } | { kind: "review"; options: ReviewOptions };

export const usage = `Usage: npm run connectors -- review --from <stack> --to <stack> [options]

Compares, for every connector definition, the connector live in the --from
environment (Dev), the one live in the --to environment (current Production)
and the definition that \`pulumi up --stack <to>\` would apply (Proposed).

A definition file acme-crm.json is the resource acme-crm of each stack: its
connector is the one whose identifier that stack's state records (so a renamed
connector is an update), else the one live connector with the same display
name (ignoring case and spaces).

Options:
  --from STACK          source-of-truth stack, e.g. dev (required)
  --to STACK            stack to be changed, e.g. production (required)
  --connectors DIR      folder of connector definitions
                        (default: the stack's connectorsDir config, else connectors/)
  --project DIR         folder of the Pulumi project (default: current folder)
  --format FORMAT       table (default), json (for machines) or markdown
                        (GitHub-flavoured, for a pull-request comment)
  --json                the same as --format json
  --no-pulumi-config    take credentials from environment variables only
  --no-state            do not read the stacks' state; match by display name only
                        (with --no-pulumi-config: no Pulumi CLI call at all)
  --help                print this text

Credentials per stack: the stack's Pulumi config (scalekit:environmentUrl,
scalekit:clientId, scalekit:clientSecret), else the environment variables
SCALEKIT_<STACK>_ENVIRONMENT_URL, SCALEKIT_<STACK>_CLIENT_ID and
SCALEKIT_<STACK>_CLIENT_SECRET (<STACK> = the stack name upper-cased).

Exit code: 0 Production would not change, 2 Production would change, 1 error.

npm run review -- [options] runs the same command: an alias kept for one
release; use npm run connectors -- review [options].`;

const flags = {
  from: { type: "string" },
  to: { type: "string" },
  connectors: { type: "string" },
  project: { type: "string" },
  format: { type: "string" },
  json: { type: "boolean" },
  "no-pulumi-config": { type: "boolean" },
  "no-state": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

/** An example value for a flag's message. */
function example(flag: string): string {
  return flag === "--connectors" || flag === "--project" ? "DIR" : flag === "--format" ? "markdown" : "dev";
}

/** The format asked for by --format or --json; refuses a format the review does not have, or both flags disagreeing. */
function chosenFormat(format: string | undefined, json: boolean): ReviewFormat {
  if (format === undefined) return json ? "json" : "table";
  const known = reviewFormats.find((candidate) => candidate === format);
  if (known === undefined) {
    throw new ReviewError(`--format ${JSON.stringify(format)} is not a format of the review; use one of ${reviewFormats.join(", ")}, e.g. --format markdown.\n\n${usage}`);
  }
  if (json && known !== "json") throw new ReviewError(`--json and --format ${known} ask for two formats; give one of them.`);
  return known;
}

/** Parses the review's command line (the arguments after `--`). */
export function parseReviewArgs(argv: readonly string[], cwd: string): ParsedArgs {
  let values;
  try {
    values = parseCommandLine(argv, flags);
  } catch (err) {
    if (!(err instanceof CommandLineError)) throw err;
    throw new ReviewError(`${err.message}${err.kind === "missing-value" ? `, e.g. ${err.argument} ${example(err.argument)}` : ""}.\n\n${usage}`);
  }
  if (values.help) return { kind: "help" };
  for (const flag of ["from", "to", "connectors", "project", "format"] as const) {
    if (values[flag] === "") throw new ReviewError(`--${flag} needs a value, e.g. --${flag} ${example(`--${flag}`)}.\n\n${usage}`);
  }
  if (!values.from || !values.to) {
    const missing = [!values.from && "--from", !values.to && "--to"].filter(Boolean).join(" and ");
    throw new ReviewError(`${missing} ${missing.includes(" and ") ? "are" : "is"} required, e.g. npm run connectors -- review --from dev --to production.\n\n${usage}`);
  }
  const format = chosenFormat(values.format, values.json === true);
  if (values.from === values.to) {
    throw new ReviewError(`--from and --to are both ${JSON.stringify(values.from)}; compare two different stacks, e.g. --from dev --to production.`);
  }
  return {
    kind: "review",
    options: {
      from: values.from,
      to: values.to,
      connectorsDir: values.connectors,
      projectDir: values.project ?? cwd,
      format,
      usePulumiConfig: values["no-pulumi-config"] !== true,
      useState: values["no-state"] !== true,
    },
  };
}
