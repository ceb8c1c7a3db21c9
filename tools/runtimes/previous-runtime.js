"use strict";
/**
 * The previous pair for the compatibility run (test/e2e/package/previous-release.test.ts):
 * Node.js 20 from the npm registry and the Pulumi CLI 3.248.0 with our language hosts, built from
 * tools/pulumi-cli/go.old.mod. tools/runtimes/runtimes.js says which versions and why.
 */
const { ensurePreviousRuntime } = require("./runtimes");

async function ensure() {
  const runtime = ensurePreviousRuntime();
  return `Node.js ${runtime.node.version} (${runtime.node.nodePath}) and pulumi v${runtime.pulumi} built from Go modules (${runtime.cli.pulumiPath})`;
}

module.exports = { ensure };
