/**
 * `npm run bench`: the whole `pulumi` commands a user waits for (up, preview, refresh, update,
 * destroy; default and bulk mode) for N = 10, 100 and 500 connectors against emulators that delay
 * every request, beside Scalekit's curl workflow; then the explanation: the fixed cost of a
 * command, API calls, the API span and the provider level, and the state footprint. Prints
 * markdown and writes it to bench/results/latest.md. docs/benchmarks.md explains how to read it.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, type RunningEmulator } from "scalekit-emulator";
import { credentialsEnv } from "../scripts/lib/credentials";
import { repoRoot } from "../scripts/lib/project-copy";
import type { PulumiSession } from "../scripts/lib/pulumi-process";
import { parseBenchArgs } from "./lib/args";
import { baselineTransport, runBaseline, type BaselineOperation } from "./lib/baseline";
import { cliModes, runCliBench, type CliMode } from "./lib/cli-bench";
import { writeDefinitions } from "./lib/definitions";
import { emulatorControl, latencyFaults } from "./lib/emulator-control";
import { measureFixedCost } from "./lib/fixed-cost";
import { cpuSnapshot, otherCores, waitForIdle } from "./lib/idle";
import { describeMachine } from "./lib/machine";
import { engineDefaultParallelism, runProviderJob } from "./lib/provider-level";
import { allTargetsMet, renderReport, type BaselineMeasured, type BenchReport, type CliModeResult, type ProviderMeasured, type SizeResult } from "./lib/report";
import { RequestTimeline } from "./lib/timeline";

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

interface Environment {
  emulator: RunningEmulator;
  timeline: RequestTimeline;
}

async function freshEnvironment(latencyMs: number): Promise<Environment> {
  const timeline = new RequestTimeline();
  const emulator = await startEmulator({ port: 0, log: timeline.log });
  await emulatorControl.setFaults(emulator.url, latencyFaults(latencyMs));
  return { emulator, timeline };
}

async function measureBaseline(env: Environment, payloads: string[], transport: ReturnType<typeof baselineTransport>): Promise<Record<BaselineOperation, BaselineMeasured>> {
  const url = env.emulator.url;
  const first = JSON.parse(payloads[0]!) as Record<string, unknown>;
  const updated = JSON.stringify({ ...first, description: `${String(first.description)} (updated)` });
  const results: Partial<Record<BaselineOperation, BaselineMeasured>> = {};
  for (const operation of ["create", "check", "refresh", "update", "destroy"] as const) {
    await emulatorControl.clearCounters(url);
    const run = await runBaseline(env.emulator, transport.send, operation, payloads, updated);
    results[operation] = { calls: await emulatorControl.counters(url), wallMs: run.wallMs };
  }
  return results as Record<BaselineOperation, BaselineMeasured>;
}

async function measureProviderLevel(
  env: Environment,
  parallelism: number,
  providerString: string,
  payloads: string[],
): Promise<{ create: ProviderMeasured; refresh: ProviderMeasured }> {
  const url = env.emulator.url;
  const credentials = credentialsEnv(env.emulator.credentials);
  const job = { parallelism, project: "scalekit-connectors", config: {}, providerString };

  await emulatorControl.clearCounters(url);
  env.timeline.clear();
  // What the program registers for each file (index.ts): the payload, adopt, and the serialized provider.
  const items = payloads.map((text) => ({ props: { scalekitPayload: JSON.parse(text) as unknown, adopt: false, __provider: providerString } }));
  const created = await runProviderJob({ ...job, operation: "create", items }, credentials);
  const create: ProviderMeasured = {
    calls: await emulatorControl.counters(url),
    wallMs: created.wallMs,
    maxInFlight: env.timeline.activity().maxInFlight,
    errors: created.errors.length,
  };
  if (created.errors.length > 0) log(`  provider-level create errors (${created.errors.length}), first: ${created.errors[0]}`);

  await emulatorControl.clearCounters(url);
  env.timeline.clear();
  const read = await runProviderJob({ ...job, operation: "read", items: created.done.map(({ id, props }) => ({ id, props })) }, credentials);
  const refresh: ProviderMeasured = {
    calls: await emulatorControl.counters(url),
    wallMs: read.wallMs,
    maxInFlight: env.timeline.activity().maxInFlight,
    errors: read.errors.length,
  };
  if (read.errors.length > 0) log(`  provider-level read errors (${read.errors.length}), first: ${read.errors[0]}`);
  return { create, refresh };
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2), {
    latencyMs: 50,
    sizes: [10, 100, 500],
    out: path.join(repoRoot, "bench", "results", "latest.md"),
    fixedCost: true,
    fixedRuns: 3,
    waitIdle: true,
  });
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
  let fixedCost: BenchReport["fixedCost"];
  let fixedCostLoad: BenchReport["fixedCostLoad"];
  try {
    for (const n of args.sizes) {
      const sizeStarted = performance.now();
      const definitions = writeDefinitions(path.join(workDir, `definitions-${n}`), n);
      const payloads = definitions.names.map((name) => fs.readFileSync(path.join(definitions.dir, `${name}.json`), "utf8"));

      const loadBefore = os.loadavg()[0]!;
      const cpuBefore = cpuSnapshot();
      const env = await freshEnvironment(args.latencyMs);
      try {
        log(`N=${n}: baseline`);
        const baseline = await measureBaseline(env, payloads, transport);

        const cli = {} as Record<CliMode, CliModeResult>;
        let providerString = "";
        for (const mode of cliModes) {
          await emulatorControl.reset(env.emulator.url);
          await emulatorControl.setFaults(env.emulator.url, latencyFaults(args.latencyMs));
          log(`N=${n}: real CLI, ${mode} mode`);
          const run = await runCliBench(
            { workDir, emulator: env.emulator, timeline: env.timeline, env: { ...pulumiEnv, ...credentialsEnv(env.emulator.credentials) }, log },
            n,
            definitions.dir,
            mode,
          );
          cli[mode] = { runs: run.runs, totalMs: run.totalMs, state: run.state };
          providerString ||= run.providerString;
        }

        await emulatorControl.reset(env.emulator.url);
        await emulatorControl.setFaults(env.emulator.url, latencyFaults(args.latencyMs));
        log(`N=${n}: provider level`);
        const provider = await measureProviderLevel(env, parallelism, providerString, payloads);

        const others = otherCores(cpuBefore, cpuSnapshot());
        sizes.push({ n, baseline, cli, provider, load: { before: loadBefore, after: os.loadavg()[0]!, ...(others === undefined ? {} : { otherCores: others }) } });
        if (others !== undefined) log(`N=${n}: other processes used ${others.toFixed(2)} cores on average`);
        log(`N=${n}: done in ${((performance.now() - sizeStarted) / 1000).toFixed(1)} s`);
      } finally {
        await env.emulator.close();
      }
    }
    if (args.fixedCost) {
      log(`fixed cost: no-change previews of 10, ${args.fixedRuns} per program and runtime`);
      const loadBefore = os.loadavg()[0]!;
      const cpuBefore = cpuSnapshot();
      const env = await freshEnvironment(args.latencyMs);
      try {
        fixedCost = await measureFixedCost({
          workDir,
          env: { ...pulumiEnv, ...credentialsEnv(env.emulator.credentials) },
          resetEmulator: async () => {
            await emulatorControl.reset(env.emulator.url);
            await emulatorControl.setFaults(env.emulator.url, latencyFaults(args.latencyMs));
          },
          definitionsDir: writeDefinitions(path.join(workDir, "definitions-fixed"), 10).dir,
          runs: args.fixedRuns,
          log,
        });
        const others = otherCores(cpuBefore, cpuSnapshot());
        fixedCostLoad = { before: loadBefore, after: os.loadavg()[0]!, ...(others === undefined ? {} : { otherCores: others }) };
      } finally {
        await env.emulator.close();
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
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
