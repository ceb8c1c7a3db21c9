/**
 * The quick start: two local Scalekit environments (Dev and Production emulators), the root
 * Pulumi program applied to the stack `dev` and then to `production` with a local file backend,
 * the stack outputs printed, the emulators stopped. Nothing leaves this machine.
 */
import * as fs from "fs";
import * as path from "path";
import { credentialsEnv } from "./lib/credentials";
import { startEmulators } from "./lib/emulators";
import { scratchDir } from "./lib/paths";
import { prepareProjectCopy } from "./lib/project-copy";
import { pulumiCommand, runPulumiOk, PulumiSession } from "./lib/pulumi-process";

const stacks = ["dev", "production"] as const;

function heading(text: string): void {
  process.stdout.write(`\n=== ${text}\n`);
}

async function main(): Promise<void> {
  const workDir = path.join(scratchDir, "quickstart");
  fs.rmSync(workDir, { recursive: true, force: true });
  prepareProjectCopy(workDir);
  const backendDir = path.join(workDir, ".pulumi-backend");
  fs.mkdirSync(backendDir, { recursive: true });

  heading("Pulumi CLI");
  const cli = await pulumiCommand();
  process.stdout.write(`using ${cli.pulumiPath}\n`);

  const environments = await startEmulators({ dev: {}, production: {} });
  try {
    for (const stack of stacks) {
      process.stdout.write(`Scalekit ${stack} emulator at ${environments[stack].url}\n`);
    }
    const session: PulumiSession = { cwd: workDir, backendDir, passphrase: "quickstart-local-only" };
    const summary: Record<string, unknown> = {};
    for (const stack of stacks) {
      const env = credentialsEnv(environments[stack].credentials);
      heading(`pulumi up --stack ${stack}`);
      await runPulumiOk(session, ["stack", "init", stack]);
      await runPulumiOk(session, ["up", "--yes", "--skip-preview", "--stack", stack], {
        env,
        onOutput: (chunk) => process.stdout.write(chunk),
      });
      const outputs = await runPulumiOk(session, ["stack", "output", "--json", "--stack", stack], { env });
      summary[stack] = JSON.parse(outputs.stdout);
    }
    heading("Stack outputs (connector file -> Scalekit identifier)");
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    process.stdout.write(`\nState and stack files are in ${path.relative(process.cwd(), workDir) || "."}; the emulators stop now.\n`);
  } finally {
    await environments.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\nThe quick start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
