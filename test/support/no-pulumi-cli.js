/**
 * Stands in for tools/pulumi-cli/index.js in Jest's unit project (jest.config.js): unit suites run
 * without a Pulumi CLI, so one that asks for it fails at once, saying where it belongs.
 */
function ensurePulumiCli() {
  throw new Error("a unit suite asked for the Pulumi CLI; suites that run it belong under test/e2e/ (Jest project e2e)");
}

function refuse() {
  return ensurePulumiCli();
}

module.exports = { ensurePulumiCli, checkPinnedVersion: refuse, sdkVersion: refuse, pulumiEnv: refuse };
