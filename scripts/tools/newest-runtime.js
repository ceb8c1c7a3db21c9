"use strict";
/**
 * The newest runtime for the compatibility suite (test/e2e/package/newest-runtime.test.ts):
 * Node.js 24 from the npm registry and the newest Pulumi CLI with our language host, built from
 * Go modules (tools/pulumi-cli/go.newest.mod) unless a pulumi at least that new is on PATH.
 * scripts/lib/newest-runtime.js says which versions and why.
 */
const { ensureNewestRuntime } = require("../lib/newest-runtime");

async function ensure() {
  const runtime = ensureNewestRuntime();
  const cli = runtime.cli.source === "path" ? `your own pulumi v${runtime.cliVersion} (${runtime.cli.pulumiPath})` : `pulumi v${runtime.cliVersion} built from Go modules (${runtime.cli.pulumiPath})`;
  return `Node.js ${runtime.node.version} (${runtime.node.nodePath}) and ${cli}`;
}

module.exports = { ensure };
