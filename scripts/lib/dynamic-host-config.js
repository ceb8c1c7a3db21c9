"use strict";
/**
 * The Config class Pulumi's Node.js dynamic provider host hands to a dynamic provider's
 * `configure({ config })`. @pulumi/pulumi does not export it: it sits at a private path of the
 * package, `cmd/dynamic-provider/config` (the same file at 3.248.0 and 3.276.0), beside the host's
 * own `cmd/dynamic-provider/index.js`, which loads it as `./config`. This is the one place in the
 * repository that reaches for that path (provider-host-process.js plays the host with it);
 * test/lib/dynamic-host-config.test.ts fails when a release moves it.
 */
const path = require("path");

const hostDir = "@pulumi/pulumi/cmd/dynamic-provider";
const configPath = `${hostDir}/config`;

/** The installed @pulumi/pulumi's version, for messages. */
function sdkVersion() {
  try {
    return require("@pulumi/pulumi/package.json").version;
  } catch {
    return "(version unknown)";
  }
}

/** The host's Config class: `new Config(rawConfig, projectName)`, whose get(key) reads `<project>:<key>` for a bare key. */
function dynamicHostConfig() {
  let loaded;
  try {
    loaded = require(configPath);
  } catch (error) {
    throw new Error(
      `@pulumi/pulumi ${sdkVersion()} has no ${configPath} (${error instanceof Error ? error.message.split("\n")[0] : String(error)}). ` +
        `scripts/lib/provider-host-process.js plays Pulumi's dynamic provider host with the host's own Config class: find where ${hostDir}/index.js now gets it, and point scripts/lib/dynamic-host-config.js there.`,
    );
  }
  if (typeof loaded.Config !== "function") {
    throw new Error(`@pulumi/pulumi ${sdkVersion()}: ${configPath} no longer exports a Config class; see scripts/lib/dynamic-host-config.js.`);
  }
  return loaded.Config;
}

/** Where the host's entry and its Config live in the installed @pulumi/pulumi (for the test). */
function dynamicHostFiles() {
  return { host: require.resolve(hostDir), config: require.resolve(configPath), dir: path.dirname(require.resolve(hostDir)) };
}

module.exports = { dynamicHostConfig, dynamicHostFiles, configPath };
