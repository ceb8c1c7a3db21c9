/** Types for scripts/lib/paths.js: where things are in this repository. */

/** The repository root: where Pulumi.yaml, index.ts, package.json and node_modules are. */
export const repoRoot: string;
/** The root program's connector definitions. */
export const connectorsDir: string;
/** The repository's node_modules: working copies of a program link to it. */
export const nodeModulesDir: string;
/** The Go module the Pulumi CLI is built from when none is on PATH. */
export const pulumiCliModuleDir: string;
/** Where that build goes (ignored by git). */
export const pulumiCliBuildDir: string;
/** Scratch space for runs that keep their files, such as the quick start (ignored by git). */
export const scratchDir: string;
/** The Jest suites' fixtures. */
export const testFixturesDir: string;
