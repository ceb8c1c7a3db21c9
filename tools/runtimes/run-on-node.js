#!/usr/bin/env node
"use strict";
/**
 * Runs a command with another Node.js release first on PATH, so that the command and every
 * `node` it starts (Jest, npm, the Pulumi language host, the dynamic provider host, the resource
 * plugin) run on that release:
 *
 *   node tools/runtimes/run-on-node.js maintenance -- jest --selectProjects unit
 *   node tools/runtimes/run-on-node.js 22.23.5 -- node --version
 *
 * `maintenance` is Node.js 22 (tools/runtimes/runtimes.js), `default` the release .node-version
 * names; an exact x.y.z is fetched as it is. The release comes from the npm registry
 * (tools/runtimes/node-from-npm.js), once per machine. Exits with the command's exit code.
 * Plain CommonJS: `npm test` runs it after Jest.
 */
const childProcess = require("child_process");
const { ensureNodeFromNpm } = require("./node-from-npm");
const { runtimeVersions, withFirstOnPath } = require("./runtimes");

function releaseFor(name) {
  if (name === "maintenance") return runtimeVersions.maintenanceNode;
  if (name === "default") return runtimeVersions.node;
  if (/^\d+\.\d+\.\d+$/.test(name || "")) return name;
  throw new Error(`run-on-node: ${JSON.stringify(name)} is no Node.js release; say maintenance, default or an exact x.y.z`);
}

function main(argv) {
  const separator = argv.indexOf("--");
  if (separator !== 1 || argv.length < 3) throw new Error("usage: node tools/runtimes/run-on-node.js <maintenance|default|x.y.z> -- <command> [arguments...]");
  const node = ensureNodeFromNpm(releaseFor(argv[0]));
  const [command, ...args] = argv.slice(2);
  process.stderr.write(`run-on-node: ${[command, ...args].join(" ")} on Node.js ${node.version}\n`);
  const env = { ...withFirstOnPath(node.binDir), SCALEKIT_EXPECTED_NODE: node.version };
  const result = childProcess.spawnSync(command, args, { stdio: "inherit", env });
  if (result.error) throw new Error(`run-on-node: cannot run ${command}: ${result.error.message}`);
  process.exitCode = result.status ?? 1;
}

try {
  main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
