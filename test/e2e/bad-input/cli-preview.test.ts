/**
 * The bad-definition corpus through the real Pulumi CLI. One `pulumi preview` carries every
 * corpus file (the root program validates all files before registering anything and reports
 * one line per problem), and each file's line is asserted on its own: file, property, rule.
 * Then `pulumi up` over the repository's valid definitions plus one bad file: nothing at all
 * reaches Scalekit. The emulator's counters prove that no request was sent.
 */
import * as fs from "fs";
import * as path from "path";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { connectorsDir } from "../../../scripts/lib/paths";
import { runPulumi, type PulumiRunResult } from "../../../scripts/lib/pulumi-process";
import { corpusDir, literal, loadExpectations } from "../../support/bad-input-corpus";
import { openWorkProject, type WorkProject } from "../../support/work-project";

jest.setTimeout(5 * 60 * 1000);

let emulator: WatchedEmulator;
const projects: WorkProject[] = [];

/** A working copy of the root program over the definitions of `connectorsFrom`, with stack dev. */
async function project(connectorsFrom: string): Promise<WorkProject> {
  const opened = await openWorkProject({ label: "bad-input", connectorsFrom, credentials: emulator.credentials, stacks: ["dev"] });
  projects.push(opened);
  return opened;
}

/** The program's problem lines, as the CLI printed them (leading blanks and `error: ` removed). */
function problemLines(result: PulumiRunResult): string[] {
  return result.output
    .split("\n")
    .map((line) => line.trim().replace(/^error: /, ""))
    .filter((line) => line.startsWith("connectors/"));
}

beforeAll(async () => {
  emulator = await startWatchedEmulator();
});

afterAll(async () => {
  await emulator?.close();
  for (const opened of projects) opened.cleanup();
});

describe("pulumi preview over the whole corpus", () => {
  const expectations = loadExpectations();
  let result: PulumiRunResult;
  let lines: string[];

  beforeAll(async () => {
    const corpus = await project(corpusDir);
    await emulatorControl.clearCounters(emulator.url);
    result = await runPulumi(corpus.session, ["preview", "--stack", "dev"]);
    lines = problemLines(result);
  });

  test("fails, and Scalekit receives no request at all", async () => {
    expect(result.code).not.toBe(0);
    const calls = await emulatorControl.counters(emulator.url);
    expect(calls).toMatchObject({ total: 0, writes: 0 });
  });

  test.each(expectations)("$file: the preview names the file, $property and the rule", ({ file, property, rule }) => {
    const prefix = `connectors/${file}: ${property}: `;
    const rules = lines.filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
    expect({ file, found: rules.some((text) => rule.test(text)), rules }).toEqual({ file, found: true, rules });
  });

  test("no corpus file slips through without a line of its own", () => {
    const named = new Set(lines.map((line) => /^connectors\/([^:]+): /.exec(line)?.[1]));
    const missing = expectations.map((e) => e.file).filter((file) => !named.has(file));
    expect(missing).toEqual([]);
  });
});

test("pulumi up with valid definitions and one bad file creates nothing", async () => {
  const mixed = await project(connectorsDir);
  fs.copyFileSync(path.join(corpusDir, "mcp-oauth-with-scopes.json"), path.join(mixed.dir, "connectors", "zz-broken.json"));
  await emulatorControl.clearCounters(emulator.url);

  const result = await runPulumi(mixed.session, ["up", "--yes", "--stack", "dev"]);

  expect(result.code).not.toBe(0);
  expect(result.output).toMatch(new RegExp(`connectors/zz-broken\\.json: ${literal("auth_patterns[0].oauth_config")}: .*pkce`, "i"));
  expect(await emulatorControl.counters(emulator.url)).toMatchObject({ total: 0, writes: 0 });
  expect(await emulatorControl.connectors(emulator.url)).toEqual([]);
});
