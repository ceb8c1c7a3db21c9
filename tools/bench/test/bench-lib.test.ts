/**
 * The benchmark's own arithmetic and plumbing: argument parsing, the ideal-time formulas, what
 * each whole-command mode is made of (its environment, its commands, the type-checked project
 * variant) and the curl-workflow baseline against a real emulator.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { emulatorControl } from "../../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../../scripts/lib/emulators";
import { definition } from "../../../scripts/lib/generated-definitions";
import { repoRoot } from "../../../scripts/lib/paths";
import { EXIT_USAGE, parseBenchArgs } from "../lib/args";
import { baselineTransport, runBaseline } from "../lib/baseline";
import { assertDoor, cliOperations, connectorResources, modeConfig, modeEnv, modeOperations, pluginConnectorType, typeCheckEveryRun, withoutTranspileOnlyTsconfig } from "../lib/cli-bench";
import { pluginExecutable, timePluginStart } from "../lib/fixed-cost";
import type { StateResource } from "../lib/state-parts";
import { idealCreateMs, idealRefreshMs, listPages } from "../lib/ideal";

const defaults = { latencyMs: 50, sizes: [10, 100, 500], out: "out.md", fixedCost: true, fixedRuns: 3, waitIdle: true, previousPair: true };

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
    expect(() => parseBenchArgs(["--fast"], defaults)).toThrow(/unknown argument "--fast"[\s\S]*usage/);
    const refusal = (() => {
      try {
        parseBenchArgs(["--fast"], defaults);
      } catch (err) {
        return err as { exitCode?: number };
      }
      return undefined;
    })();
    expect(refusal?.exitCode).toBe(EXIT_USAGE);
  });

  test("--help asks for the usage", () => {
    expect(parseBenchArgs(["--help"], defaults)).toMatchObject({ help: true });
    expect(parseBenchArgs(["-h"], defaults)).toMatchObject({ help: true });
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

describe("whole-command modes", () => {
  test("only bulk mode sets a switch; the calling shell's transpile-only and checkpoint switches are never passed on", () => {
    expect(modeEnv("bulk")).toEqual({ PULUMI_SKIP_CHECKPOINTS: "true", PULUMI_NODEJS_TRANSPILE_ONLY: undefined });
    for (const mode of ["default", "typecheck", "plugin"] as const) {
      expect(modeEnv(mode)).toEqual({ PULUMI_SKIP_CHECKPOINTS: undefined, PULUMI_NODEJS_TRANSPILE_ONLY: undefined });
      // Keys present with undefined: they override what a spread of process.env brings.
      expect(Object.keys(modeEnv(mode)).sort()).toEqual(["PULUMI_NODEJS_TRANSPILE_ONLY", "PULUMI_SKIP_CHECKPOINTS"]);
    }
  });

  test("the typecheck mode runs only the commands that run the program", () => {
    expect(modeOperations("default")).toEqual(cliOperations);
    expect(modeOperations("bulk")).toEqual(cliOperations);
    expect(modeOperations("typecheck")).toEqual(["up", "preview", "update"]);
    expect(modeOperations("plugin")).toEqual(cliOperations);
  });

  test("only the plugin mode sets stack config: the root program's door", () => {
    expect(modeConfig("plugin")).toEqual([["door", "plugin"]]);
    for (const mode of ["default", "bulk", "typecheck"] as const) expect(modeConfig(mode)).toEqual([]);
    // The root program reads that key and value.
    const program = fs.readFileSync(path.join(repoRoot, "index.ts"), "utf8");
    expect(program).toContain('config.get("door")');
    expect(program).toContain('door === "plugin"');
  });

  test("connectors are found in an export through either door, and a stack of the wrong door stops the bench", () => {
    const entry = (id: string, type: string, withShim: boolean): StateResource => ({
      urn: `urn:${id}`,
      id,
      type,
      inputs: withShim ? { __provider: "P", scalekitPayload: {} } : { scalekitPayload: {} },
      outputs: {},
    });
    const dynamic = entry("a", "pulumi-nodejs:dynamic:Resource", true);
    const plugin = entry("b", pluginConnectorType, false);
    const others = [entry("s", "pulumi:pulumi:Stack", false), entry("p", "pulumi:providers:scalekit", false)];
    expect(connectorResources({ deployment: { resources: [...others, dynamic, plugin] } }).map((r) => r.id)).toEqual(["a", "b"]);
    expect(connectorResources({ deployment: {} })).toEqual([]);
    expect(() => assertDoor([plugin, { ...plugin, id: "c" }], 2, "plugin")).not.toThrow();
    expect(() => assertDoor([dynamic], 1, "default")).not.toThrow();
    expect(() => assertDoor([dynamic, plugin], 2, "plugin")).toThrow("plugin mode, N=2: the stack holds 1 connectors of the resource plugin and 1 of the dynamic provider, 2 and 0 expected");
    expect(() => assertDoor([plugin], 1, "bulk")).toThrow(/0 and 1 expected/);
    expect(() => assertDoor([plugin], 2, "plugin")).toThrow(/1 connectors of the resource plugin and 0 .*, 2 and 0 expected/);
  });

  test("type-checked variant: Pulumi.yaml loses its tsconfig line and nothing else", () => {
    const yaml = [
      "name: p",
      "runtime:",
      "  name: nodejs",
      "  options:",
      "    typescript: true",
      "    tsconfig: tsconfig.pulumi.json",
      "config:",
      "  protect:",
      "    type: boolean",
      "",
    ].join("\n");
    expect(withoutTranspileOnlyTsconfig(yaml)).toBe(yaml.replace("    tsconfig: tsconfig.pulumi.json\n", ""));
    expect(withoutTranspileOnlyTsconfig(yaml.replace("tsconfig.pulumi.json", '"tsconfig.pulumi.json"  # noCheck'))).toBe(yaml.replace("    tsconfig: tsconfig.pulumi.json\n", ""));
    expect(withoutTranspileOnlyTsconfig("runtime:\n  options:\n    tsconfig: tsconfig.pulumi.json")).toBe("runtime:\n  options:\n");
  });

  test("type-checked variant: refused loudly when Pulumi.yaml does not name tsconfig.pulumi.json", () => {
    expect(() => withoutTranspileOnlyTsconfig("runtime:\n  name: nodejs\n  options:\n    typescript: true\n")).toThrow(
      "Pulumi.yaml no longer says `tsconfig: tsconfig.pulumi.json` under runtime.options; the bench's type-checked variant needs updating",
    );
    expect(() => withoutTranspileOnlyTsconfig("    tsconfig: tsconfig.json\n")).toThrow(/needs updating/);
  });

  test("type-checked variant of the project's own Pulumi.yaml, in a copy", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-typecheck-"));
    try {
      const shipped = fs.readFileSync(path.join(repoRoot, "Pulumi.yaml"), "utf8");
      fs.writeFileSync(path.join(dir, "Pulumi.yaml"), shipped);
      typeCheckEveryRun(dir);
      const copy = fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8");
      expect(copy).not.toMatch(/^\s*tsconfig:/m);
      expect(copy).toMatch(/^\s*typescript: true/m);
      expect(shipped.split("\n").filter((line) => !/^\s*tsconfig:/.test(line))).toEqual(copy.split("\n"));
      // The repository's own file is left as it is.
      expect(fs.readFileSync(path.join(repoRoot, "Pulumi.yaml"), "utf8")).toBe(shipped);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the plugin's own start", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-plugin-start-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const script = (name: string, body: string): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return file;
  };

  test("timed until the executable prints its port, not until it ends", async () => {
    // Prints its port, then would serve for a minute: the time is to the port line, not to its end.
    const plugin = script("prints-port", "echo 41234\nexec sleep 60");
    const ms = await timePluginStart(plugin);
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(30_000);
  });

  test("an executable that ends without a port is an error with what it said", async () => {
    await expect(timePluginStart(script("fails", "echo 'cannot load zod' >&2\nexit 3"))).rejects.toThrow(/ended \(3\) before printing its port:\ncannot load zod/);
    await expect(timePluginStart(script("says-other", "echo listening\nexit 0"))).rejects.toThrow(/before printing its port/);
  });

  test("the executable measured is the one Pulumi.yaml's plugins.providers names, in the installed package", () => {
    const yaml = fs.readFileSync(path.join(repoRoot, "Pulumi.yaml"), "utf8");
    expect(yaml).toMatch(/path: node_modules\/pulumi-scalekit-connectors\/bin/);
    expect(fs.realpathSync(path.join(repoRoot, "node_modules", "pulumi-scalekit-connectors", "bin", "pulumi-resource-scalekit"))).toBe(fs.realpathSync(pluginExecutable));
  });
});

describe("the curl-workflow baseline", () => {
  let emulator: WatchedEmulator;
  let payloads: string[];
  beforeAll(async () => {
    emulator = await startWatchedEmulator();
    payloads = Array.from({ length: 5 }, (_, index) => JSON.stringify(definition(index, "Baseline Check")));
  });
  afterAll(async () => emulator.close());

  test("token, list, then one request per connector, and nothing else", async () => {
    const { send } = baselineTransport();
    const counted = async (operation: "create" | "check" | "refresh" | "update" | "destroy", updated?: string) => {
      await emulatorControl.clearCounters(emulator.url);
      await runBaseline(emulator.credentials, send, operation, payloads, updated);
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
