/**
 * Pulumi's floor in the bench: the do-nothing provider's answers, the floor's programs and
 * project, its plugin transpiled and started as the engine starts it, and what the report makes
 * of the floor (its columns in the whole-command table, each door's ratio, issue 27's targets
 * met or missed by how much), from made-up measurements.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { customConnectorInputs, customConnectorOutputs } from "pulumi-scalekit-connectors/plugin";
import type { CallCounts } from "../../../scripts/lib/emulator-control";
import type { CliMode, CliOperation, Measured } from "../lib/cli-bench";
import { fixedPrograms, fixedRuntimes, type FixedCostResult } from "../lib/fixed-cost";
import type { FloorResult } from "../lib/floor";
import { floorCells, floorHeaders, floorTargetVerdicts } from "../lib/floor-report";
import { floorDynamicProvider } from "../lib/floor/dynamic-runtime";
import { canonicalJson, check, create, declared, diff, read, update } from "../lib/floor/noop-provider";
import { connectorInputProperties, dynamicFloorProgram, pluginFloorProgram, withFloorPlugin, writeFloorLib } from "../lib/floor/programs";
import { identityOutputs } from "../lib/floor/noop-provider";
import { floorPluginVersion } from "../lib/floor/plugin-server";
import { renderReport, type BenchReport, type SizeResult } from "../lib/report";
import { benchReport } from "./support/bench-report";
import { PluginDriver, startPluginProcess } from "../../../test/support/plugin-driver";

const payload = { display_name: "Acme CRM", description: "CRM", auth_patterns: [{ type: "OAUTH", is_mcp: true }], proxy_url: "https://api.acme.example" };

describe("the do-nothing provider", () => {
  test("check keeps the declaration as declared: no identifiers, nothing undefined, adopt only when true", () => {
    expect(check({ scalekitPayload: payload, adopt: false, identifier: undefined, isCustomMcp: undefined })).toEqual({ scalekitPayload: payload });
    expect(check({ scalekitPayload: payload, adopt: true })).toEqual({ scalekitPayload: payload, adopt: true });
  });

  test("create answers the declaration with Scalekit's identifiers beside it, and read gives back what is stored", () => {
    const { id, outs } = create({ scalekitPayload: payload });
    expect(id).toBe("acmecrm");
    expect(outs).toEqual({ scalekitPayload: payload, identifier: "acmecrm", scalekitId: expect.stringMatching(/^prv_[0-9a-f]{24}$/), isCustomMcp: true });
    expect(read(id, outs)).toEqual({ id, props: outs, inputs: { scalekitPayload: payload } });
  });

  test("diff finds a change in the declaration only, whatever the order of keys", () => {
    const { outs } = create({ scalekitPayload: payload });
    const reordered = { scalekitPayload: Object.fromEntries(Object.entries(payload).reverse()) };
    expect(canonicalJson(reordered)).toBe(canonicalJson({ scalekitPayload: payload }));
    expect(diff(outs, reordered)).toBe(false);
    expect(diff(outs, { scalekitPayload: { ...payload, description: "changed" } })).toBe(true);
    expect(diff(outs, { scalekitPayload: payload, adopt: true })).toBe(true);
  });

  test("update keeps the identifiers Scalekit chose", () => {
    const { outs } = create({ scalekitPayload: payload });
    const renamed = { scalekitPayload: { ...payload, display_name: "Acme CRM 2", auth_patterns: [] } };
    expect(update(outs, renamed)).toEqual({ ...renamed, identifier: "acmecrm", scalekitId: outs.scalekitId, isCustomMcp: false });
    expect(declared(update(outs, renamed))).toEqual(renamed);
  });

  test("the dynamic door's methods answer as pulumi.dynamic.ResourceProvider's do", async () => {
    expect(await floorDynamicProvider.check({}, { scalekitPayload: payload, adopt: false })).toEqual({ inputs: { scalekitPayload: payload } });
    const created = await floorDynamicProvider.create({ scalekitPayload: payload });
    expect(await floorDynamicProvider.diff(created.id, created.outs, { scalekitPayload: payload })).toMatchObject({ changes: false, replaces: [] });
    expect((await floorDynamicProvider.read(created.id, created.outs)).props).toEqual(created.outs);
    expect((await floorDynamicProvider.update(created.id, created.outs, { scalekitPayload: payload })).outs).toEqual(created.outs);
  });
});

describe("the floor's programs", () => {
  test("the plugin program declares the connector's own properties (the plugin SDK's)", () => {
    expect([...connectorInputProperties]).toEqual([...customConnectorInputs]);
    expect([...connectorInputProperties, ...identityOutputs]).toEqual([...customConnectorOutputs]);
    expect(pluginFloorProgram()).toContain(JSON.stringify([...customConnectorOutputs]));
  });

  test("the dynamic program's shim loads the runtime by path on its first call, and registers with the root program's arguments", () => {
    const program = dynamicFloorProgram("/tmp/floor-lib/dynamic-runtime.js");
    expect(program).toContain(`require("/tmp/floor-lib/dynamic-runtime.js").floorDynamicProvider`);
    expect(program).toContain("{ scalekitPayload: payload, adopt: false }, { protect: false }");
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require("typescript") as typeof import("typescript");
    for (const text of [program, pluginFloorProgram()]) {
      const output = ts.transpileModule(text, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
      expect(output.diagnostics ?? []).toEqual([]);
    }
  });

  test("Pulumi.yaml gains the floor plugin first under plugins.providers, and a Pulumi.yaml without that list is refused", () => {
    const yaml = "name: x\nplugins:\n  providers:\n    - name: scalekit\n      path: node_modules/pulumi-scalekit-connectors/bin\n";
    expect(withFloorPlugin(yaml, "/tmp/floor lib")).toBe(
      'name: x\nplugins:\n  providers:\n    - name: floor\n      path: "/tmp/floor lib"\n    - name: scalekit\n      path: node_modules/pulumi-scalekit-connectors/bin\n',
    );
    expect(() => withFloorPlugin("name: x\n", "/tmp")).toThrow(/plugins.providers|providers:/);
    const shipped = fs.readFileSync(path.join(__dirname, "..", "..", "..", "Pulumi.yaml"), "utf8");
    expect(withFloorPlugin(shipped, "/tmp/f")).toContain("    - name: floor\n");
  });

  test("the transpiled plugin starts as the engine starts it, prints its port and answers over gRPC", async () => {
    const lib = writeFloorLib(fs.mkdtempSync(path.join(os.tmpdir(), "floor-lib-")));
    const started = await startPluginProcess(lib.pluginExecutable, "");
    const driver = new PluginDriver(`127.0.0.1:${started.port}`);
    try {
      expect(await driver.pluginVersion()).toBe(floorPluginVersion);
      const { inputs } = await driver.check("urn:pulumi:dev::p::floor:index:Connector::a", { scalekitPayload: payload, adopt: false });
      expect(inputs).toEqual({ scalekitPayload: payload });
      expect((await driver.create("urn:pulumi:dev::p::floor:index:Connector::a", inputs)).id).toBe("acmecrm");
    } finally {
      driver.close();
      started.child.kill();
    }
  });
});

// ---- the report --------------------------------------------------------------------------------

const counts: CallCounts = { total: 0, token: 0, list: 0, create: 0, update: 0, remove: 0, writes: 0 };
const measured = (seconds: number): Measured => ({ calls: counts, wallMs: seconds * 1000, activity: { requests: 0, spanMs: 0, maxInFlight: 0 }, ok: true });
const floorRun = (seconds: Record<"up" | "preview" | "refresh" | "update", number>) =>
  Object.fromEntries(Object.entries(seconds).map(([op, s]) => [op, { wallMs: s * 1000 }])) as FloorResult["dynamic"];

/** A size whose default and plugin modes took `ours` seconds for preview, update and refresh, beside a floor. */
function size(n: number, ours: Record<"default" | "plugin", Record<"preview" | "update" | "refresh", number>>, floor?: FloorResult): SizeResult {
  const runs = (mode: "default" | "plugin"): Partial<Record<CliOperation, Measured>> => ({
    up: measured(10),
    preview: measured(ours[mode].preview),
    refresh: measured(ours[mode].refresh),
    update: measured(ours[mode].update),
    destroy: measured(5),
  });
  const state = { exportBytes: 0, connectors: n, bytesPerConnector: 1, parts: { providerInInputs: 0, providerInOutputs: 0, declaration: 0, stored: 0, stackTrace: 0, bookkeeping: 1 }, providerBytes: 0, providerCopiesPerConnector: 0, bytesPerConnectorAtRoot: 1 };
  const mode = (m: CliMode) => ({ runs: runs(m === "plugin" ? "plugin" : "default"), totalMs: 1, state });
  const base = { calls: counts, wallMs: 200 };
  const provider = { calls: { ...counts, token: 1, list: 1, total: 2 }, wallMs: 1, maxInFlight: 1, errors: 0 };
  return {
    n,
    baseline: { create: base, check: base, refresh: base, update: base, destroy: base },
    cli: { default: mode("default"), bulk: mode("bulk"), plugin: mode("plugin") },
    provider: { create: provider, refresh: provider },
    ...(floor ? { floor } : {}),
  };
}

function fixed(empty: number, plugin: number): FixedCostResult {
  const cells = Object.fromEntries(
    fixedPrograms.map((program) => [program, Object.fromEntries(fixedRuntimes.map((runtime) => [runtime, { wallMs: [] as number[], medianMs: (program === "plugin" ? plugin : empty) * 1000 }]))]),
  ) as FixedCostResult["cells"];
  return { connectors: 10, runs: 1, cells, cliOnlyMs: 100, pluginStartMs: 300 };
}

function report(sizes: SizeResult[], fixedCost?: FixedCostResult): BenchReport {
  return benchReport(sizes, fixedCost ? { fixedCost } : {});
}

const floor10: FloorResult = { dynamic: floorRun({ up: 2, preview: 2, refresh: 1, update: 2 }), plugin: floorRun({ up: 1.5, preview: 1.5, refresh: 1, update: 1.6 }), pluginStartMs: 120 };
const floor500: FloorResult = { dynamic: floorRun({ up: 30, preview: 8, refresh: 3, update: 8 }), plugin: floorRun({ up: 20, preview: 7, refresh: 2, update: 7 }), pluginStartMs: 130 };

describe("the floor in the report", () => {
  test("the whole-command table gains the floor's columns and each door's ratio to its floor", () => {
    const s = size(10, { default: { preview: 2.1, update: 3, refresh: 1.5 }, plugin: { preview: 1.8, update: 1.6, refresh: 0.9 } }, floor10);
    expect(floorCells(s, "preview")).toEqual(["2.00", "1.50", "1.05×", "1.20×"]);
    expect(floorCells(s, "update")).toEqual(["2.00", "1.60", "1.50×", "1.00×"]);
    expect(floorCells(s, "refresh")).toEqual(["1.00", "1.00", "1.50×", "0.90×"]);
    expect(floorCells(s, "destroy")).toEqual(["—", "—", "—", "—"]);
    expect(floorCells({ ...s, floor: undefined }, "preview")).toEqual(["—", "—", "—", "—"]);
    const markdown = renderReport(report([s]));
    const header = markdown.split("\n").find((line) => line.startsWith("| command | N |"))!;
    expect(header).toContain(`| ${floorHeaders.join(" | ")} |`);
    expect(markdown).toMatch(/\| preview, no change \| 10 \|.*\| 2\.00 \| 1\.50 \| 1\.05× \| 1\.20× \|/);
    expect(markdown).toContain("Pulumi's floor: ");
    expect(markdown).toContain("0.12 s (N=10) to start alone");
  });

  test("issue 27's targets: met, missed by how much with the same door's other commands beside, or not measured", () => {
    const sizes = [
      size(10, { default: { preview: 2.1, update: 3, refresh: 1.5 }, plugin: { preview: 1.8, update: 1.6, refresh: 0.9 } }, floor10),
      size(500, { default: { preview: 9, update: 8.5, refresh: 4 }, plugin: { preview: 8, update: 11, refresh: 2.5 } }, floor500),
    ];
    const verdicts = floorTargetVerdicts(report(sizes, fixed(1.4, 1.9)));
    const byLabel = (start: string) => verdicts.find((verdict) => verdict.label.startsWith(start))!;
    expect(verdicts).toHaveLength(6);
    expect(byLabel("no-change preview of 10, plugin door: ≤ 1.30× the empty program")).toMatchObject({ met: false, measured: "1.90 s against 1.40 s: 1.36×" });
    expect(byLabel("no-change preview of 10, plugin door").why).toMatch(/^0\.08 s over; the plugin floor's no-change preview of 10 .* took 1\.50 s, 1\.07× the empty program: 0\.10 s of the 0\.50 s above/);
    expect(byLabel("no-change preview of 10, dynamic door: ≤ the dynamic floor's + 10 %")).toMatchObject({ met: true, measured: "2.10 s against 2.00 s: 1.05×" });
    expect(byLabel("no-change preview of 500, dynamic door")).toMatchObject({ met: true, measured: "9.00 s against 8.00 s: 1.13×" });
    expect(byLabel("no-change preview of 500, plugin door")).toMatchObject({ met: true, measured: "8.00 s against 7.00 s: 1.14×" });
    expect(byLabel("update of one connector among 500, dynamic door")).toMatchObject({ met: true, measured: "8.50 s against 8.00 s: 1.06×" });
    const missed = byLabel("update of one connector among 500, plugin door");
    expect(missed).toMatchObject({ met: false, measured: "11.00 s against 7.00 s: 1.57×" });
    expect(missed.why).toBe("2.95 s over (0.42× too much); 4.00 s above the floor; in the same door and N: the no-change preview 1.00 s above its floor, the refresh (no program) 0.50 s above its floor");
    expect(renderReport(report(sizes, fixed(1.4, 1.9)))).toContain("| update of one connector among 500, plugin door: ≤ 1.15× Pulumi's plugin floor at 500 | 11.00 s against 7.00 s: 1.57× | **NOT MET** |");

    const small = floorTargetVerdicts(report([sizes[0]!]));
    expect(small.map((verdict) => verdict.met)).toEqual([undefined, true, undefined, undefined, undefined, undefined]);
    expect(small[0]!.measured).toBe("not measured (--no-fixed-cost)");
    expect(small[2]!.measured).toBe("N=500 not in this run");
  });
});
