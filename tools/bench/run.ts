/**
 * `npm run bench`: the whole `pulumi` commands a user waits for (up, preview, refresh, update,
 * destroy; default and bulk mode, the commands that run the program with it type-checked, and
 * every command through the resource plugin, the root program's `door: plugin`) for
 * N = 10, 100 and 500 connectors against emulators that delay every request, beside Scalekit's
 * curl workflow; then the explanation: the fixed cost of a command, API calls, the API span and
 * the provider level, and the state footprint. Prints markdown and writes it to
 * tools/bench/results/latest.md. docs/benchmarks.md explains how to read it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runCommand } from "../../scripts/lib/command-line";
import { credentialsEnv } from "../../scripts/lib/credentials";
import { emulatorControl, latencyFaults } from "../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../scripts/lib/emulators";
import { writeGeneratedDefinitions } from "../../scripts/lib/generated-definitions";
import { repoRoot } from "../../scripts/lib/paths";
import type { PulumiSession } from "../../scripts/lib/pulumi-process";
import { parseBenchArgs, usage } from "./lib/args";
import { baselineTransport, runBaseline, type BaselineOperation } from "./lib/baseline";
import { cliModes, runCliBench, type CliMode } from "./lib/cli-bench";
import { measureFixedCost } from "./lib/fixed-cost";
import { measureFloor } from "./lib/floor";
import { cpuSnapshot, otherCores, waitForIdle } from "./lib/idle";
import { describeMachine } from "./lib/machine";
import { describeDefaultPair, preparePreviousPair, runPreviousPair, type PreparedPreviousPair } from "./lib/previous-pair";
import type { PreviousPairSize } from "./lib/previous-pair-report";
import { createThroughHost, engineDefaultParallelism, readThroughHost, type ProviderRun } from "./lib/provider-level";
import { allTargetsMet, renderReport, type BaselineMeasured, type BenchReport, type CliModeResult, type ProviderMeasured, type SizeResult } from "./lib/report";

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/** Empties an emulator and puts its latency back on every API route. */
async function resetEmulator(emulator: WatchedEmulator, latencyMs: number): Promise<void> {
  await emulatorControl.reset(emulator.url);
  await emulatorControl.setFaults(emulator.url, latencyFaults(latencyMs));
}

async function freshEmulator(latencyMs: number): Promise<WatchedEmulator> {
  const emulator = await startWatchedEmulator();
  await emulatorControl.setFaults(emulator.url, latencyFaults(latencyMs));
  return emulator;
}

async function measureBaseline(emulator: WatchedEmulator, payloads: string[], transport: ReturnType<typeof baselineTransport>): Promise<Record<BaselineOperation, BaselineMeasured>> {
  const url = emulator.url;
  const first = JSON.parse(payloads[0]!) as Record<string, unknown>;
  const updated = JSON.stringify({ ...first, description: `${String(first.description)} (updated)` });
  const results: Partial<Record<BaselineOperation, BaselineMeasured>> = {};
  for (const operation of ["create", "check", "refresh", "update", "destroy"] as const) {
    await emulatorControl.clearCounters(url);
    const run = await runBaseline(emulator.credentials, transport.send, operation, payloads, updated);
    results[operation] = { calls: await emulatorControl.counters(url), wallMs: run.wallMs };
  }
  return results as Record<BaselineOperation, BaselineMeasured>;
}

async function measureProviderLevel(
  emulator: WatchedEmulator,
  parallelism: number,
  providerText: string,
  payloads: string[],
): Promise<{ create: ProviderMeasured; refresh: ProviderMeasured }> {
  const env = credentialsEnv(emulator.credentials);
  const measure = async (label: string, job: () => Promise<ProviderRun>): Promise<{ run: ProviderRun; measured: ProviderMeasured }> => {
    await emulatorControl.clearCounters(emulator.url);
    emulator.requests.clear();
    const run = await job();
    if (run.errors.length > 0) log(`  provider-level ${label} errors (${run.errors.length}), first: ${run.errors[0]}`);
    const measured = { calls: await emulatorControl.counters(emulator.url), wallMs: run.wallMs, maxInFlight: emulator.requests.activity().maxInFlight, errors: run.errors.length };
    return { run, measured };
  };
  const created = await measure("create", () => createThroughHost(providerText, payloads.map((text) => JSON.parse(text) as unknown), parallelism, env));
  const read = await measure("read", () => readThroughHost(providerText, created.run.done, parallelism, env));
  return { create: created.measured, refresh: read.measured };
}

async function main(argv: string[]): Promise<number> {
  const args = parseBenchArgs(argv, {
    latencyMs: 50,
    sizes: [10, 100, 500],
    out: path.join(repoRoot, "tools", "bench", "results", "latest.md"),
    fixedCost: true,
    fixedRuns: 3,
    waitIdle: true,
    previousPair: true,
  });
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  // Other work on the machine changes every wall time: wait for it to calm down (bounded).
  const load = await waitForIdle({ threshold: 1.0, maxWaitMs: args.waitIdle ? 10 * 60_000 : 0, pollMs: 10_000, log });
  log(`bench: 1-minute load average ${load.loadAfter.toFixed(2)}${load.idle ? "" : " (busy: figures will be higher than on a quiet machine)"}`);
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-bench-"));
  const parallelism = engineDefaultParallelism();
  const transport = baselineTransport();
  const pulumiEnv = { PULUMI_HOME: path.join(workDir, "pulumi-home") };
  const machine = await describeMachine({ cwd: workDir, backendDir: workDir, passphrase: "bench", env: pulumiEnv } satisfies PulumiSession);
  log(`bench: latency ${args.latencyMs} ms, sizes ${args.sizes.join(", ")}, parallelism ${parallelism}, baseline via ${transport.name}`);

  const sizes: SizeResult[] = [];
  const previousSizes: PreviousPairSize[] = [];
  let previousPair: PreparedPreviousPair | undefined;
  let fixedCost: BenchReport["fixedCost"];
  let fixedCostLoad: BenchReport["fixedCostLoad"];
  try {
    if (args.previousPair) previousPair = await preparePreviousPair(workDir, log);
    for (const n of args.sizes) {
      const sizeStarted = performance.now();
      const definitions = writeGeneratedDefinitions(path.join(workDir, `definitions-${n}`), n);
      const payloads = definitions.names.map((name) => fs.readFileSync(path.join(definitions.dir, `${name}.json`), "utf8"));

      const loadBefore = os.loadavg()[0]!;
      const cpuBefore = cpuSnapshot();
      const emulator = await freshEmulator(args.latencyMs);
      try {
        log(`N=${n}: baseline`);
        const baseline = await measureBaseline(emulator, payloads, transport);

        const cli = {} as Record<CliMode, CliModeResult>;
        let providerString = "";
        for (const mode of cliModes) {
          await resetEmulator(emulator, args.latencyMs);
          log(`N=${n}: real CLI, ${mode} mode`);
          const run = await runCliBench(
            { workDir, emulator, env: { ...pulumiEnv, ...credentialsEnv(emulator.credentials) }, log },
            n,
            definitions.dir,
            mode,
          );
          cli[mode] = { runs: run.runs, totalMs: run.totalMs, state: run.state };
          providerString ||= run.providerString;
        }
        if (previousPair) {
          const context = { workDir, emulator, env: { ...pulumiEnv, ...credentialsEnv(emulator.credentials) }, log };
          previousSizes.push(await runPreviousPair(previousPair, context, n, definitions.dir, () => resetEmulator(emulator, args.latencyMs)));
        }

        await resetEmulator(emulator, args.latencyMs);
        log(`N=${n}: provider level`);
        const provider = await measureProviderLevel(emulator, parallelism, providerString, payloads);

        log(`N=${n}: Pulumi's floor`);
        const floor = await measureFloor({ workDir, env: pulumiEnv, log }, n, definitions.dir);

        const others = otherCores(cpuBefore, cpuSnapshot());
        sizes.push({ n, baseline, cli, provider, floor, load: { before: loadBefore, after: os.loadavg()[0]!, ...(others === undefined ? {} : { otherCores: others }) } });
        if (others !== undefined) log(`N=${n}: other processes used ${others.toFixed(2)} cores on average`);
        log(`N=${n}: done in ${((performance.now() - sizeStarted) / 1000).toFixed(1)} s`);
      } finally {
        await emulator.close();
      }
    }
    if (args.fixedCost) {
      log(`fixed cost: no-change previews of 10, ${args.fixedRuns} per program and runtime`);
      const loadBefore = os.loadavg()[0]!;
      const cpuBefore = cpuSnapshot();
      const emulator = await freshEmulator(args.latencyMs);
      try {
        fixedCost = await measureFixedCost({
          workDir,
          env: { ...pulumiEnv, ...credentialsEnv(emulator.credentials) },
          resetEmulator: () => resetEmulator(emulator, args.latencyMs),
          definitionsDir: writeGeneratedDefinitions(path.join(workDir, "definitions-fixed"), 10).dir,
          runs: args.fixedRuns,
          log,
        });
        const others = otherCores(cpuBefore, cpuSnapshot());
        fixedCostLoad = { before: loadBefore, after: os.loadavg()[0]!, ...(others === undefined ? {} : { otherCores: others }) };
      } finally {
        await emulator.close();
      }
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }

  const report: BenchReport = {
    machine,
    latencyMs: args.latencyMs,
    parallelism,
    transport: transport.name === "curl" ? "the real curl, one process per request" : "in-process fetch, a new connection per request",
    startedAt,
    durationMs: performance.now() - started,
    load,
    sizes,
    ...(fixedCost ? { fixedCost } : {}),
    ...(fixedCostLoad ? { fixedCostLoad } : {}),
    ...(previousPair ? { previousPair: { pairs: { default: describeDefaultPair(machine.pulumi), previous: previousPair.description }, sizes: previousSizes } } : {}),
  };
  const markdown = renderReport(report);
  process.stdout.write(`${markdown}\n`);
  if (args.out) {
    fs.mkdirSync(path.dirname(args.out), { recursive: true });
    fs.writeFileSync(args.out, markdown);
    log(`written to ${path.relative(process.cwd(), args.out)}`);
  }
  if (!allTargetsMet(report)) {
    log("bench: some targets were not met (see the Targets table)");
    return 1;
  }
  return 0;
}

runCommand("bench", main);
