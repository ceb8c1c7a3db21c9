/**
 * The state file: read once at start, then written after every change.
 * Writes go to a temporary file that is renamed over the state file, so a
 * reader never sees half a file. Writes never overlap: changes made while a
 * write is under way are gathered into the next one, which snapshots the
 * state when it starts, so the last state always wins.
 */

import { mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { PersistedState } from "./store";
import { isPlainObject } from "./validation";

/** Reads a state file; `undefined` when there is none yet. */
export async function loadState(path: string): Promise<PersistedState | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`state file ${path} is not valid JSON (${(error as Error).message}); fix it or delete it to start empty`);
  }
  return checkState(data, path);
}

function checkState(data: unknown, path: string): PersistedState {
  const broken = (why: string) => new Error(`state file ${path} is not an emulator state file: ${why}`);
  if (!isPlainObject(data) || data.version !== 1) throw broken(`expected an object with "version": 1`);
  const { providers, usage } = data;
  if (!Array.isArray(providers)) throw broken(`"providers" must be an array`);
  if (!isPlainObject(usage)) throw broken(`"usage" must be an object`);
  const seen = new Set<string>();
  for (const [index, provider] of providers.entries()) {
    if (!isPlainObject(provider) || typeof provider.identifier !== "string") {
      throw broken(`providers[${index}] has no string "identifier"`);
    }
    if (seen.has(provider.identifier)) throw broken(`identifier "${provider.identifier}" appears twice`);
    seen.add(provider.identifier);
  }
  for (const [identifier, entry] of Object.entries(usage)) {
    if (!isPlainObject(entry) || !isCount(entry.connections) || !isCount(entry.connectedAccounts)) {
      throw broken(`usage of "${identifier}" must hold whole-number "connections" and "connectedAccounts"`);
    }
  }
  return data as unknown as PersistedState;
}

function isCount(value: unknown): boolean {
  return Number.isInteger(value) && (value as number) >= 0;
}

interface Waiters {
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function waiters(): Waiters {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // callers get the error; no unhandled rejection when nobody waits
  return { promise, resolve, reject };
}

export class StateWriter {
  private writing: Promise<void> | undefined;
  private next: Waiters | undefined;
  private tmpCounter = 0;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => PersistedState,
  ) {}

  /** Creates the folder of the state file. */
  async prepare(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
  }

  /** Resolves once a write that began after this call has finished. */
  save(): Promise<void> {
    this.next ??= waiters();
    const { promise } = this.next;
    if (this.writing === undefined) this.startNextWrite();
    return promise;
  }

  /** Resolves when no write is under way or waiting. */
  async flush(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
  }

  private startNextWrite(): void {
    const batch = this.next;
    this.next = undefined;
    if (batch === undefined) {
      this.writing = undefined;
      return;
    }
    const text = JSON.stringify(this.snapshot(), null, 2) + "\n";
    this.writing = this.writeAtomically(text)
      .then(batch.resolve, batch.reject)
      .finally(() => this.startNextWrite());
  }

  private async writeAtomically(text: string): Promise<void> {
    const tmpPath = `${this.path}.${process.pid}.${this.tmpCounter++}.tmp`;
    try {
      await writeFile(tmpPath, text, "utf8");
      await rename(tmpPath, this.path);
    } catch (error) {
      await unlink(tmpPath).catch(() => undefined);
      throw error;
    }
  }
}
