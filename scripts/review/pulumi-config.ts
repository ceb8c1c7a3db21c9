import { spawn } from "child_process";
import { pulumiCommand } from "../lib/pulumi-process";
import type { StackConfigReader, StackConfigResult } from "./credentials";

/** One entry of `pulumi config --json`: `{ "value": "...", "secret": true }` (objects under `objectValue`). */
interface ConfigEntry {
  value?: unknown;
  objectValue?: unknown;
  secret?: boolean;
}

/** Turns `pulumi config --json` output into key → string value (objects as their JSON text). */
export function parseConfigJson(stdout: string): Record<string, string> {
  const parsed = JSON.parse(stdout) as Record<string, ConfigEntry>;
  const values: Record<string, string> = {};
  for (const [key, entry] of Object.entries(parsed)) {
    const value = entry.value ?? entry.objectValue;
    if (value === undefined || value === null) continue;
    values[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return values;
}

function lastLines(text: string, count: number): string {
  return text.trim().split("\n").slice(-count).join(" ").trim();
}

/**
 * Reads stacks' config with this project's Pulumi CLI, in the user's own backend and with the
 * user's own passphrase (whatever PULUMI_BACKEND_URL / `pulumi login` and PULUMI_CONFIG_PASSPHRASE say).
 * A stack that cannot be read (no such stack, not logged in, wrong passphrase) is "unavailable", not an error:
 * the credentials then come from environment variables.
 */
export function pulumiStackConfigReader(projectDir: string, baseEnv: NodeJS.ProcessEnv = process.env): StackConfigReader {
  return async (stack: string): Promise<StackConfigResult> => {
    let cli;
    try {
      cli = await pulumiCommand();
    } catch (err) {
      return { available: false, reason: `no Pulumi CLI (${(err as Error).message})` };
    }
    const args = ["config", "--json", "--show-secrets", "--stack", stack, "--non-interactive"];
    return new Promise((resolve) => {
      const child = spawn(cli.pulumiPath, args, {
        cwd: projectDir,
        env: { ...baseEnv, ...cli.env, PULUMI_SKIP_UPDATE_CHECK: "true", NO_COLOR: "1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
      child.on("error", (err) => resolve({ available: false, reason: `pulumi could not be started: ${err.message}` }));
      child.on("close", (code) => {
        if (code !== 0) {
          resolve({ available: false, reason: `\`pulumi ${args.slice(0, 5).join(" ")}\` failed: ${lastLines(stderr || stdout, 2)}` });
          return;
        }
        try {
          resolve({ available: true, values: parseConfigJson(stdout) });
        } catch (err) {
          resolve({ available: false, reason: `pulumi config printed something that is not JSON (${(err as Error).message})` });
        }
      });
    });
  };
}
