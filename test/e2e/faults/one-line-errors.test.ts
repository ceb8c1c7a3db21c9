/**
 * An operational failure reads in one line per resource, through the real Pulumi CLI in both
 * doors. A stack of 7 connectors is refreshed while Scalekit's listing is answered with an HTML
 * maintenance page, and again with a client secret Scalekit refuses (401): the refresh fails, and
 * its output holds at most one error line per connector besides Pulumi's own summary, no
 * JavaScript stack frame, no line saying the same message twice, and never the secret. With
 * SCALEKIT_DEBUG=1 the stack trace follows the message, once per connector.
 */
import * as fs from "fs";
import * as path from "path";
import { ROUTES } from "scalekit-emulator";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { runPulumi, runPulumiOk, type PulumiRunResult } from "../../../scripts/lib/pulumi-process";
import { newProject, type Project } from "../../support/fault-harness";

jest.setTimeout(10 * 60 * 1000);

const n = 7;

/** A client secret the emulator does not know: every token request is refused with 401. */
const wrongSecret = "one-line-wrong-secret-8f3a";

/** The lines of a command's output that are not blank. */
function linesOf(result: PulumiRunResult): string[] {
  return result.output.split(/\r?\n/).filter((line) => line.trim() !== "");
}

/** The Diagnostics section: each heading (`  type (name):`) with the non-blank lines under it. */
function diagnostics(result: PulumiRunResult): Map<string, string[]> {
  const lines = result.output.split(/\r?\n/);
  const start = lines.indexOf("Diagnostics:");
  expect(start).toBeGreaterThan(-1);
  const blocks = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break; // the next section (Outputs:, Resources:)
    const heading = /^ {2}\S.*\((.+)\):$/.exec(line);
    if (heading) {
      current = [];
      blocks.set(heading[1]!, current);
    } else if (line.trim() !== "") {
      current?.push(line.trim());
    }
  }
  return blocks;
}

/** How often `needle` occurs in `line`. */
function occurrences(line: string, needle: string): number {
  return line.split(needle).length - 1;
}

describe.each(["dynamic", "plugin"] as const)("door %s", (door) => {
  let watched: WatchedEmulator;
  let project: Project;
  /** Non-blank lines of a refresh that succeeds, on the same stack. */
  let cleanLines: number;
  /** A folder of the project's for the CLI's own log files. */
  function logDir(): string {
    const dir = path.join(project.dir, "cli-logs");
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }
  const connectorNames = Array.from({ length: n }, (_, index) => `oneline-${door}-${String(index + 1).padStart(4, "0")}`);

  function refresh(env: NodeJS.ProcessEnv = {}, flags: string[] = []): Promise<PulumiRunResult> {
    return runPulumi(project.session, ["refresh", "--yes", "--skip-preview", "--stack", "dev", ...flags], { env });
  }

  /**
   * The refresh failed, and reads in one line per connector: under Diagnostics each connector has
   * exactly one line, `error: ` followed by the message, and the stack only Pulumi's own
   * `error: update failed`. No line anywhere holds a stack frame or the message twice, and the
   * message appears only in lines about a connector: Pulumi's two progress lines and its
   * Diagnostics line. Returns the message.
   */
  function expectOneLinePerConnector(result: PulumiRunResult, expected: RegExp): string {
    expect(result.code).not.toBe(0);
    const blocks = diagnostics(result);
    const stackBlock = [...blocks.entries()].find(([name]) => name.startsWith("scalekit-connectors-"));
    expect(stackBlock?.[1]).toEqual(["error: update failed"]);
    const connectorBlocks = connectorNames.map((name) => blocks.get(name));
    for (const block of connectorBlocks) expect(block).toEqual([expect.stringMatching(/^error: /)]);
    const message = connectorBlocks[0]![0]!.slice("error: ".length);
    expect(message).toMatch(expected);
    for (const block of connectorBlocks) expect(block![0]).toBe(`error: ${message}`);

    const lines = linesOf(result);
    expect(lines.filter((line) => line.includes("    at "))).toEqual([]);
    const needle = message.slice(0, 80);
    expect(lines.filter((line) => occurrences(line, needle) > 1)).toEqual([]);
    const carrying = lines.filter((line) => line.includes(needle));
    expect(carrying.filter((line) => line !== `    error: ${message}` && !connectorNames.some((name) => line.includes(` ${name} `)))).toEqual([]);
    expect(carrying.length).toBeLessThanOrEqual(3 * n);
    // Against a refresh that succeeds, each connector adds Pulumi's two progress lines with the
    // error, and its Diagnostics heading and line; the stack adds Pulumi's failure lines.
    expect(lines.length).toBeLessThanOrEqual(cleanLines + 4 * n + 8);
    expect(result.output).not.toContain(wrongSecret);
    return message;
  }

  beforeAll(async () => {
    watched = await startWatchedEmulator({ seed: 20261205 });
    project = await newProject(watched, n, `oneline-${door}`);
    if (door === "plugin") await runPulumiOk(project.session, ["config", "set", "door", "plugin", "--stack", "dev"]);
    await runPulumiOk(project.session, ["up", "--yes", "--skip-preview", "--stack", "dev"]);
    cleanLines = linesOf(await runPulumiOk(project.session, ["refresh", "--yes", "--skip-preview", "--stack", "dev"])).length;
  });

  afterEach(async () => {
    await emulatorControl.clearFaults(watched.url);
  });

  afterAll(async () => {
    await watched?.close();
    project?.cleanup();
  });

  test("a listing answered with a maintenance page: one line per connector, the page's words quoted", async () => {
    await emulatorControl.setFaults(watched.url, { rules: [{ route: ROUTES.listProviders, htmlPageRate: 1 }] });
    const message = expectOneLinePerConnector(
      await refresh(),
      /^Listing Scalekit connectors failed: Scalekit answered 200 with content type text\/html.*a body that is not JSON: ".*Down for maintenance.*Check that the environment URL is Scalekit's API, then run the command again\.$/,
    );
    expect(message).not.toContain("UnreadableAnswerError");
  });

  test("a client secret Scalekit refuses (401): one line per connector, what to check, no secret", async () => {
    expectOneLinePerConnector(
      await refresh({ SCALEKIT_CLIENT_SECRET: wrongSecret }),
      /^Getting a Scalekit access token failed: Scalekit answered 401 Unauthenticated: .+ Check scalekit:clientId and scalekit:clientSecret/,
    );
  });

  // Pulumi's own verbosity reaches the providers it starts only with --logflow; the CLI's log files then go to TMPDIR.
  test.each(["SCALEKIT_DEBUG=1", "pulumi --logflow -v=1"])("%s: the stack trace follows the message, once per connector", async (debugSwitch) => {
    await emulatorControl.setFaults(watched.url, { rules: [{ route: ROUTES.listProviders, htmlPageRate: 1 }] });
    const result = debugSwitch === "SCALEKIT_DEBUG=1" ? await refresh({ SCALEKIT_DEBUG: "1" }) : await refresh({ TMPDIR: logDir() }, ["--logflow", "-v=1"]);
    expect(result.code).not.toBe(0);
    const blocks = diagnostics(result);
    for (const name of connectorNames) {
      const block = blocks.get(name) ?? [];
      expect(block[0]).toMatch(/^error: Listing Scalekit connectors failed: .*Down for maintenance/);
      expect(block.slice(1).length).toBeGreaterThan(0);
      expect(block.slice(1).every((line) => line.startsWith("at "))).toBe(true);
    }
    const needle = blocks.get(connectorNames[0]!)![0]!.slice("error: ".length, 80);
    expect(linesOf(result).filter((line) => occurrences(line, needle) > 1)).toEqual([]);
  });
});
