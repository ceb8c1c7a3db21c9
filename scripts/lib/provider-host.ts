/**
 * Driving a serialized provider (the `__provider` text Pulumi stores with every connector) the
 * way Pulumi's Node.js dynamic provider host does, without the engine: the one driver of this
 * repository, used by the provider's tests and by the benchmark's provider-level runs. The work
 * happens in provider-host-process.js, plain JavaScript in a fresh Node.js process started in the
 * program's folder, as the engine starts the host.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "./paths";

// provider-host-process.js is plain JavaScript so that it runs as the host does, with no TypeScript loader.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const hostProcess = require("./provider-host-process") as { loadProvider(providerText: string): Record<string, unknown> };

const hostScript = path.join(__dirname, "provider-host-process.js");

type Props = Record<string, any>;

/** One call of the host, on one resource: `check` with the declared arguments, or an operation on what the resource holds. */
export type HostStep = { op: "check"; args: Props; name?: string } | { op: "create" | "read" | "diff" | "update" | "delete"; name?: string };

export interface HostResource {
  /** For the caller's own bookkeeping. */
  name?: string;
  /** A resource that exists already: its id and outputs (e.g. to read it back). */
  id?: string;
  outs?: Props;
  /** Its inputs so far (the `olds` of its first check); default none. */
  inputs?: Props;
  steps: HostStep[];
}

export interface HostJob {
  /** The serialized provider, as dynamic.Resource stores it. */
  providerText: string;
  /** The Pulumi project's name: configure's config answers `<project>:<key>` for a bare key. */
  project: string;
  /** The raw stack config, as the engine hands it to configure. */
  config: Record<string, string>;
  /** Resources at most this many at a time (default 1), each one's steps in order. */
  parallelism?: number;
  resources: HostResource[];
}

/** What one step gave: its result (after the wire, `__provider` added where the host adds it), or its error. */
export interface HostStepResult {
  name: string;
  result?: any;
  error?: { message: string; stack?: string };
}

export interface HostResult {
  configure: { ok: true } | { error: { message: string; stack?: string } };
  /** Loading and configuring the provider. */
  setupMs: number;
  /** From the first step to the last answer. */
  wallMs: number;
  /** Per resource of the job, in order: its steps, and its id and outputs at the end. */
  resources: { name?: string; id?: string; outs?: Props; steps: HostStepResult[] }[];
  /** What the provider wrote to the console (pulumi.log.* outside an engine). */
  logs: string[];
  stdout: string;
  stderr: string;
}

export interface HostOptions {
  /** The program's folder, where the provider's own `require`s resolve (default the repository root). */
  cwd?: string;
  /** The host's environment (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** The provider object a serialized provider text stands for, loaded in this process as the host loads it. */
export function loadSerializedProvider(providerText: string): Record<string, unknown> {
  return hostProcess.loadProvider(providerText);
}

/** The failures of a resource's steps: thrown errors, and failures a check reported (`property: reason`). */
export function stepFailures(steps: readonly HostStepResult[]): string[] {
  return steps.flatMap((step) => {
    if (step.error) return [`${step.name}: ${step.error.message}`];
    const failures = (step.result?.failures ?? []) as { property: string; reason: string }[];
    return failures.map((failure) => `${step.name}: ${failure.property}: ${failure.reason}`);
  });
}

/** Runs a job in a fresh host process and returns what it did. Rejects when the process itself fails. */
export async function runProviderHost(job: HostJob, options: HostOptions = {}): Promise<HostResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "provider-host-"));
  try {
    const jobPath = path.join(dir, "job.json");
    const resultPath = path.join(dir, "result.json");
    fs.writeFileSync(jobPath, JSON.stringify(job));
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
      execFile(
        process.execPath,
        [hostScript, jobPath, resultPath],
        { cwd: options.cwd ?? repoRoot, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024 },
        (error, out, err) => (error ? reject(new Error(`the provider host failed: ${error.message}\n${err}`)) : resolve({ stdout: out, stderr: err })),
      );
    });
    return { ...(JSON.parse(fs.readFileSync(resultPath, "utf8")) as Omit<HostResult, "stdout" | "stderr">), stdout, stderr };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
