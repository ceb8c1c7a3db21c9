/** The tools' command lines: node:util's parseArgs, refused in one form whatever the tool. */
import { CommandLineError, parseCommandLine } from "../../scripts/lib/command-line";

const flags = { stack: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } } as const;

function refusal(argv: string[]): CommandLineError {
  try {
    parseCommandLine(argv, flags);
  } catch (err) {
    if (err instanceof CommandLineError) return err;
    throw err;
  }
  throw new Error(`${JSON.stringify(argv)} was accepted`);
}

test("values in both spellings, switches, the one-letter alias; the last of a repeated flag wins", () => {
  expect(parseCommandLine(["--stack", "dev", "--json"], flags)).toEqual({ stack: "dev", json: true });
  expect(parseCommandLine(["--stack=prod", "-h"], flags)).toEqual({ stack: "prod", help: true });
  expect(parseCommandLine(["--stack", "a", "--stack", "b"], flags)).toEqual({ stack: "b" });
  expect(parseCommandLine([], flags)).toEqual({});
});

test.each([
  [["--colour"], "unknown-argument", 'unknown argument "--colour"'],
  [["-x"], "unknown-argument", 'unknown argument "-x"'],
  [["extra"], "unknown-argument", 'unknown argument "extra"'],
  [["--", "--stack"], "unknown-argument", 'unknown argument "--"'],
  [["--json=yes"], "unknown-argument", 'unknown argument "--json=yes"'],
  [["--stack"], "missing-value", "--stack needs a value"],
  [["--stack", "--json"], "missing-value", "--stack needs a value"],
])("%j is refused: %s", (argv, kind, message) => {
  const error = refusal(argv);
  expect({ kind: error.kind, message: error.message }).toEqual({ kind, message });
});
