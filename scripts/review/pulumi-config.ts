import type { StackConfigReader, StackConfigResult } from "./credentials";
import { runPulumiRead } from "./pulumi-run";

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

/**
 * Reads stacks' config with this project's Pulumi CLI, in the user's own backend and with the
 * user's own passphrase (whatever PULUMI_BACKEND_URL / `pulumi login` and PULUMI_CONFIG_PASSPHRASE say).
 * A stack that cannot be read (no such stack, not logged in, wrong passphrase) is "unavailable", not an error:
 * the credentials then come from environment variables.
 */
export function pulumiStackConfigReader(projectDir: string, baseEnv: NodeJS.ProcessEnv = process.env): StackConfigReader {
  return async (stack: string): Promise<StackConfigResult> => {
    const result = await runPulumiRead(projectDir, ["config", "--json", "--show-secrets", "--stack", stack], baseEnv);
    if (!result.ok) return { available: false, reason: result.reason };
    try {
      return { available: true, values: parseConfigJson(result.stdout) };
    } catch (err) {
      return { available: false, reason: `pulumi config printed something that is not JSON (${(err as Error).message})` };
    }
  };
}
