/**
 * The recovery after a killed `pulumi up` on a local (file://) backend, step by step as
 * docs/recovery.md tells a person to do it. Kept in one place so that the test runs exactly
 * the documented commands.
 */
import * as fs from "fs";
import * as path from "path";
import { runPulumi, runPulumiOk, type PulumiSession } from "../../scripts/lib/pulumi-process";

export interface RecoveryLog {
  /** Commands run, in order, for the assertion messages. */
  steps: string[];
  /** Empty `.attrs` sidecar files removed in step 2 (relative to the backend folder). */
  removedSidecars: string[];
}

/** Zero-byte `*.attrs` files next to the stack checkpoints: what a kill during a state write leaves. */
export function emptyCheckpointSidecars(backendDir: string): string[] {
  const stacksDir = path.join(backendDir, ".pulumi", "stacks");
  if (!fs.existsSync(stacksDir)) return [];
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".json.attrs") && fs.statSync(full).size === 0) found.push(full);
    }
  };
  walk(stacksDir);
  return found;
}

export async function recoverAfterKill(session: PulumiSession, stack: string): Promise<RecoveryLog> {
  const log: RecoveryLog = { steps: [], removedSidecars: [] };
  const run = async (args: string[]): Promise<void> => {
    log.steps.push(`pulumi ${args.join(" ")}`);
    await runPulumiOk(session, args);
  };

  // Step 2: a kill in the middle of a state write can leave an empty `<stack>.json.attrs`
  // sidecar on a plain file:// backend; every command, `pulumi cancel` included, then fails with
  // "failed to load checkpoint: EOF". The checkpoint itself is whole (it is renamed into place
  // after the sidecar is written), so the empty sidecar goes.
  const check = await runPulumi(session, ["stack", "export", "--stack", stack]);
  if (check.code !== 0) {
    if (!/failed to load checkpoint/.test(check.output)) throw new Error(`pulumi stack export failed:\n${check.output}`);
    for (const sidecar of emptyCheckpointSidecars(session.backendDir)) {
      fs.rmSync(sidecar);
      log.removedSidecars.push(path.relative(session.backendDir, sidecar));
    }
  }

  // Step 3: remove the lock the killed run left (the file backend's `pulumi cancel` deletes it).
  await run(["cancel", "--yes", "--stack", stack]);

  // Step 4: read every recorded connector back and drop the creates the kill left pending.
  await run(["refresh", "--yes", "--skip-preview", "--clear-pending-creates", "--stack", stack]);

  // Step 5: create what is missing; connectors the killed run created but never recorded are
  // taken over (adoptExisting) instead of refused as twins. `--config` saves the setting in the
  // stack's file, so it is removed afterwards.
  await run(["up", "--yes", "--skip-preview", "--config", "adoptExisting=true", "--stack", stack]);
  await run(["config", "rm", "adoptExisting", "--stack", stack]);

  // Step 6: check: nothing left to do.
  await run(["preview", "--expect-no-changes", "--stack", stack]);
  return log;
}
