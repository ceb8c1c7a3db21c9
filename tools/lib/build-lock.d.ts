/** Types for tools/lib/build-lock.js: building a tool once per machine. */

export interface LockOptions {
  /** Names the tool in the waiting message, e.g. "the Pulumi CLI". */
  what: string;
  /** Prints one line (the caller's prefix included). */
  log: (message: string) => void;
  /** How long to wait for another build before giving up; default 30 minutes. */
  waitLimitMs?: number;
}

/** Runs fn while holding the lock folder lockDir (waiting for, or taking over from, another process); returns what fn returned. */
export function withLock<T>(lockDir: string, fn: () => T, options: LockOptions): T;
/** The JSON of a build's stamp file, or undefined when it is missing or unreadable. */
export function readStamp(stampFile: string): any;
