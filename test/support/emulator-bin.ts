/** The emulator started the way a user's CI starts it: its installed `scalekit-emulator` bin. */
import { spawn, type ChildProcess } from "child_process";
import type { ScalekitCredentials } from "../../scripts/lib/credentials";

export interface EmulatorProcess {
  url: string;
  /** From its ready line. */
  credentials: ScalekitCredentials;
  /** Sends SIGTERM and waits for the process to exit; resolves with its exit code. */
  stop(): Promise<number | null>;
}

const readyLine = /^Scalekit emulator ready url=(\S+) client_id=(\S+) client_secret=(\S+)$/m;

/**
 * Starts `bin` with `args` in `cwd` (and `env`, default this process's: its PATH picks the node the
 * bin's `#!/usr/bin/env node` runs) and resolves once it printed its ready line (or fails with what it printed).
 */
export function startEmulatorBin(bin: string, args: string[], cwd: string, timeoutMs = 15_000, env: NodeJS.ProcessEnv = process.env): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(bin, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${bin} printed no ready line within ${timeoutMs} ms; it printed:\n${output}`));
    }, timeoutMs);
    const take = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = readyLine.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1]!,
        credentials: { environmentUrl: match[1]!, clientId: match[2]!, clientSecret: match[3]! },
        stop: () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          return exited;
        },
      });
    };
    child.stdout!.on("data", take);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`${bin} could not be started: ${error.message}`));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${bin} exited with ${code} before its ready line; it printed:\n${output}`));
    });
  });
}
