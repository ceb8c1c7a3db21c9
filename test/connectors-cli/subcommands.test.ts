/**
 * `npm run connectors -- <subcommand>`: the tool's help, its usage errors (exit code 2, naming
 * the subcommands), each subcommand reached with the arguments after its name, and the old npm
 * scripts running the same thing.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CommandError } from "../../scripts/lib/command-line";
import { usage as migrateUsage } from "../../scripts/migrate/args";
import { PullError, usage as pullUsage } from "../../scripts/pull/args";
import { usage as reviewUsage } from "../../scripts/review/args";
import { ReviewError } from "../../scripts/review/errors";
import { EXIT_USAGE, commandName, parseConnectorsArgs, runConnectors, subcommandNames, usage } from "../../scripts/connectors/subcommands";
import { repoRoot } from "../../scripts/lib/paths";

/** Runs the tool in this process, with what it writes to stdout. */
async function run(argv: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = "";
  const write = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  try {
    return { code: await runConnectors(argv), stdout };
  } finally {
    write.mockRestore();
  }
}

/** The usage error the tool gives for `argv`. */
async function usageError(argv: string[]): Promise<CommandError> {
  const error = await run(argv).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(CommandError);
  return error as CommandError;
}

const subcommandUsage = { review: reviewUsage, pull: pullUsage, migrate: migrateUsage };

describe("the tool's own help", () => {
  test.each([["--help"], ["-h"]])("%s lists every subcommand and the tool's options, exit code 0", async (flag) => {
    const result = await run([flag]);
    expect(result).toEqual({ code: 0, stdout: `${usage}\n` });
    expect(subcommandNames).toEqual(["review", "pull", "migrate"]);
    for (const name of subcommandNames) expect(result.stdout).toMatch(new RegExp(`^  ${name} +\\S`, "m"));
    expect(result.stdout).toMatch(/^  --help, -h +print this text$/m);
    expect(result.stdout).toContain("npm run review, npm run pull and npm run migrate run the same subcommands;\nthey are aliases kept for one release.");
  });
});

describe("usage errors: exit code 2, naming the subcommands", () => {
  test("an unknown subcommand", async () => {
    const error = await usageError(["revue", "--from", "dev"]);
    expect(error.exitCode).toBe(EXIT_USAGE);
    expect(error.message).toBe('there is no subcommand "revue"; the subcommands are review, pull and migrate.\nUsage: npm run connectors -- <subcommand> [options]  (--help for details)');
  });

  test("no subcommand at all", async () => {
    const error = await usageError([]);
    expect(error.exitCode).toBe(EXIT_USAGE);
    expect(error.message).toMatch(/^name a subcommand: review, pull or migrate\.\n/);
  });

  test("a subcommand's option before the subcommand", async () => {
    const error = await usageError(["--json", "review"]);
    expect(error.exitCode).toBe(EXIT_USAGE);
    expect(error.message).toMatch(/^"--json" comes before a subcommand; name the subcommand first \(review, pull or migrate\) and put its options after it, e.g. npm run connectors -- review --json\.\n/);
  });

  test("the subcommand's name is matched exactly: a prototype key is no subcommand", async () => {
    expect((await usageError(["toString"])).message).toMatch(/^there is no subcommand "toString"/);
  });
});

describe("each subcommand is reached with the arguments after its name", () => {
  test.each(subcommandNames)("%s --help prints the subcommand's own help, which names the old npm script as an alias", async (name) => {
    expect(await run([name, "--help"])).toEqual({ code: 0, stdout: `${subcommandUsage[name]}\n` });
    expect(subcommandUsage[name]).toMatch(new RegExp(`^Usage: npm run connectors -- ${name} `));
    expect(subcommandUsage[name]).toContain(`npm run ${name} -- [options] runs the same command: an alias kept for one\nrelease`);
  });

  test("review: its own parser refuses what it does not know", async () => {
    const error = await usageError(["review", "--from", "dev", "--colour"]);
    expect(error).toBeInstanceOf(ReviewError);
    expect(error.message).toMatch(/^unknown argument "--colour"/);
  });

  test("pull: a flag left without a value is the pull's usage error", async () => {
    const error = await usageError(["pull", "--stack"]);
    expect(error).toBeInstanceOf(PullError);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^--stack needs a value\nUsage: npm run connectors -- pull /);
  });

  test("migrate: the subcommand's name is not passed on as an argument", async () => {
    expect(parseConnectorsArgs(["migrate", "--stack", "dev", "migrate"])).toEqual({ kind: "subcommand", name: "migrate", argv: ["--stack", "dev", "migrate"] });
    const error = await usageError(["migrate"]);
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^--stack is required, e.g. npm run connectors -- migrate --stack dev\.\n/);
  });

  test("messages start with the subcommand's name, as they did before the tool", () => {
    expect(subcommandNames.map((name) => commandName([name, "--x"]))).toEqual(["review", "pull", "migrate"]);
    expect(commandName(["revue"])).toBe("connectors");
    expect(commandName([])).toBe("connectors");
  });
});

describe("the npm scripts", () => {
  const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).scripts;

  test.each(subcommandNames)("npm run %s is an alias of the connectors subcommand of the same name", (name) => {
    expect(scripts[name]).toBe(`${scripts.connectors} ${name}`);
  });

  test("the process: an unknown subcommand exits 2 with the message on stderr, nothing on stdout", () => {
    const [node, ...args] = scripts.connectors.split(" ");
    expect(node).toBe("node");
    const result = spawnSync(process.execPath, [...args, "nope"], { cwd: repoRoot, encoding: "utf8", env: { ...process.env, TS_NODE_PROJECT: path.join(repoRoot, "tsconfig.json") } });
    expect({ code: result.status, stdout: result.stdout }).toEqual({ code: 2, stdout: "" });
    expect(result.stderr).toMatch(/^connectors: there is no subcommand "nope"; the subcommands are review, pull and migrate\.\n/);
  });
});
