/**
 * The bad-definition corpus through the real Pulumi CLI. One `pulumi preview` carries every
 * corpus file (the root program validates all files before registering anything and reports
 * one line per problem), and each file's line is asserted on its own: file, property, rule.
 * Then `pulumi up` over the repository's valid definitions plus one bad file: nothing at all
 * reaches Scalekit. The emulator's counters prove that no request was sent.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "scalekit-emulator";
import { emulatorControl } from "../../../bench/lib/emulator-control";
import { credentialsEnv } from "../../../scripts/lib/credentials";
import { repoRoot } from "../../../scripts/lib/paths";
import { prepareProjectCopy } from "../../../scripts/lib/project-copy";
import { runPulumi, runPulumiOk, type PulumiRunResult, type PulumiSession } from "../../../scripts/lib/pulumi-process";
import { corpusDir, literal, loadExpectations } from "../../support/bad-input-corpus";

jest.setTimeout(5 * 60 * 1000);

let tmp: string;
let emulator: RunningEmulator;

async function session(name: string, connectorsFrom: string): Promise<PulumiSession> {
  const dir = path.join(tmp, name);
  const backendDir = path.join(dir, "backend");
  fs.mkdirSync(backendDir, { recursive: true });
  const created: PulumiSession = {
    cwd: prepareProjectCopy(path.join(dir, "project"), { connectorsFrom }),
    backendDir,
    passphrase: "bad-input-local-only",
    env: { ...credentialsEnv(emulator.credentials), PULUMI_HOME: path.join(tmp, "pulumi-home") },
  };
  await runPulumiOk(created, ["stack", "init", "dev"]);
  return created;
}

/** The program's problem lines, as the CLI printed them (leading blanks and `error: ` removed). */
function problemLines(result: PulumiRunResult): string[] {
  return result.output
    .split("\n")
    .map((line) => line.trim().replace(/^error: /, ""))
    .filter((line) => line.startsWith("connectors/"));
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bad-input-"));
  emulator = await startEmulator({ port: 0 });
});

afterAll(async () => {
  await emulator?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("pulumi preview over the whole corpus", () => {
  const expectations = loadExpectations();
  let result: PulumiRunResult;
  let lines: string[];

  beforeAll(async () => {
    const corpus = await session("corpus", corpusDir);
    await emulatorControl.clearCounters(emulator.url);
    result = await runPulumi(corpus, ["preview", "--stack", "dev"]);
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
  const mixedDir = path.join(tmp, "mixed-definitions");
  fs.cpSync(path.join(repoRoot, "connectors"), mixedDir, { recursive: true });
  fs.copyFileSync(path.join(corpusDir, "mcp-oauth-with-scopes.json"), path.join(mixedDir, "zz-broken.json"));
  const mixed = await session("mixed", mixedDir);
  await emulatorControl.clearCounters(emulator.url);

  const result = await runPulumi(mixed, ["up", "--yes", "--stack", "dev"]);

  expect(result.code).not.toBe(0);
  expect(result.output).toMatch(new RegExp(`connectors/zz-broken\\.json: ${literal("auth_patterns[0].oauth_config")}: .*pkce`, "i"));
  expect(await emulatorControl.counters(emulator.url)).toMatchObject({ total: 0, writes: 0 });
  expect(await emulatorControl.connectors(emulator.url)).toEqual([]);
});
