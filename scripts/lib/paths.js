"use strict";
/**
 * Where things are in this repository, computed in this one place. Plain CommonJS, so that
 * tools/pulumi-cli/index.js (run without a TypeScript loader) uses it too; paths.d.ts types it.
 */
const path = require("path");

const repoRoot = path.resolve(__dirname, "..", "..");

module.exports = {
  repoRoot,
  /** The root program's connector definitions. */
  connectorsDir: path.join(repoRoot, "connectors"),
  /** The repository's node_modules: working copies of a program link to it. */
  nodeModulesDir: path.join(repoRoot, "node_modules"),
  /** The Go module the Pulumi CLI is built from when none is on PATH (tools/pulumi-cli/README.md). */
  pulumiCliModuleDir: path.join(repoRoot, "tools", "pulumi-cli"),
  /** Where that build goes (ignored by git). */
  pulumiCliBuildDir: path.join(repoRoot, ".tools", "pulumi"),
  /** Scratch space for runs that keep their files, such as the quick start (ignored by git). */
  scratchDir: path.join(repoRoot, ".work"),
  /** The Jest suites' fixtures. */
  testFixturesDir: path.join(repoRoot, "test", "fixtures"),
};
