/**
 * The provider level of the benchmark: the serialized provider, without the engine, driven the
 * way Pulumi's Node.js host drives it (scripts/lib/provider-host.ts) with the engine's default
 * parallelism, each job in a fresh process so that the provider's caches start empty as in a new
 * `pulumi` run.
 */
import * as os from "os";
import { runProviderHost, stepFailures, type HostJob } from "../../../scripts/lib/provider-host";

/** The engine's default parallelism: PULUMI_PARALLEL, else GOMAXPROCS (the CPU count) × 4. */
export function engineDefaultParallelism(): number {
  const fromEnv = Number(process.env.PULUMI_PARALLEL);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return os.availableParallelism() * 4;
}

/** A resource the host created: its id and outputs (with the serialized provider, as stored). */
export interface HostedResource {
  id: string;
  outs: Record<string, unknown>;
}

export interface ProviderRun {
  /** From the first call to the last answer, after loading and configuring the provider. */
  wallMs: number;
  /** The resources at the end of the job. */
  done: HostedResource[];
  /** Every failure, as `step: message`. */
  errors: string[];
}

async function run(job: Omit<HostJob, "project" | "config">, env: NodeJS.ProcessEnv): Promise<ProviderRun> {
  // The stack config is empty: the credentials come from the SCALEKIT_* variables of `env`.
  const result = await runProviderHost({ ...job, project: "scalekit-connectors", config: {} }, { env: { ...process.env, ...env } });
  const done = result.resources.filter((resource) => resource.id !== undefined).map((resource) => ({ id: resource.id!, outs: resource.outs ?? {} }));
  return { wallMs: result.wallMs, done, errors: result.resources.flatMap((resource) => stepFailures(resource.steps)) };
}

/** An up creating one connector per payload: what the program registers for each file (index.ts) checked, then created. */
export function createThroughHost(providerText: string, payloads: readonly unknown[], parallelism: number, env: NodeJS.ProcessEnv): Promise<ProviderRun> {
  const resources = payloads.map((payload) => ({ steps: [{ op: "check" as const, args: { scalekitPayload: payload, adopt: false } }, { op: "create" as const }] }));
  return run({ providerText, parallelism, resources }, env);
}

/** A refresh: every resource read back. */
export function readThroughHost(providerText: string, resources: readonly HostedResource[], parallelism: number, env: NodeJS.ProcessEnv): Promise<ProviderRun> {
  return run({ providerText, parallelism, resources: resources.map(({ id, outs }) => ({ id, outs, steps: [{ op: "read" as const }] })) }, env);
}
