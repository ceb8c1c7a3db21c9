import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_MODES, EMULATOR_DEFAULTS } from "scalekit-emulator";

const CLI = require.resolve("scalekit-emulator/dist/cli.js");

interface Started {
  child: ChildProcess;
  readyLine: string;
  fields: Record<string, string>;
  exited: Promise<number | null>;
}

/** Spawns the CLI and waits for its ready line. */
function startCli(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf("\n");
      if (newline === -1) return;
      const readyLine = stdout.slice(0, newline);
      const fields = Object.fromEntries(
        readyLine.split(" ").filter((part) => part.includes("=")).map((part) => part.split("=", 2) as [string, string]),
      );
      resolve({ child, readyLine, fields, exited });
    });
    void exited.then((code) => reject(new Error(`the CLI exited with ${code} before it was ready: ${stderr}`)));
  });
}

describe("the scalekit-emulator command", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "emulator-cli-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test("prints one ready line, serves the API, and exits 0 on SIGTERM after writing its state", async () => {
    const statePath = join(dir, "state.json");
    const started = await startCli(["--port", "0", "--client-id", "cli_client", "--client-secret=cli-secret", "--state", statePath]);
    try {
      expect(started.readyLine).toMatch(/^Scalekit emulator ready url=http:\/\/127\.0\.0\.1:\d+ client_id=cli_client client_secret=cli-secret$/);
      const { url, client_id, client_secret } = started.fields as Record<string, string>;

      const tokenAnswer = await fetch(`${url}/oauth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: client_id!, client_secret: client_secret! }).toString(),
      });
      expect(tokenAnswer.status).toBe(200);
      const { access_token } = (await tokenAnswer.json()) as { access_token: string };
      const created = await fetch(`${url}/api/v1/custom-providers`, {
        method: "POST",
        headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
        body: JSON.stringify({ display_name: "From CLI", proxy_url: "https://cli.example.com", auth_patterns: [{ type: "NO_AUTH", is_mcp: true }] }),
      });
      expect(created.status).toBe(201);
    } finally {
      started.child.kill("SIGTERM");
    }
    expect(await started.exited).toBe(0);
    const state = JSON.parse(readFileSync(statePath, "utf8"));
    expect(state.providers.map((p: { display_name: string }) => p.display_name)).toEqual(["From CLI"]);
  });

  test("uses the documented defaults and stops on SIGINT with exit 0", async () => {
    const started = await startCli(["--port", "0"]);
    started.child.kill("SIGINT");
    expect(await started.exited).toBe(0);
    expect(started.fields.client_id).toBe(EMULATOR_DEFAULTS.clientId);
    expect(started.fields.client_secret).toBe(EMULATOR_DEFAULTS.clientSecret);
    expect(started.fields.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test("--help documents the flags and their defaults", () => {
    const result = spawnSync(process.execPath, [CLI, "--help"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    const flags = ["--port", "--host", "--client-id", "--client-secret", "--token-ttl", "--state", "--seed", "--max-page-size"];
    for (const flag of [...flags, "--identifier-style", "--duplicate-names", "--delete-in-use", "--update-semantics", "--vocabularies"]) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain(EMULATOR_DEFAULTS.clientSecret);
    expect(result.stdout).toMatch(/--token-ttl SECONDS .*\(default 86399\)/);
    expect(result.stdout).toMatch(/--max-page-size N .*\(default 1000\)/);
    expect(result.stdout).toMatch(/--identifier-style .*lowercase \| suffixed \| opaque .*\(default lowercase\)/);
    expect(result.stdout).toMatch(/--duplicate-names .*conflict \| accept .*\(default conflict\)/);
    expect(result.stdout).toMatch(/--delete-in-use .*permission-denied \| failed-precondition .*\(default permission-denied\)/);
    expect(result.stdout).toMatch(/--update-semantics .*replace \| partial .*\(default replace\)/);
    expect(result.stdout).toMatch(/--vocabularies .*lenient \| strict .*\(default lenient\)/);
  });

  test("the mode flags set the modes the emulator starts with", async () => {
    const started = await startCli([
      "--port",
      "0",
      "--identifier-style",
      "opaque",
      "--duplicate-names=accept",
      "--delete-in-use",
      "failed-precondition",
      "--update-semantics",
      "partial",
      "--vocabularies=strict",
      "--rate-limit-retry-after",
      "seconds",
    ]);
    try {
      const modes = await (await fetch(`${started.fields.url}/_emulator/modes`)).json();
      expect(modes).toEqual({
        identifierStyle: "opaque",
        duplicateNames: "accept",
        deleteInUse: "failed-precondition",
        updateSemantics: "partial",
        vocabularies: "strict",
        rateLimitRetryAfter: "seconds",
      });
    } finally {
      started.child.kill("SIGTERM");
    }
    expect(await started.exited).toBe(0);
  });

  test("without mode flags the modes are the defaults", async () => {
    const started = await startCli(["--port", "0"]);
    try {
      expect(await (await fetch(`${started.fields.url}/_emulator/modes`)).json()).toEqual(DEFAULT_MODES);
    } finally {
      started.child.kill("SIGTERM");
    }
    expect(await started.exited).toBe(0);
  });

  test("--seed makes generated identifiers the same from run to run", async () => {
    const identifiersOfRun = async (): Promise<string[]> => {
      const started = await startCli(["--port", "0", "--seed", "1234", "--identifier-style", "suffixed"]);
      try {
        const { url, client_id, client_secret } = started.fields as Record<string, string>;
        const tokenAnswer = await fetch(`${url}/oauth/token`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ grant_type: "client_credentials", client_id: client_id!, client_secret: client_secret! }).toString(),
        });
        const { access_token } = (await tokenAnswer.json()) as { access_token: string };
        const identifiers: string[] = [];
        for (const name of ["One", "Two", "Three"]) {
          const created = await fetch(`${url}/api/v1/custom-providers`, {
            method: "POST",
            headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
            body: JSON.stringify({ display_name: name, proxy_url: "https://seeded.example.com", auth_patterns: [] }),
          });
          identifiers.push(((await created.json()) as { provider: { identifier: string } }).provider.identifier);
        }
        return identifiers;
      } finally {
        started.child.kill("SIGTERM");
        await started.exited;
      }
    };
    const first = await identifiersOfRun();
    expect(first).toEqual([expect.stringMatching(/^ONE:\d{5}$/), expect.stringMatching(/^TWO:\d{5}$/), expect.stringMatching(/^THREE:\d{5}$/)]);
    expect(await identifiersOfRun()).toEqual(first);
  });

  test.each<[string[], RegExp]>([
    [["--nope"], /unknown argument "--nope"/],
    [["--port", "eighty"], /--port must be a whole number from 0 to 65535, got "eighty"/],
    [["--port", "70000"], /--port must be a whole number/],
    [["--token-ttl", "0"], /--token-ttl must be a whole number from 1/],
    [["--update-semantics", "merge"], /--update-semantics must be "replace" or "partial", got "merge"/],
    [["--vocabularies", "loose"], /--vocabularies must be "lenient" or "strict", got "loose"/],
    [["--state"], /--state needs a value/],
    [["--identifier-style", "uuid"], /--identifier-style must be "lowercase", "suffixed" or "opaque", got "uuid"/],
    [["--duplicate-names=merge"], /--duplicate-names must be "conflict" or "accept", got "merge"/],
    [["--delete-in-use", "403"], /--delete-in-use must be "permission-denied" or "failed-precondition", got "403"/],
  ])("bad flags %j exit 2 with a clear message", (args, message) => {
    const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8" });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain("--help");
  });
});
