import { spawn } from "child_process";
import { pulumiCommand } from "../lib/pulumi-process";

/** What a read-only Pulumi CLI command gave: its output, or why it did not succeed. */
export type PulumiReadResult = { ok: true; stdout: string } | { ok: false; reason: string; output: string };

/** The last lines of a command's output on one line, for messages. */
export function lastLines(text: string, count: number): string {
  return text.trim().split("\n").slice(-count).join(" ").trim();
}

/**
 * Runs one read-only command of this project's Pulumi CLI (the one `npm run pulumi` uses) in the
 * project folder, in the user's own backend and with the user's own passphrase (whatever
 * PULUMI_BACKEND_URL / `pulumi login` and PULUMI_CONFIG_PASSPHRASE say). Never throws: a CLI
 * that cannot be found or started, or a non-zero exit, is `ok: false` with the reason.
 */
export async function runPulumiRead(projectDir: string, args: readonly string[], baseEnv: NodeJS.ProcessEnv = process.env): Promise<PulumiReadResult> {
  let cli;
  try {
    cli = await pulumiCommand();
  } catch (err) {
    return { ok: false, reason: `no Pulumi CLI (${(err as Error).message})`, output: "" };
  }
  const fullArgs = [...args, "--non-interactive"];
  return new Promise((resolve) => {
    const child = spawn(cli.pulumiPath, fullArgs, {
      cwd: projectDir,
      env: { ...baseEnv, ...cli.env, PULUMI_SKIP_UPDATE_CHECK: "true", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", (err) => resolve({ ok: false, reason: `pulumi could not be started: ${err.message}`, output: "" }));
    child.on("close", (code) => {
      if (code === 0) resolve({ ok: true, stdout });
      else resolve({ ok: false, reason: `\`pulumi ${args.join(" ")}\` failed: ${lastLines(stderr || stdout, 2)}`, output: `${stderr}\n${stdout}` });
    });
  });
}
