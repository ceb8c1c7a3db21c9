/**
 * The benchmark's own arithmetic and plumbing: argument parsing, the ideal-time formulas, the
 * request timeline, the counters mapping, the definitions it generates (valid for the provider,
 * distinct identifiers), and the curl-workflow baseline against a real emulator.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readDefinitionFiles, validateDefinitionFiles } from "pulumi-scalekit-connectors";
import { connectorNameKey } from "pulumi-scalekit-connectors/internal";
import { startEmulator, type RunningEmulator } from "scalekit-emulator";
import { parseBenchArgs } from "../../bench/lib/args";
import { baselineTransport, runBaseline } from "../../bench/lib/baseline";
import { definition, writeDefinitions } from "../../bench/lib/definitions";
import { emulatorControl } from "../../bench/lib/emulator-control";
import { idealCreateMs, idealRefreshMs, listPages } from "../../bench/lib/ideal";
import { RequestTimeline } from "../../bench/lib/timeline";

const defaults = { latencyMs: 50, sizes: [10, 100, 500], out: "out.md", fixedCost: true, fixedRuns: 3, waitIdle: true };

describe("bench arguments", () => {
  test("defaults, and each option", () => {
    expect(parseBenchArgs([], defaults)).toEqual(defaults);
    expect(parseBenchArgs(["--latency-ms", "0", "--sizes", "3, 7", "--no-out"], defaults)).toEqual({ ...defaults, latencyMs: 0, sizes: [3, 7], out: "" });
    expect(parseBenchArgs(["--out", "x.md"], defaults).out).toBe("x.md");
    expect(parseBenchArgs(["--no-fixed-cost", "--no-wait-idle"], defaults)).toEqual({ ...defaults, fixedCost: false, waitIdle: false });
    expect(parseBenchArgs(["--fixed-runs", "5"], defaults).fixedRuns).toBe(5);
  });

  test("bad values are refused with the usage", () => {
    expect(() => parseBenchArgs(["--sizes", "10,0"], defaults)).toThrow(/--sizes/);
    expect(() => parseBenchArgs(["--latency-ms", "-1"], defaults)).toThrow(/--latency-ms/);
    expect(() => parseBenchArgs(["--latency-ms"], defaults)).toThrow(/needs a value/);
    expect(() => parseBenchArgs(["--fixed-runs", "0"], defaults)).toThrow(/--fixed-runs/);
    expect(() => parseBenchArgs(["--fast"], defaults)).toThrow(/unknown argument --fast[\s\S]*usage/);
  });
});

describe("ideal times", () => {
  test("an up creating N: the token, then the creates P at a time", () => {
    expect(idealCreateMs(10, 8, 50)).toBe((1 + 2) * 50);
    expect(idealCreateMs(500, 8, 50)).toBe((1 + 63) * 50);
    expect(idealCreateMs(8, 8, 50)).toBe(2 * 50);
  });

  test("a refresh: the token, then one page per 1000 connectors in sequence", () => {
    expect(listPages(1)).toBe(1);
    expect(listPages(1000)).toBe(1);
    expect(listPages(1001)).toBe(2);
    expect(idealRefreshMs(500, 50)).toBe(100);
    expect(idealRefreshMs(2500, 50)).toBe(200);
  });
});

describe("request timeline", () => {
  test("span and requests in flight, from the emulator's log lines; controls are left out", () => {
    const timeline = new RequestTimeline();
    const realNow = Date.now;
    try {
      let now = 1_000;
      Date.now = () => now;
      now = 1_100;
      timeline.log("POST /oauth/token 200 100ms"); // 1000..1100
      now = 1_300;
      timeline.log("POST /api/v1/custom-providers 201 150ms"); // 1150..1300
      now = 1_320;
      timeline.log("POST /api/v1/custom-providers 201 200ms"); // 1120..1320
      timeline.log("GET /_emulator/counters 200 1ms");
      timeline.log("internal error on GET /x: boom");
    } finally {
      Date.now = realNow;
    }
    expect(timeline.activity()).toEqual({ requests: 3, spanMs: 320, maxInFlight: 2 });
    timeline.clear();
    expect(timeline.activity()).toEqual({ requests: 0, spanMs: 0, maxInFlight: 0 });
  });
});

describe("generated definitions", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-defs-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("are valid for the provider, one file each, with distinct names", () => {
    const written = writeDefinitions(dir, 13);
    expect(written.names).toHaveLength(13);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".json"))).toHaveLength(13);
    expect(validateDefinitionFiles(readDefinitionFiles(dir))).toEqual([]);
    const names = new Set(written.names.map((_, index) => connectorNameKey(String(definition(index).display_name))));
    expect(names.size).toBe(13);
  });

  test("cover every auth shape of the examples", () => {
    const types = new Set(Array.from({ length: 6 }, (_, index) => {
      const pattern = (definition(index).auth_patterns as { type: string; is_mcp?: boolean }[])[0]!;
      return `${pattern.type}${pattern.is_mcp ? " MCP" : ""}`;
    }));
    expect([...types].sort()).toEqual(["API_KEY", "BASIC", "BEARER", "NO_AUTH MCP", "OAUTH", "OAUTH MCP"]);
  });
});

describe("the curl-workflow baseline", () => {
  let emulator: RunningEmulator;
  let payloads: string[];
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    payloads = Array.from({ length: 5 }, (_, index) => JSON.stringify(definition(index, "Baseline Check")));
  });
  afterAll(async () => emulator.close());

  test("token, list, then one request per connector, and nothing else", async () => {
    const { send } = baselineTransport();
    const counted = async (operation: "create" | "check" | "refresh" | "update" | "destroy", updated?: string) => {
      await emulatorControl.clearCounters(emulator.url);
      await runBaseline(emulator, send, operation, payloads, updated);
      return emulatorControl.counters(emulator.url);
    };
    expect(await counted("create")).toMatchObject({ total: 7, token: 1, list: 1, create: 5 });
    expect((await emulatorControl.connectors(emulator.url)).map((p) => p.display_name)).toHaveLength(5);
    expect(await counted("check")).toMatchObject({ total: 2, token: 1, list: 1 });
    const changed = JSON.stringify({ ...(JSON.parse(payloads[0]!) as object), description: "changed" });
    expect(await counted("update", changed)).toMatchObject({ total: 3, token: 1, list: 1, update: 1 });
    expect((await emulatorControl.connectors(emulator.url))[0]!.description).toBe("changed");
    // Creating again creates nothing: the workflow skips what the list shows.
    expect(await counted("create")).toMatchObject({ total: 2, create: 0 });
    expect(await counted("destroy")).toMatchObject({ total: 7, token: 1, list: 1, remove: 5 });
    expect(await emulatorControl.connectors(emulator.url)).toEqual([]);
  });
});
