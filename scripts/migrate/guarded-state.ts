/**
 * The migration's hold on one stack's state: every read is a `pulumi stack export`, every write
 * a `pulumi stack import` (or a `pulumi import`) made only after checking that the checkpoint is
 * still the one this migration last saw, and a way back to the backup that refuses to overwrite
 * what another run wrote in the meantime.
 */
import type { PulumiRunResult } from "../lib/pulumi-process";
import { changesBeyond, sameCheckpoint } from "./checkpoint";
import type { ExportedStack } from "./plan";
import { writePrivateFile } from "./private-file";

/** Runs one `pulumi` command of the project (never throws on a non-zero exit). */
export type PulumiRunner = (args: readonly string[]) => Promise<PulumiRunResult>;

/** A step that failed; the message says what state the stack is in and what to do. */
export class MigrationError extends Error {
  override readonly name = "MigrationError";
}

/** Another run changed the stack's state while the migration was working on it. */
export class ConcurrentChangeError extends MigrationError {
  constructor(
    readonly changed: readonly string[],
    what: string,
  ) {
    super(
      `the state changed while the migration was working (${changed.length === 0 ? "the checkpoint was rewritten" : `changed: ${changed.slice(0, 5).join(", ")}${changed.length > 5 ? `, and ${changed.length - 5} more` : ""}`}), ` +
        `so it stopped before ${what}. Another update, refresh or state edit of this stack ran in between; let it finish and run the migration again.`,
    );
  }
}

export function lastLines(text: string, count = 12): string {
  return text.trim().split("\n").slice(-count).join("\n");
}

export async function runOk(run: PulumiRunner, args: readonly string[], what: string): Promise<PulumiRunResult> {
  const result = await run(args);
  if (result.code !== 0) throw new MigrationError(`${what} failed (\`pulumi ${args.join(" ")}\` exited with ${result.code ?? result.signal}):\n${lastLines(result.output)}`);
  return result;
}

export async function exportStack(run: PulumiRunner, stack: string): Promise<ExportedStack> {
  const result = await runOk(run, ["stack", "export", "--stack", stack], `reading the state of stack "${stack}"`);
  return JSON.parse(result.stdout) as ExportedStack;
}

export class GuardedState {
  /** The checkpoint as the migration last saw it (after its own last write). */
  private lastSeen: ExportedStack;
  /** The resources the migration itself may have added since `lastSeen` (a `pulumi import` that failed half-way). */
  private pendingOwn = new Set<string>();
  /** Whether the migration has run a command that writes the state. */
  private wrote = false;

  constructor(
    private readonly run: PulumiRunner,
    private readonly stack: string,
    /** The state as exported at the start, also written to `backupFile`. */
    private readonly backup: ExportedStack,
    readonly backupFile: string,
  ) {
    this.lastSeen = backup;
  }

  get current(): ExportedStack {
    return this.lastSeen;
  }

  /** Throws ConcurrentChangeError unless the checkpoint is still the one last seen. */
  async expectUnchanged(before: string): Promise<void> {
    const now = await exportStack(this.run, this.stack);
    if (!sameCheckpoint(now, this.lastSeen)) throw new ConcurrentChangeError(changesBeyond(this.lastSeen, now, new Set()), before);
  }

  /** `pulumi stack import` of `next` (written to `file` first), after checking the checkpoint. */
  async replace(next: ExportedStack, file: string, what: string): Promise<void> {
    writePrivateFile(file, `${JSON.stringify(next)}\n`);
    await this.expectUnchanged(what);
    this.wrote = true;
    await runOk(this.run, ["stack", "import", "--stack", this.stack, "--file", file], what);
    this.lastSeen = await exportStack(this.run, this.stack);
  }

  /**
   * Runs a command that adds the resources `adds` to the state (`pulumi import`), after checking
   * the checkpoint; afterwards the state must differ only by those resources.
   */
  async add(adds: ReadonlySet<string>, args: readonly string[], what: string): Promise<void> {
    await this.expectUnchanged(what);
    this.pendingOwn = new Set(adds);
    this.wrote = true;
    await runOk(this.run, args, what);
    const now = await exportStack(this.run, this.stack);
    const others = changesBeyond(this.lastSeen, now, adds);
    if (others.length > 0) throw new ConcurrentChangeError(others, "the next step");
    this.lastSeen = now;
    this.pendingOwn = new Set();
  }

  /**
   * Puts the backup back, but only over a checkpoint that holds nothing but the migration's own
   * changes; says in words what state the stack is in.
   */
  async restore(): Promise<string> {
    const now = await exportStack(this.run, this.stack).catch(() => undefined);
    const by = `pulumi stack import --stack ${this.stack} --file ${this.backupFile}`;
    if (now === undefined) return `The state could not be read to check it; once no other run is going, compare it with the backup and restore it if needed with \`${by}\`.`;
    if (sameCheckpoint(now, this.backup)) return "The stack's state is as it was before the migration; nothing was written to Scalekit.";
    if (!this.wrote) return "The migration wrote nothing to the state (it is as the other run left it) and nothing to Scalekit.";
    const foreign = changesBeyond(this.lastSeen, now, this.pendingOwn);
    if (foreign.length > 0) {
      return (
        `The state was not put back, because another run changed it too (${foreign.slice(0, 5).join(", ")}): putting the backup back would undo that run's work. ` +
        `Nothing was written to Scalekit by the migration. Review the state (pulumi stack export --stack ${this.stack}) and, if the backup is what you want, restore it with \`${by}\`.`
      );
    }
    const result = await this.run(["stack", "import", "--stack", this.stack, "--file", this.backupFile]);
    if (result.code !== 0) return `Putting the state back failed too (${lastLines(result.output, 3)}); restore it with \`${by}\`.`;
    return "The stack's state is back as it was; nothing was written to Scalekit.";
  }
}
