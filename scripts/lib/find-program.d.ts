/** Types for scripts/lib/find-program.js: finding a program on PATH. */

export interface FindOptions {
  /** Search this instead of process.env.PATH. */
  pathValue?: string;
  /** Leaves out a folder of PATH (called with its absolute path). */
  skip?: (dir: string) => boolean;
}

/** The absolute path of the executable file `name` in the first folder of PATH that has one, or undefined. */
export function findOnPath(name: string, options?: FindOptions): string | undefined;
