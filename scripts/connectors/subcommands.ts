/**
 * `npm run connectors -- <subcommand> [options]`: the project's one command-line tool for the
 * connectors of a Pulumi project's stacks. Its subcommands are review, pull and migrate; each
 * keeps its own options, help and exit codes (scripts/review/, scripts/pull/, scripts/migrate/).
 * `npm run review`, `npm run pull` and `npm run migrate` run the same subcommands, as aliases
 * kept for one release.
 */
import { parseArgs } from "node:util";
import { CommandError } from "../lib/command-line";

/** The exit code of a command line the tool does not understand (the same as each subcommand's). */
export const EXIT_USAGE = 2;

/** A subcommand's entry: the arguments after its name in, its exit code out. */
export type SubcommandMain = (argv: string[]) => Promise<number>;

interface Subcommand {
  /** One line for the tool's help. */
  summary: string;
  /** Its implementation, loaded only when it runs: each brings its own part of the core. */
  load(): Promise<SubcommandMain>;
}

export const subcommands = {
  review: {
    summary: "what promoting one stack to another would change (docs/review.md)",
    load: async () => (await import("../review/cli")).main,
  },
  pull: {
    summary: "a definition file for each live connector no file declares yet",
    load: async () => (await import("../pull/cli")).main,
  },
  migrate: {
    summary: "move a stack's connectors from the dynamic provider to the plugin",
    load: async () => (await import("../migrate/cli")).main,
  },
} as const satisfies Record<string, Subcommand>;

export type SubcommandName = keyof typeof subcommands;

export const subcommandNames = Object.keys(subcommands) as SubcommandName[];

function isSubcommand(name: string): name is SubcommandName {
  return Object.hasOwn(subcommands, name);
}

const width = Math.max(...subcommandNames.map((name) => name.length)) + 3;

export const usage = `Usage: npm run connectors -- <subcommand> [options]

The connectors of this Pulumi project's stacks, read from Scalekit and from
the stacks' state.

Subcommands:
${subcommandNames.map((name) => `  ${name.padEnd(width)}${subcommands[name].summary}`).join("\n")}

Options:
  --help, -h${" ".repeat(width - 8)}print this text

npm run connectors -- <subcommand> --help prints a subcommand's options.
npm run review, npm run pull and npm run migrate run the same subcommands;
they are aliases kept for one release.`;

/** "review, pull or migrate" (`conjunction` "or"), "review, pull and migrate" ("and"). */
function choices(conjunction: "or" | "and"): string {
  return `${subcommandNames.slice(0, -1).join(", ")} ${conjunction} ${subcommandNames[subcommandNames.length - 1]}`;
}

const usageLine = `${usage.split("\n")[0]}  (--help for details)`;

/** What the command line asks for: the tool's help, or a subcommand with the arguments after its name. */
export type ConnectorsCommand = { kind: "help" } | { kind: "subcommand"; name: SubcommandName; argv: string[] };

/**
 * Reads the tool's own part of the command line: `--help` or the subcommand's name, which must
 * come first. Everything after the name belongs to the subcommand, untouched. Usage errors are
 * CommandErrors with exit code 2 that name the subcommands.
 */
export function parseConnectorsArgs(argv: readonly string[]): ConnectorsCommand {
  const { tokens } = parseArgs({ args: [...argv], options: { help: { type: "boolean", short: "h" } }, strict: false, allowPositionals: true, tokens: true });
  const first = tokens[0];
  if (first === undefined) throw new CommandError(`name a subcommand: ${choices("or")}.\n${usageLine}`, EXIT_USAGE);
  if (first.kind === "option" && first.name === "help" && first.value === undefined) return { kind: "help" };
  if (first.kind !== "positional") {
    const given = argv[0];
    throw new CommandError(
      `${JSON.stringify(given)} comes before a subcommand; name the subcommand first (${choices("or")}) and put its options after it, e.g. npm run connectors -- review ${given}.\n${usageLine}`,
      EXIT_USAGE,
    );
  }
  if (!isSubcommand(first.value)) {
    throw new CommandError(`there is no subcommand ${JSON.stringify(first.value)}; the subcommands are ${choices("and")}.\n${usageLine}`, EXIT_USAGE);
  }
  return { kind: "subcommand", name: first.value, argv: argv.slice(first.index + 1) };
}

/** Runs the command line: the tool's help on stdout, or the subcommand, whose exit code it returns. */
export async function runConnectors(argv: readonly string[]): Promise<number> {
  const command = parseConnectorsArgs(argv);
  if (command.kind === "help") {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const main = await subcommands[command.name].load();
  return main(command.argv);
}

/** The name a message of this run starts with: the subcommand's when the command line names one, so that its errors read as before. */
export function commandName(argv: readonly string[]): string {
  return argv[0] !== undefined && isSubcommand(argv[0]) ? argv[0] : "connectors";
}
