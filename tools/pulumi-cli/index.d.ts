/** Types for tools/pulumi-cli/index.js (plain CommonJS, so that `npm run pulumi` needs no TypeScript loader). */

export interface PulumiCli {
  /** Absolute path of the pulumi executable. */
  pulumiPath: string;
  /** Folder of that executable. */
  binDir: string;
  /** The whole environment to run pulumi with: process.env plus PATH and the offline switches. */
  env: NodeJS.ProcessEnv;
  /** "path": a pulumi found on PATH; "build": the one built from source under .tools/. */
  source: "path" | "build";
}

export interface EnsureOptions {
  /** Use (and if needed build) the CLI from source even when a pulumi is on PATH. Default: PULUMI_CLI_FROM_SOURCE. */
  fromSource?: boolean;
}

/** Finds or builds the Pulumi CLI (once per machine; concurrent callers wait for one build). Synchronous. */
export function ensurePulumiCli(options?: EnsureOptions): PulumiCli;
/**
 * Builds (once per machine and source hash) the Pulumi CLI at `version` and the project's Node.js
 * language host against it, from tools/pulumi-cli with `modFile` (a go.mod there pinning that
 * version, e.g. "go.old.mod"), into .tools/pulumi/v<version>/bin/. Never looks at PATH. Synchronous.
 */
export function ensureBuiltCli(version: string, modFile: string): PulumiCli;
/** A program on PATH, never one of this project's builds under .tools/pulumi/. */
export function onPath(name: string): string | undefined;
/** The installed @pulumi/pulumi version, checked equal to the version tools/pulumi-cli/go.mod pins. */
export function checkPinnedVersion(): string;
/** The installed @pulumi/pulumi version. */
export function sdkVersion(): string;
/** The environment for running pulumi from binDir (prepend: put binDir first on PATH). */
export function pulumiEnv(binDir: string, options: { prepend: boolean }, baseEnv?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
