"use strict";
/**
 * The runtimes this repository is tested on, in one place:
 *   - the default: Node.js 24 LTS (the exact release in .node-version; `.ci/run` fetches it from
 *     the npm registry when the machine's node is older) with the @pulumi/pulumi of the lock file
 *     and the Pulumi CLI tools/pulumi-cli/go.mod builds, at the same version
 *     (test/package/runtime-versions.test.ts keeps them equal);
 *   - the maintenance LTS, Node.js 22: `npm test` ends with the unit project and one real-CLI
 *     scenario under it (tools/runtimes/run-on-node.js);
 *   - the previous pair, for the compatibility run (test/e2e/package/previous-release.test.ts):
 *     Node.js 20, @pulumi/pulumi 3.248.0 (the last that installs on Node.js 20) and the CLI 3.248.0,
 *     built from tools/pulumi-cli/go.old.mod. State written with it must keep working on the default.
 *
 * Node.js releases come from the npm registry (node-from-npm.js), the CLIs from Go modules
 * (tools/pulumi-cli/index.js). Plain CommonJS, so that tools/ensure-tools.js and .ci/run use it before anything is
 * compiled; runtimes.d.ts types it.
 */
const fs = require("fs");
const path = require("path");
const { ensureBuiltCli, pulumiEnv } = require("../pulumi-cli");
const { ensureNodeFromNpm } = require("./node-from-npm");
const { repoRoot } = require("../../scripts/lib/paths");

/** The exact Node.js release .node-version names (the default runtime). */
function defaultNodeVersion() {
  const file = path.join(repoRoot, ".node-version");
  const version = fs.readFileSync(file, "utf8").trim();
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`${file} says ${JSON.stringify(version)}; it must name one exact release, such as 24.22.3`);
  return version;
}

const runtimeVersions = {
  /** Node.js 24 LTS, from .node-version. */
  node: defaultNodeVersion(),
  /** Node.js 22, the maintenance LTS (until 2027-04): the oldest release `engines` allows. */
  maintenanceNode: "22.23.5",
  previous: {
    /** Node.js 20: past its end of life (2026-04-30), the runtime the previous pair ran on. */
    node: "20.20.2",
    /** The last @pulumi/pulumi that installs on Node.js 20 (3.249 and later need 22). */
    pulumi: "3.248.0",
    /** The go.mod of tools/pulumi-cli that pins the Pulumi modules at that version. */
    cliModFile: "go.old.mod",
  },
};

/** The major version of "24.22.3" or "v24.22.3". */
function majorOf(version) {
  return Number(String(version).replace(/^v/, "").split(".")[0]);
}

/** `baseEnv` with `binDir` first on PATH (and nowhere else on it). */
function withFirstOnPath(binDir, baseEnv = process.env) {
  const rest = (baseEnv.PATH || "").split(path.delimiter).filter((dir) => dir && dir !== binDir);
  return { ...baseEnv, PATH: [binDir, ...rest].join(path.delimiter) };
}

/**
 * The previous pair: Node.js 20 from the npm registry and the Pulumi CLI 3.248.0 with our language
 * hosts, built from go.old.mod (once per machine). Returns `{ node, cli, pulumi, env(baseEnv) }`;
 * `env` puts the CLI's folder, then Node.js 20's, first on PATH, so that the language host, the
 * dynamic provider host and the resource plugin all run on Node.js 20.
 */
function ensurePreviousRuntime() {
  const { previous } = runtimeVersions;
  const node = ensureNodeFromNpm(previous.node);
  const cli = ensureBuiltCli(previous.pulumi, previous.cliModFile);
  const env = (baseEnv = process.env) => {
    const withNode = withFirstOnPath(node.binDir, baseEnv);
    return pulumiEnv(cli.binDir, { prepend: true }, withNode);
  };
  return { node, cli: { ...cli, env: env() }, pulumi: previous.pulumi, env };
}

module.exports = { runtimeVersions, defaultNodeVersion, ensurePreviousRuntime, majorOf, withFirstOnPath };
