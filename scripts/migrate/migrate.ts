/**
 * Moves one stack's connectors from the dynamic provider to the resource plugin with no write to
 * Scalekit and no moment at which the stack does not hold them:
 *   1. `pulumi stack export`, kept as a backup file;
 *   2. `pulumi import --file` of every dynamic connector by its identifier, under the plugin's
 *      type (the plugin reads each one; the dynamic records stay, so the stack holds both);
 *   3. `pulumi stack import` of the state without the dynamic records;
 *   4. the stack's `door` config set to `plugin`, so that the root program declares the same
 *      connectors through the plugin;
 *   5. `pulumi preview --expect-no-changes` to show that the program and Scalekit agree.
 * A failure in 2 or 3 puts the backup back, so the stack is as it was.
 */
import * as fs from "fs";
import * as path from "path";
import type { PulumiRunResult } from "../lib/pulumi-process";
import { importFile, planMigration, withoutResources, type ConnectorToMove, type ExportedStack } from "./plan";

/** Runs one `pulumi` command of the project (never throws on a non-zero exit). */
export type PulumiRunner = (args: readonly string[]) => Promise<PulumiRunResult>;

export interface MigrateOptions {
  stack: string;
  /** Where the backup of the state and the import file are written. */
  workDir: string;
}

export interface MigrationReport {
  /** Connectors the plugin imported in this run. */
  imported: string[];
  /** Connectors the plugin already held (a run stopped half-way before). */
  alreadyImported: string[];
  /** The state before the move, as exported. */
  backupFile: string;
  /** Whether `preview --expect-no-changes` passed afterwards, and its last lines when not. */
  verified: { ok: true } | { ok: false; output: string };
}

/** A step that failed; the stack is as it was before the run (or, when `restored` is false, the backup says how to get there). */
export class MigrationError extends Error {
  override readonly name = "MigrationError";
}

function lastLines(text: string, count = 12): string {
  return text.trim().split("\n").slice(-count).join("\n");
}

async function ok(run: PulumiRunner, args: readonly string[], what: string): Promise<PulumiRunResult> {
  const result = await run(args);
  if (result.code !== 0) throw new MigrationError(`${what} failed (\`pulumi ${args.join(" ")}\` exited with ${result.code ?? result.signal}):\n${lastLines(result.output)}`);
  return result;
}

async function exportStack(run: PulumiRunner, stack: string): Promise<ExportedStack> {
  const result = await ok(run, ["stack", "export", "--stack", stack], `reading the state of stack "${stack}"`);
  return JSON.parse(result.stdout) as ExportedStack;
}

/** `pulumi import` of connectors that share one protect flag (the CLI sets protect per command). */
async function importConnectors(run: PulumiRunner, stack: string, connectors: readonly ConnectorToMove[], file: string, protect: boolean): Promise<void> {
  if (connectors.length === 0) return;
  fs.writeFileSync(file, `${JSON.stringify(importFile(connectors), null, 2)}\n`);
  await ok(
    run,
    ["import", "--stack", stack, "--file", file, "--yes", "--skip-preview", "--generate-code=false", `--protect=${protect}`, "--suppress-progress"],
    `importing ${connectors.length} connector(s) into the plugin`,
  );
}

export async function migrateToPlugin(run: PulumiRunner, options: MigrateOptions): Promise<MigrationReport> {
  const { stack, workDir } = options;
  fs.mkdirSync(workDir, { recursive: true });
  const before = await exportStack(run, stack);
  const plan = planMigration(before);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const backupFile = path.join(workDir, `${stack}-before-plugin-${stamp}.json`);
  fs.writeFileSync(backupFile, `${JSON.stringify(before, null, 2)}\n`);

  try {
    await importConnectors(run, stack, plan.toImport.filter((connector) => !connector.protect), path.join(workDir, `${stack}-import.json`), false);
    await importConnectors(run, stack, plan.toImport.filter((connector) => connector.protect), path.join(workDir, `${stack}-import-protected.json`), true);
    const moved = new Set([...plan.toImport, ...plan.alreadyImported].map((connector) => connector.urn));
    if (moved.size > 0) {
      const after = withoutResources(await exportStack(run, stack), moved);
      const stateFile = path.join(workDir, `${stack}-plugin-only.json`);
      fs.writeFileSync(stateFile, `${JSON.stringify(after)}\n`);
      await ok(run, ["stack", "import", "--stack", stack, "--file", stateFile], "writing the state without the dynamic records");
    }
  } catch (err) {
    const restore = await run(["stack", "import", "--stack", stack, "--file", backupFile]);
    const restored = restore.code === 0 ? "The stack's state is back as it was; nothing was written to Scalekit." : `Putting the state back failed too; restore it with \`pulumi stack import --stack ${stack} --file ${backupFile}\`.`;
    throw new MigrationError(`${(err as Error).message}\n${restored}`);
  }

  await ok(run, ["config", "set", "--stack", stack, "door", "plugin"], "setting the stack's door config to plugin");
  const preview = await run(["preview", "--stack", stack, "--expect-no-changes", "--diff"]);
  return {
    imported: plan.toImport.map((connector) => connector.name),
    alreadyImported: plan.alreadyImported.map((connector) => connector.name),
    backupFile,
    verified: preview.code === 0 ? { ok: true } : { ok: false, output: lastLines(preview.output, 30) },
  };
}
