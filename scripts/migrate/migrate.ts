/**
 * Moves one stack's connectors from the dynamic provider to the resource plugin with no write to
 * Scalekit, in two steps around the commit that sets `door: plugin` (door-gate.ts says why and
 * decides which step runs):
 *
 * `prepare` (the committed door is still `dynamic`):
 *   1. `pulumi stack export`, kept as a backup file (0600);
 *   2. the dynamic records marked `retainOnDelete` (`pulumi stack import`): a run from a checkout
 *      that already says `door: plugin` then adopts the connectors and drops these records
 *      without deleting anything in Scalekit;
 *   3. `door: plugin` written into the working copy's `Pulumi.<stack>.yaml`, to commit and push.
 * `move` (the commit that says `door: plugin` is on the upstream branch):
 *   1. the backup, as above;
 *   2. `pulumi import --file` of every dynamic connector by its identifier, under the plugin's type
 *      (the plugin reads each one; the stack holds both records for a moment);
 *   3. `pulumi stack import` of the state without the dynamic records, the plugin's marked
 *      `retainOnDelete`, so that a run from a checkout older than the door change deletes nothing
 *      in Scalekit either;
 *   4. `pulumi preview --expect-no-changes` to show that the program and Scalekit agree.
 * Every write is made only over the checkpoint the migration last saw (guarded-state.ts); a
 * failure at any step puts the backup back, unless another run changed the state meanwhile.
 */
import * as path from "path";
import { PLUGIN_CONNECTOR_TYPE } from "../lib/connector-state";
import { gateVerdict, gitFacts, type GateVerdict } from "./door-gate";
import { exportStack, GuardedState, lastLines, MigrationError, runOk, type PulumiRunner } from "./guarded-state";
import { dynamicConnectorUrns, importFile, planMigration, pluginUrnsHolding, withoutResources, withRetainedRecords, type ConnectorToMove, type MigrationPlan } from "./plan";
import { ensurePrivateDir, writePrivateFile } from "./private-file";

export { MigrationError, type PulumiRunner } from "./guarded-state";

export interface MigrateOptions {
  stack: string;
  /** The folder holding Pulumi.yaml and Pulumi.<stack>.yaml. */
  projectDir: string;
  /** Where the backup of the state and the import files are written. */
  workDir: string;
  /** Decides which step may run (default: what git says about Pulumi.<stack>.yaml). */
  gate?: (projectDir: string, stack: string) => GateVerdict;
}

export type MigrationReport =
  /** The state holds no dynamic connector. */
  | { step: "nothing" }
  | {
      step: "prepare";
      /** Connectors whose dynamic records are now retained. */
      marked: string[];
      backupFile: string;
      /** The branch the door change is to be pushed to, when the branch has one. */
      upstream?: string;
    }
  | {
      step: "move";
      /** Connectors the plugin imported in this run. */
      imported: string[];
      /** Connectors the plugin already held by the same name and identifier (a run stopped half-way before). */
      alreadyImported: string[];
      backupFile: string;
      /** Whether `preview --expect-no-changes` passed afterwards, and its last lines when not. */
      verified: { ok: true } | { ok: false; output: string };
    };

function defaultGate(projectDir: string, stack: string): GateVerdict {
  return gateVerdict(gitFacts(projectDir, stack), stack);
}

/** The URN the plugin's record of a connector gets from `pulumi import` (a top-level resource of the same name). */
function pluginUrnOf(connector: ConnectorToMove): string {
  const [prefix, project] = connector.urn.split("::");
  return `${prefix}::${project}::${PLUGIN_CONNECTOR_TYPE}::${connector.name}`;
}

async function withRestoreOnFailure<T>(state: GuardedState, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const outcome = await state.restore();
    throw new MigrationError(`${(err as Error).message}\n${outcome}`);
  }
}

async function prepare(run: PulumiRunner, state: GuardedState, options: MigrateOptions, plan: MigrationPlan, upstream: string | undefined): Promise<MigrationReport> {
  const { stack, workDir } = options;
  const marked = withRetainedRecords(state.current, dynamicConnectorUrns(state.current));
  await withRestoreOnFailure(state, async () => {
    await state.replace(marked, path.join(workDir, `${stack}-dynamic-retained.json`), "marking the dynamic records retained");
    await runOk(run, ["config", "set", "--stack", stack, "door", "plugin"], `writing door: plugin into Pulumi.${stack}.yaml`);
  });
  return { step: "prepare", marked: [...plan.toImport, ...plan.alreadyImported].map((connector) => connector.name), backupFile: state.backupFile, ...(upstream ? { upstream } : {}) };
}

async function move(run: PulumiRunner, state: GuardedState, options: MigrateOptions, plan: MigrationPlan): Promise<MigrationReport> {
  const { stack, workDir } = options;
  await withRestoreOnFailure(state, async () => {
    for (const protect of [false, true]) {
      const connectors = plan.toImport.filter((connector) => connector.protect === protect);
      if (connectors.length === 0) continue;
      const file = path.join(workDir, `${stack}-import${protect ? "-protected" : ""}.json`);
      writePrivateFile(file, `${JSON.stringify(importFile(connectors), null, 2)}\n`);
      await state.add(
        new Set(connectors.map(pluginUrnOf)),
        ["import", "--stack", stack, "--file", file, "--yes", "--skip-preview", "--generate-code=false", `--protect=${protect}`, "--suppress-progress"],
        `importing ${connectors.length} connector(s) into the plugin`,
      );
    }
    const moved = [...plan.toImport, ...plan.alreadyImported];
    const pluginRecords = pluginUrnsHolding(state.current, new Set(moved.map((connector) => connector.id)));
    const missing = moved.filter((connector) => !pluginRecords.has(pluginUrnOf(connector)));
    if (missing.length > 0) throw new MigrationError(`after the import the plugin holds no record of ${missing.map((connector) => `"${connector.name}" (${connector.id})`).join(", ")}`);
    const next = withRetainedRecords(withoutResources(state.current, new Set(moved.map((connector) => connector.urn))), pluginRecords);
    await state.replace(next, path.join(workDir, `${stack}-plugin-only.json`), "writing the state without the dynamic records");
  });
  const preview = await run(["preview", "--stack", stack, "--expect-no-changes", "--diff"]);
  return {
    step: "move",
    imported: plan.toImport.map((connector) => connector.name),
    alreadyImported: plan.alreadyImported.map((connector) => connector.name),
    backupFile: state.backupFile,
    verified: preview.code === 0 ? { ok: true } : { ok: false, output: lastLines(preview.output, 30) },
  };
}

export async function migrateToPlugin(run: PulumiRunner, options: MigrateOptions): Promise<MigrationReport> {
  const { stack, workDir, projectDir } = options;
  const before = await exportStack(run, stack);
  const plan = planMigration(before);
  if (plan.toImport.length === 0 && plan.alreadyImported.length === 0) return { step: "nothing" };
  const verdict = (options.gate ?? defaultGate)(projectDir, stack);
  if ("refused" in verdict) throw new MigrationError(`${verdict.refused}\nNothing was changed.`);

  ensurePrivateDir(workDir);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const backupFile = path.join(workDir, `${stack}-before-plugin-${stamp}.json`);
  writePrivateFile(backupFile, `${JSON.stringify(before, null, 2)}\n`);
  const state = new GuardedState(run, stack, before, backupFile);
  return verdict.step === "prepare" ? prepare(run, state, options, plan, verdict.upstream) : move(run, state, options, plan);
}
