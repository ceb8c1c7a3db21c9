/**
 * The command lines of the repository's tools (review, pull, bench), read with node:util's
 * parseArgs and refused in one form whatever the tool: `unknown argument "--x"` for a flag the
 * tool does not have (a positional, a value given to a switch), `--flag needs a value` for a
 * value flag without one (`--from --to production` leaves --from without one). Each tool adds
 * its usage text to the message and checks the values themselves.
 */
import { parseArgs } from "node:util";

/** A tool's flags: switches (`boolean`) and flags that take a value (`string`), with an optional one-letter alias. */
export type Flags = Record<string, { type: "boolean" | "string"; short?: string }>;

/** The values given: a string per value flag, true per switch, nothing for what was not given. */
export type FlagValues<F extends Flags> = { [K in keyof F]?: F[K]["type"] extends "string" ? string : boolean };

export class CommandLineError extends Error {
  override readonly name = "CommandLineError";
  constructor(
    readonly kind: "unknown-argument" | "missing-value",
    /** The argument as given (unknown-argument) or the flag (missing-value), e.g. `--colour`. */
    readonly argument: string,
  ) {
    super(kind === "unknown-argument" ? `unknown argument ${JSON.stringify(argument)}` : `${argument} needs a value`);
  }
}

/** Reads `argv` (the arguments after `--`); a flag given twice keeps its last value. */
export function parseCommandLine<F extends Flags>(argv: readonly string[], flags: F): FlagValues<F> {
  const { values, tokens } = parseArgs({ args: [...argv], options: flags, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === "positional") throw new CommandLineError("unknown-argument", token.value);
    if (token.kind === "option-terminator") throw new CommandLineError("unknown-argument", "--");
    const flag = Object.hasOwn(flags, token.name) ? flags[token.name] : undefined;
    if (flag === undefined || (flag.type === "boolean" && token.inlineValue)) {
      throw new CommandLineError("unknown-argument", token.inlineValue ? `${token.rawName}=${token.value}` : token.rawName);
    }
    if (flag.type === "string" && (token.value === undefined || (!token.inlineValue && token.value.startsWith("--")))) {
      throw new CommandLineError("missing-value", token.rawName);
    }
  }
  return values as FlagValues<F>;
}

/** An error a tool reports as it is (its message, no stack) before exiting with `exitCode`. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
  }
}

/**
 * Runs a tool's `main` as the process, with the arguments after `--`: what it returns is the exit
 * code; a CommandError is printed as `<tool>: <message>` and exits with its code, anything else
 * as an unexpected failure with its stack, exit code 1.
 */
export function runCommand(tool: string, main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      const known = err instanceof CommandError;
      process.stderr.write(`${tool}: ${known ? err.message : `unexpected failure: ${(err as Error)?.stack ?? String(err)}`}\n`);
      process.exitCode = known ? err.exitCode : 1;
    },
  );
}
