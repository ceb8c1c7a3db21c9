/** Types for tools/actionlint/index.js: actionlint built from Go modules into .tools/. */

export interface Actionlint {
  /** Absolute path of the actionlint executable. */
  path: string;
  /** The version tools/actionlint/go.mod pins, without the v. */
  version: string;
  /** Whether this call built it (false: a build stamped for this go.mod and go.sum was there). */
  built: boolean;
}

/** Builds actionlint once per machine (concurrent callers wait for one build). Synchronous. */
export function ensureActionlint(): Actionlint;
/** For tools/ensure-tools.js: ensures it, and says in one line what is there. */
export function ensure(): Promise<string>;
/** The actionlint version tools/actionlint/go.mod requires. */
export function pinnedVersion(): string;
