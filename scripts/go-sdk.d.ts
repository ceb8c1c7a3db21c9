/** Types for scripts/go-sdk.js: the scalekit plugin's Go SDK, generated from provider/schema.json. */
import type { PulumiCli } from "../tools/pulumi-cli";

/** The Go module the SDK is generated as: github.com/scalekit-connectors-as-code/sdk/go. */
export const goSdkModule: string;
/** provider/schema.json with this project's Go options (module path, go.mod, pinned version). */
export function goSdkSchema(): Record<string, any>;
/** Generates the SDK into `outDir`/go with the project's CLI (or `cli`), replacing what is there; returns that folder. Synchronous. */
export function generateGoSdk(outDir: string, options?: { cli?: PulumiCli; env?: NodeJS.ProcessEnv }): string;
