/**
 * Running the project's Pulumi CLI (the `pulumi` on PATH, or the one tools/pulumi-cli/index.js builds
 * into .tools/) as a child process: one command at a time, its output collected. Everything
 * that runs `pulumi` goes through here, or through the Automation API with the same CLI
 * (stack-config.ts).
 */
import { spawn } from "child_process";
import { ensurePulumiCli, pulumiEnv, type PulumiCli } from "../../tools/pulumi-cli";

export type { PulumiCli };

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
  /** A `file://` backend folder: state stays on this machine. Not used when `backendUrl` is set. */
  backendDir: string;
  /** Any other backend Pulumi logs in to (`postgres://...`, `s3://...`, Pulumi Cloud's URL): used instead of `backendDir`. */
  backendUrl?: string;
  /** Passphrase of the stacks' secrets provider. */
  passphrase: string;
  /** Extra environment for every command (credentials, for example). */
  env?: NodeJS.ProcessEnv;
  /** Another CLI than the project's, with the environment to start from (the compatibility run's previous pair: tools/runtimes/runtimes.js). */
  cli?: PulumiCli;
  baseEnv?: NodeJS.ProcessEnv;
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

export interface CommandOptions extends RunOptions {
  /** The folder the command runs in (the project's). */
  cwd: string;
  /** The environment the command starts from (default process.env); the CLI's PATH and `env` go on top. */
  baseEnv?: NodeJS.ProcessEnv;
  /** The CLI to run; default the project's (pulumiCommand()). */
  cli?: PulumiCli;
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

/** The backend a session's commands use: its `backendUrl`, else its folder as a file backend. */
export function sessionBackendUrl(session: Pick<PulumiSession, "backendDir" | "backendUrl">): string {
  return session.backendUrl ?? fileBackendUrl(session.backendDir);
}

/** The Pulumi CLI this project uses: the one on PATH, or the one it builds once per machine. */
export function pulumiCommand(): Promise<PulumiCli> {
  cliPromise ??= new Promise((resolve) => resolve(ensurePulumiCli()));
  return cliPromise;
}

/** The environment to run the project's CLI with, over `baseEnv`: its folder on PATH, the offline switches, no colour. */
export function pulumiCommandEnv(cli: PulumiCli, baseEnv: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...pulumiEnv(cli.binDir, { prepend: cli.source === "build" }, baseEnv), PULUMI_SKIP_UPDATE_CHECK: "true", NO_COLOR: "1" };
}

/**
 * Runs one command of the project's Pulumi CLI (non-interactive) and collects what it printed.
 * Never throws on a non-zero exit; throws when no CLI can be found or started.
 */
export async function runPulumiCommand(args: readonly string[], options: CommandOptions): Promise<PulumiRunResult> {
  const cli = options.cli ?? (await pulumiCommand());
  const env = { ...pulumiCommandEnv(cli, options.baseEnv), ...options.env };
  return new Promise((resolve, reject) => {
    const child = spawn(cli.pulumiPath, [...args, "--non-interactive"], { cwd: options.cwd, env, stdio: ["pipe", "pipe", "pipe"] });
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

/** Runs one Pulumi CLI command in a session (its folder, backend and passphrase). Never throws on a non-zero exit. */
export function runPulumi(session: PulumiSession, args: string[], options: RunOptions = {}): Promise<PulumiRunResult> {
  return runPulumiCommand(args, {
    ...options,
    cwd: session.cwd,
    cli: session.cli,
    baseEnv: session.baseEnv,
    env: {
      PULUMI_BACKEND_URL: sessionBackendUrl(session),
      PULUMI_CONFIG_PASSPHRASE: session.passphrase,
      PULUMI_SKIP_CONFIRMATIONS: "true",
      ...session.env,
      ...options.env,
    },
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
