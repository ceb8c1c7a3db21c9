/**
 * Runs a subcommand of the repository's tool, `scripts/connectors/cli.ts <tool>`, the way its npm
 * script does (`npm run connectors -- review`, `npm run pull`: Node.js with ts-node, transpile
 * only), as a separate process so that the emulators keep answering from the suite's own.
 */
import { spawn } from "child_process";
import * as path from "path";
import { repoRoot } from "../../scripts/lib/paths";

export interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `tool` with `args` in `cwd` (default the repository), with exactly the environment given plus PATH and HOME. */
export function runTool(tool: "review" | "pull" | "migrate", args: readonly string[], env: NodeJS.ProcessEnv, cwd = repoRoot): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-r", require.resolve("ts-node/register/transpile-only"), path.join(repoRoot, "scripts", "connectors", "cli.ts"), tool, ...args], {
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
