/** Types for tools/pulumi-yaml/index.js: Pulumi YAML's language host, built from Go modules when the project builds its CLI. */
import type { EnsureOptions, PulumiCli } from "../pulumi-cli";

export type PulumiYaml =
  /** The CLI is Pulumi's own, found on PATH: it bundles pulumi-language-yaml, nothing was built. */
  | { source: "path"; cli: PulumiCli }
  | {
      source: "build";
      /** The link in the CLI's bin folder, where the engine finds the host. */
      path: string;
      /** The pulumi-yaml version tools/pulumi-yaml/go.mod pins, without the v. */
      version: string;
      /** Whether this call built it. */
      built: boolean;
      cli: PulumiCli;
    };

/** Makes sure the project's CLI finds a YAML language host (building it once per machine). Synchronous. */
export function ensurePulumiYaml(options?: EnsureOptions): PulumiYaml;
/** For tools/ensure-tools.js: ensures it, and says in one line what is there. */
export function ensure(): Promise<string>;
/** The pulumi-yaml version tools/pulumi-yaml/go.mod requires. */
export function pinnedVersion(): string;
