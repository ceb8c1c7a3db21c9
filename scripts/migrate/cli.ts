/**
 * `npm run migrate -- --stack <stack>`: moves a stack's connectors from the dynamic provider to
 * the resource plugin (migrate.ts says how), then prints what moved and whether the preview
 * afterwards shows no change.
 */
import { CommandError, runCommand } from "../lib/command-line";
import { runPulumiCommand } from "../lib/pulumi-process";
import { parseMigrateArgs, usage } from "./args";
import { MigrationError, migrateToPlugin } from "./migrate";
import { MigrationPlanError } from "./plan";

async function main(argv: string[]): Promise<number> {
  const parsed = parseMigrateArgs(argv, process.cwd());
  if (parsed.kind === "help") {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const { stack, projectDir, workDir } = parsed.args;
  try {
    const report = await migrateToPlugin((args) => runPulumiCommand(args, { cwd: projectDir }), { stack, workDir });
    const lines = [
      `Stack "${stack}": ${report.imported.length} connector(s) imported into the plugin${report.alreadyImported.length > 0 ? `, ${report.alreadyImported.length} it already held` : ""}; the dynamic provider's records are gone.`,
      `The state before the move: ${report.backupFile}`,
      report.verified.ok
        ? "pulumi preview --expect-no-changes: no change. The stack now declares its connectors through the plugin (config door: plugin)."
        : `pulumi preview shows changes after the move (nothing was written to Scalekit):\n${report.verified.output}\nReview them; to move back, run pulumi stack import --stack ${stack} --file ${report.backupFile} and pulumi config rm door --stack ${stack}.`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    return report.verified.ok ? 0 : 1;
  } catch (err) {
    if (err instanceof MigrationError || err instanceof MigrationPlanError) throw new CommandError(`stack "${stack}": ${err.message}`);
    throw err;
  }
}

runCommand("migrate", main);
