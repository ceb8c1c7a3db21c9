"use strict";
/**
 * Pulumi YAML's language host (`pulumi-language-yaml`, github.com/pulumi/pulumi-yaml), for
 * programs with `runtime: yaml`, when the project uses the Pulumi CLI it builds from Go modules.
 * A pulumi found on PATH (Pulumi's own distribution) bundles this host, so nothing is built then.
 *
 * Built once per machine from tools/pulumi-yaml/go.mod (its own module: pulumi-yaml v1.25.0
 * compiles only against the Pulumi packages it was released with, older than the CLI's) into
 * .tools/pulumi-yaml/v<version>/bin/, with a stamp and the build lock (tools/lib/go-tool-build.js),
 * and linked into the CLI's bin folder, where the engine looks for the language hosts it bundles.
 *
 *   node tools/pulumi-yaml/index.js      make sure it is there, print its path (or that none is needed)
 *
 * tools/ensure-tools.js calls ensure() before Jest. Plain CommonJS, like that script.
 */
const fs = require("fs");
const path = require("path");
const { ensureGoTool } = require("../lib/go-tool-build");
const { repoRoot } = require("../../scripts/lib/paths");
const { ensurePulumiCli } = require("../pulumi-cli");

const moduleDir = path.join(repoRoot, "tools", "pulumi-yaml");
const buildDir = path.join(repoRoot, ".tools", "pulumi-yaml");
const modulePath = "github.com/pulumi/pulumi-yaml";
const hostName = "pulumi-language-yaml";

function log(message) {
  process.stderr.write(`pulumi-yaml: ${message}\n`);
}

/** The pulumi-yaml version tools/pulumi-yaml/go.mod requires. */
function pinnedVersion() {
  const goMod = path.join(moduleDir, "go.mod");
  const match = fs.readFileSync(goMod, "utf8").match(/github\.com\/pulumi\/pulumi-yaml v(\S+)/);
  if (!match) throw new Error(`${goMod} does not require ${modulePath}; restore it with: cd tools/pulumi-yaml && go get -tool ${modulePath}/cmd/${hostName}@<version>`);
  return match[1];
}

/** Makes `link` a symbolic link to `target`, replacing whatever else is there. */
function linkTo(link, target) {
  let current;
  try {
    current = fs.readlinkSync(link);
  } catch {
    current = undefined;
  }
  if (current === target) return;
  fs.rmSync(link, { force: true });
  fs.symlinkSync(target, link);
}

/**
 * Makes sure the CLI the project uses finds a YAML language host. Returns `{ source: "path", cli }`
 * when the CLI is one found on PATH (it bundles its own), else `{ source: "build", path, version,
 * built, cli }` with the link in the CLI's bin folder. Synchronous.
 */
function ensurePulumiYaml(options = {}) {
  const cli = ensurePulumiCli(options);
  if (cli.source === "path") return { source: "path", cli };
  const version = pinnedVersion();
  const { binDir, built } = ensureGoTool({
    what: `the Pulumi YAML language host v${version}`,
    moduleDir,
    installDir: path.join(buildDir, `v${version}`),
    version,
    packages: [`${modulePath}/cmd/${hostName}`],
    binaries: [hostName],
    ldflags: `-s -w -X ${modulePath}/pkg/version.Version=v${version}`,
    log,
  });
  // The CLI's build replaces its bin folder whole, so the link is checked on every call.
  const link = path.join(cli.binDir, hostName);
  linkTo(link, path.join(binDir, hostName));
  return { source: "build", path: link, version, built, cli };
}

/** For tools/ensure-tools.js: one line saying what is there. */
async function ensure() {
  const found = ensurePulumiYaml();
  if (found.source === "path") return `not needed: ${found.cli.pulumiPath} is Pulumi's own CLI, which bundles ${hostName}`;
  return `${path.relative(repoRoot, found.path)} v${found.version} (${found.built ? "built now" : "built before"} from Go modules)`;
}

module.exports = { ensure, ensurePulumiYaml, pinnedVersion };

if (require.main === module) {
  try {
    const found = ensurePulumiYaml();
    process.stdout.write(found.source === "path" ? `not needed: ${found.cli.pulumiPath} bundles ${hostName}\n` : `${found.path}\n`);
  } catch (err) {
    log(err.message);
    process.exit(1);
  }
}
