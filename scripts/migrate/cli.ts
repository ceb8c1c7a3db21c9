/**
 * `npm run connectors -- migrate --stack <stack>`: moves a stack's connectors from the dynamic provider to
 * the resource plugin in two steps around the commit that sets `door: plugin` (migrate.ts says
 * how), and prints what it did and what to do next.
 */
import { CommandError, runCommand } from "../lib/command-line";
import { runPulumiCommand } from "../lib/pulumi-process";
import { parseMigrateArgs, usage } from "./args";
import { DoorConfigError } from "./door-config";
import { MigrationError, migrateToPlugin, type MigrationReport } from "./migrate";
import { MigrationPlanError } from "./plan";

function reportLines(stack: string, report: MigrationReport): string[] {
  const file = `Pulumi.${stack}.yaml`;
  switch (report.step) {
    case "nothing":
      return [`Stack "${stack}": 0 connector(s) imported; the state holds no connector of the dynamic provider, so there is nothing to move.`];
    case "prepare":
      return [
        `Stack "${stack}", step 1 of 2 done: ${report.marked.length} dynamic record(s) marked retained (a run from the plugin door now adopts those connectors without deleting anything in Scalekit), and ${file} says door: plugin.`,
        `The state before this step: ${report.backupFile}`,
        `Next: commit ${file} and push it${report.upstream ? ` to ${report.upstream}` : ""}, the branch your deployments run from; then run npm run connectors -- migrate --stack ${stack} again to move the connectors.`,
        `Until then, a run from a checkout that still says door: dynamic takes the marks away again; step 2 still moves the stack safely afterwards.`,
      ];
    case "move":
      return [
        `Stack "${stack}": ${report.imported.length} connector(s) imported into the plugin${report.alreadyImported.length > 0 ? `, ${report.alreadyImported.length} it already held` : ""}; the dynamic provider's records are gone.`,
        `The plugin's records are marked retained until the next pulumi up writes them: a run from a checkout still on door: dynamic deletes nothing in Scalekit.`,
        `The state before the move: ${report.backupFile}`,
        report.verified.ok
          ? "pulumi preview --expect-no-changes: no change. The stack now declares its connectors through the plugin (config door: plugin)."
          : `pulumi preview shows changes after the move (nothing was written to Scalekit):\n${report.verified.output}\nReview them; to move back, run pulumi stack import --stack ${stack} --file ${report.backupFile} and set door: dynamic again in ${file}.`,
      ];
  }
}

export async function main(argv: string[]): Promise<number> {
  const parsed = parseMigrateArgs(argv, process.cwd());
  if (parsed.kind === "help") {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const { stack, projectDir, workDir } = parsed.args;
  try {
    const report = await migrateToPlugin((args) => runPulumiCommand(args, { cwd: projectDir }), { stack, projectDir, workDir });
    process.stdout.write(`${reportLines(stack, report).join("\n")}\n`);
    return report.step === "move" && !report.verified.ok ? 1 : 0;
  } catch (err) {
    if (err instanceof MigrationError || err instanceof MigrationPlanError || err instanceof DoorConfigError) throw new CommandError(`stack "${stack}": ${err.message}`);
    throw err;
  }
}

// Run as a file of its own (it was the npm script before `npm run connectors`), it still is the migrate.
if (require.main === module) runCommand("migrate", main);
