/** Types for tools/lib/go-tool-build.js: a tool built from a Go module of this repository, once per machine. */

export interface GoToolSpec {
  /** Names the tool in messages, e.g. "the Pulumi YAML language host v1.25.0". */
  what: string;
  /** The Go module folder `go build` runs in. */
  moduleDir: string;
  /** Where bin/ and build.json go (under .tools/, ignored by git). */
  installDir: string;
  /** The tool's version, recorded in the stamp. */
  version: string;
  /** The packages to build (import paths, or ./cmd/... of the module). */
  packages: string[];
  /** The executables the build leaves in bin/: the build is current only when all are there. */
  binaries: string[];
  /** -ldflags; default "-s -w". */
  ldflags?: string;
  /** Files of moduleDir whose contents the stamp hashes; default go.mod and go.sum. */
  hashFiles?: string[];
  /** Prints one line (the caller's prefix included). */
  log: (message: string) => void;
}

/** Builds the tool unless its stamp is current; returns its bin folder and whether this call built it. Synchronous. */
export function ensureGoTool(spec: GoToolSpec): { binDir: string; built: boolean };
/** sha256 over the version and the named files of moduleDir. */
export function moduleHash(moduleDir: string, version: string, files: string[]): string;
