/** The command-line flags of `scalekit-emulator` and their parsing. */

import { DEFAULT_MODES, MODE_VALUES, type EmulatorModes } from "./assumptions";
import { acceptedValues } from "./modes";
import { EMULATOR_DEFAULTS, type EmulatorOptions } from "./server";

export class UsageError extends Error {
  override readonly name = "UsageError";
}

export type ParsedArgs = { help: true } | { help: false; options: EmulatorOptions; verbose: boolean };

/** The mode flags and the mode each one sets. */
const MODE_FLAGS = {
  "identifier-style": "identifierStyle",
  "duplicate-names": "duplicateNames",
  "delete-in-use": "deleteInUse",
} as const satisfies Record<string, keyof EmulatorModes>;

type ModeFlag = keyof typeof MODE_FLAGS;
type ValueFlag = "port" | "host" | "client-id" | "client-secret" | "token-ttl" | "state" | "seed" | "max-page-size" | ModeFlag;

const VALUE_FLAGS: readonly ValueFlag[] = [
  "port",
  "host",
  "client-id",
  "client-secret",
  "token-ttl",
  "state",
  "seed",
  "max-page-size",
  ...(Object.keys(MODE_FLAGS) as ModeFlag[]),
];

const modeChoices = (name: keyof EmulatorModes): string => MODE_VALUES[name].join(" | ");

export const HELP_TEXT = `Usage: scalekit-emulator [flags]    (from the repository: npm run emulator -- [flags])

A local emulator of the Scalekit custom connector API. Prints one ready line:
  Scalekit emulator ready url=http://HOST:PORT client_id=ID client_secret=SECRET
and serves until SIGINT or SIGTERM.

Flags:
  --port N             port to listen on; 0 picks a free port      (default ${EMULATOR_DEFAULTS.port})
  --host H             address to listen on                         (default ${EMULATOR_DEFAULTS.host})
  --client-id ID       client id accepted by POST /oauth/token      (default ${EMULATOR_DEFAULTS.clientId})
  --client-secret S    client secret accepted by POST /oauth/token  (default ${EMULATOR_DEFAULTS.clientSecret})
  --token-ttl SECONDS  lifetime of access tokens                    (default ${EMULATOR_DEFAULTS.tokenTtlSeconds})
  --state FILE         JSON state file, loaded at start if present and rewritten after every change
                       (default: none, state lives in memory only)
  --seed N             seed of the random generator: fault injection and generated identifiers
                       (default: random)
  --max-page-size N    largest page of GET /api/v1/providers        (default ${EMULATOR_DEFAULTS.maxPageSize})

Modes for what Scalekit has not documented (change them at run time with PUT /_emulator/modes):
  --identifier-style S  ${modeChoices("identifierStyle")}   (default ${DEFAULT_MODES.identifierStyle})
                        format of new identifiers: acmecrm, ACMECRM:48213, prov_3f9a...
  --duplicate-names M   ${modeChoices("duplicateNames")}   (default ${DEFAULT_MODES.duplicateNames})
                        a create or rename onto a taken name: 409, or accepted
  --delete-in-use M     ${modeChoices("deleteInUse")}   (default ${DEFAULT_MODES.deleteInUse})
                        deleting a connector in use: 403 code 7, or 400 code 9
  --verbose            log every request to stderr
  -h, --help           show this help
`;

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: EmulatorOptions = {};
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "-h" || arg === "--help") return { help: true };
    if (arg === "--verbose") {
      verbose = true;
      continue;
    }
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    const name = match?.[1] as ValueFlag | undefined;
    if (!match || name === undefined || !VALUE_FLAGS.includes(name)) {
      throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    }
    let value = match[2];
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value`);
      i++;
    }
    applyFlag(options, name, value);
  }
  return { help: false, options, verbose };
}

function applyFlag(options: EmulatorOptions, name: ValueFlag, value: string): void {
  switch (name) {
    case "port":
      options.port = wholeNumber(name, value, 0, 65535);
      return;
    case "host":
      options.host = nonEmpty(name, value);
      return;
    case "client-id":
      options.clientId = nonEmpty(name, value);
      return;
    case "client-secret":
      options.clientSecret = nonEmpty(name, value);
      return;
    case "token-ttl":
      options.tokenTtlSeconds = wholeNumber(name, value, 1, Number.MAX_SAFE_INTEGER);
      return;
    case "state":
      options.statePath = nonEmpty(name, value);
      return;
    case "seed":
      options.seed = wholeNumber(name, value, 0, 4294967295);
      return;
    case "max-page-size":
      options.maxPageSize = wholeNumber(name, value, 1, Number.MAX_SAFE_INTEGER);
      return;
    case "identifier-style":
      options.identifierStyle = modeValue(name, value);
      return;
    case "duplicate-names":
      options.duplicateNames = modeValue(name, value);
      return;
    case "delete-in-use":
      options.deleteInUse = modeValue(name, value);
      return;
  }
}

function modeValue<F extends ModeFlag>(flag: F, value: string): EmulatorModes[(typeof MODE_FLAGS)[F]] {
  const mode = MODE_FLAGS[flag];
  const accepted = MODE_VALUES[mode] as readonly string[];
  if (!accepted.includes(value)) {
    throw new UsageError(`--${flag} must be ${acceptedValues(mode)}, got ${JSON.stringify(value)}`);
  }
  return value as EmulatorModes[(typeof MODE_FLAGS)[F]];
}

function wholeNumber(name: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^[0-9]+$/.test(value) || number < min || number > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return number;
}

function nonEmpty(name: string, value: string): string {
  if (value.trim() === "") throw new UsageError(`--${name} must not be empty`);
  return value;
}
