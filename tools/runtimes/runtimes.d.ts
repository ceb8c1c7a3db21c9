/** Types for tools/runtimes/runtimes.js: the runtimes the repository is tested on. */
import type { PulumiCli } from "../pulumi-cli";
import type { NodeRelease } from "./node-from-npm";

export const runtimeVersions: {
  /** The default Node.js (24 LTS), the exact release .node-version names. */
  node: string;
  /** Node.js 22, the maintenance LTS. */
  maintenanceNode: string;
  previous: {
    /** Node.js 20, the previous pair's runtime. */
    node: string;
    /** @pulumi/pulumi and the Pulumi CLI of the previous pair. */
    pulumi: string;
    /** The go.mod of tools/pulumi-cli that pins the Pulumi modules at `pulumi`. */
    cliModFile: string;
  };
};

/** The exact release .node-version names. */
export function defaultNodeVersion(): string;
/** 24 for "24.22.3" or "v24.22.3". */
export function majorOf(version: string): number;
/** `baseEnv` (default process.env) with `binDir` first on PATH. */
export function withFirstOnPath(binDir: string, baseEnv?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;

export interface PreviousRuntime {
  node: NodeRelease;
  /** The CLI 3.248 built from go.old.mod, with `env()` as its environment. */
  cli: PulumiCli;
  /** Its version, the same as the SDK's. */
  pulumi: string;
  /** The environment to run it with over baseEnv (default process.env): its folder and Node.js 20 first on PATH. */
  env(baseEnv?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
}

/** Makes sure Node.js 20 and the Pulumi CLI 3.248 exist (fetched or built once per machine). Synchronous. */
export function ensurePreviousRuntime(): PreviousRuntime;
