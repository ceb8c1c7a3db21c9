import { spawn } from "child_process";
import * as path from "path";
import { repoRoot } from "./project-copy";

// scripts/pulumi-cli.js is plain JavaScript so that `npm run pulumi` needs no TypeScript loader.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pulumiCli: { ensurePulumiCli(): Promise<PulumiCli> | PulumiCli } = require(path.join(repoRoot, "scripts", "pulumi-cli.js"));

export interface PulumiCli {
  pulumiPath: string;
  env: NodeJS.ProcessEnv;
}

export interface PulumiRunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  output: string;
}

export interface PulumiSession {
  /** The project working copy the commands run in. */
  cwd: string;
  /** A `file://` backend folder: state stays on this machine. */
  backendDir: string;
  /** Passphrase of the stacks' secrets provider. */
  passphrase: string;
  /** Extra environment for every command (credentials, for example). */
  env?: NodeJS.ProcessEnv;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /** Text written to the command's standard input. */
  input?: string;
  /** Called with every chunk of output, for live progress. */
  onOutput?: (chunk: string) => void;
  /** Kill the process (SIGKILL) as soon as its output matches. */
  killWhen?: RegExp;
}

let cliPromise: Promise<PulumiCli> | undefined;

/**
 * A local file backend. `metadata=skip` stops the storage layer from writing `.attrs` sidecar
 * files: those are not written atomically, and a run killed while writing one leaves an empty
 * sidecar that makes every later command fail with "failed to load checkpoint: EOF".
 */
export function fileBackendUrl(dir: string): string {
  return `file://${dir}?metadata=skip`;
}

/** The Pulumi CLI this project uses: the one on PATH, or the one it builds once per machine. */
export function pulumiCommand(): Promise<PulumiCli> {
  cliPromise ??= Promise.resolve(pulumiCli.ensurePulumiCli());
  return cliPromise;
}

/** Runs one Pulumi CLI command in a session and collects what it printed. Never throws on a non-zero exit. */
export async function runPulumi(session: PulumiSession, args: string[], options: RunOptions = {}): Promise<PulumiRunResult> {
  const cli = await pulumiCommand();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...cli.env,
    PULUMI_BACKEND_URL: fileBackendUrl(session.backendDir),
    PULUMI_CONFIG_PASSPHRASE: session.passphrase,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    NO_COLOR: "1",
    ...session.env,
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(cli.pulumiPath, [...args, "--non-interactive"], { cwd: session.cwd, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let output = "";
    const take = (which: "out" | "err") => (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      if (which === "out") stdout += text;
      else stderr += text;
      output += text;
      options.onOutput?.(text);
      if (options.killWhen && options.killWhen.test(output) && child.exitCode === null) {
        child.kill("SIGKILL");
      }
    };
    child.stdout.on("data", take("out"));
    child.stderr.on("data", take("err"));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr, output }));
    child.stdin.end(options.input ?? "");
  });
}

/** Like runPulumi, but a non-zero exit is an error that carries the command's output. */
export async function runPulumiOk(session: PulumiSession, args: string[], options: RunOptions = {}): Promise<PulumiRunResult> {
  const result = await runPulumi(session, args, options);
  if (result.code !== 0) {
    throw new Error(`pulumi ${args.join(" ")} exited with ${result.code ?? result.signal}:\n${result.output}`);
  }
  return result;
}
