/** The command-line flags of `scalekit-emulator` and their parsing (node:util's parseArgs). */

import { parseArgs as parseFlags } from "node:util";
import { DEFAULT_MODES, MODE_VALUES, type EmulatorModes } from "./assumptions";
import { acceptedValues } from "./modes";
import { EMULATOR_DEFAULTS, type EmulatorOptions } from "./server";

export class UsageError extends Error {
  override readonly name = "UsageError";
}

export type ParsedArgs = { help: true } | { help: false; options: EmulatorOptions; verbose: boolean };

/** How a flag's text becomes an option's value; `flag` names it in the error. */
type Reader<T> = (flag: string, value: string) => T;

const wholeNumber =
  (min: number, max: number): Reader<number> =>
  (flag, value) => {
    if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
    }
    return Number(value);
  };

const nonEmpty: Reader<string> = (flag, value) => {
  if (value.trim() === "") throw new UsageError(`--${flag} must not be empty`);
  return value;
};

const modeValue =
  <M extends keyof EmulatorModes>(mode: M): Reader<EmulatorModes[M]> =>
  (flag, value) => {
    if (!(MODE_VALUES[mode] as readonly string[]).includes(value)) {
      throw new UsageError(`--${flag} must be ${acceptedValues(mode)}, got ${JSON.stringify(value)}`);
    }
    return value as EmulatorModes[M];
  };

/** The flags that take a value: the option each one sets, and how its text is read. */
const VALUE_FLAGS: { [flag: string]: { [K in keyof EmulatorOptions]: [K, Reader<NonNullable<EmulatorOptions[K]>>] }[keyof EmulatorOptions] } = {
  port: ["port", wholeNumber(0, 65535)],
  host: ["host", nonEmpty],
  "client-id": ["clientId", nonEmpty],
  "client-secret": ["clientSecret", nonEmpty],
  "token-ttl": ["tokenTtlSeconds", wholeNumber(1, Number.MAX_SAFE_INTEGER)],
  state: ["statePath", nonEmpty],
  seed: ["seed", wholeNumber(0, 4294967295)],
  "max-page-size": ["maxPageSize", wholeNumber(1, Number.MAX_SAFE_INTEGER)],
  "identifier-style": ["identifierStyle", modeValue("identifierStyle")],
  "duplicate-names": ["duplicateNames", modeValue("duplicateNames")],
  "delete-in-use": ["deleteInUse", modeValue("deleteInUse")],
  "update-semantics": ["updateSemantics", modeValue("updateSemantics")],
  vocabularies: ["vocabularies", modeValue("vocabularies")],
  "rate-limit-retry-after": ["rateLimitRetryAfter", modeValue("rateLimitRetryAfter")],
};

/** Every flag, as parseArgs takes them: the value flags, and two switches. */
const FLAGS = {
  ...Object.fromEntries(Object.keys(VALUE_FLAGS).map((flag) => [flag, { type: "string" as const }])),
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

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
  --update-semantics M  ${modeChoices("updateSemantics")}   (default ${DEFAULT_MODES.updateSemantics})
                        an update replaces the whole definition, or keeps an empty
                        description, icon_src and a false proxy_enabled as stored
  --vocabularies M      ${modeChoices("vocabularies")}   (default ${DEFAULT_MODES.vocabularies})
                        any auth type and input type accepted, or only the known ones
  --rate-limit-retry-after M  ${modeChoices("rateLimitRetryAfter")}   (default ${DEFAULT_MODES.rateLimitRetryAfter})
                        a rate-limited answer (see PUT /_emulator/rate-limit) without or
                        with a Retry-After header
  --verbose            log every request to stderr
  -h, --help           show this help
`;

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const { tokens } = parseFlags({ args: [...argv], options: FLAGS, strict: false, allowPositionals: true, tokens: true });
  const options: Record<string, unknown> = {};
  let verbose = false;
  for (const token of tokens) {
    if (token.kind !== "option") {
      throw new UsageError(`unknown argument ${JSON.stringify(token.kind === "positional" ? token.value : "--")}`);
    }
    if (token.name === "help" && !token.inlineValue) return { help: true };
    if (token.name === "verbose" && !token.inlineValue) {
      verbose = true;
      continue;
    }
    const flag = Object.hasOwn(VALUE_FLAGS, token.name) && token.rawName.startsWith("--") ? VALUE_FLAGS[token.name] : undefined;
    if (flag === undefined) throw new UsageError(`unknown argument ${JSON.stringify(token.inlineValue ? `${token.rawName}=${token.value}` : token.rawName)}`);
    // A value flag followed by another flag has no value of its own.
    if (token.value === undefined || (!token.inlineValue && token.value.startsWith("--"))) throw new UsageError(`--${token.name} needs a value`);
    const [option, read] = flag;
    options[option] = read(token.name, token.value);
  }
  return { help: false, options: options as EmulatorOptions, verbose };
}
