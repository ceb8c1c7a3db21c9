import { spawn } from "child_process";
import * as path from "path";
import { repoRoot } from "../../scripts/lib/paths";


export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `scripts/review/cli.ts` the way `npm run review` does, asynchronously (the emulators
 * answer from this process), with exactly the environment given plus PATH and HOME.
 */
export function runReviewCli(args: string[], env: NodeJS.ProcessEnv, cwd = repoRoot): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), path.join(repoRoot, "scripts", "review", "cli.ts"), ...args], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TS_NODE_PROJECT: path.join(repoRoot, "tsconfig.json"), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
