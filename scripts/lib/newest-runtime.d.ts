/** Types for scripts/lib/newest-runtime.js: Node.js 24 and the newest Pulumi CLI, for the compatibility suite. */
import type { PulumiCli } from "../pulumi-cli";
import type { NodeRelease } from "./node-from-npm";

export const newestVersions: {
  /** Node.js 24 LTS release, from the npm registry. */
  node: string;
  /** The @pulumi/pulumi version installed into the compatibility project. */
  pulumiSdk: string;
  /** The Pulumi CLI version built from Go modules (or the minimum a user's own CLI must have). */
  pulumiCli: string;
  /** The go.mod of tools/pulumi-cli pinning the Pulumi modules at pulumiCli. */
  cliModFile: string;
};

export interface NewestRuntime {
  node: NodeRelease;
  /** The newest CLI: the user's own when at least pulumiCli ("path"), else the build ("build"). */
  cli: PulumiCli;
  /** Its version (x.y.z). */
  cliVersion: string;
  /** The environment to run the CLI with over baseEnv (default process.env): its folder and Node.js 24 first on PATH. */
  env(baseEnv?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
}

/** Makes sure Node.js 24 and the newest Pulumi CLI exist (fetched or built once per machine). Synchronous. */
export function ensureNewestRuntime(): NewestRuntime;
/** [major, minor, patch] of a version such as "v3.276.0", or undefined. */
export function versionParts(text: string): [number, number, number] | undefined;
