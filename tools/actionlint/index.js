"use strict";
/**
 * actionlint, the linter for GitHub Actions workflows, which the pipeline recipe's test
 * (examples/ci/) runs on the workflow files. Built once per machine with Go from the module
 * tools/actionlint/go.mod pins (a `tool` directive) into .tools/actionlint/v<version>/bin/, with a
 * stamp (build.json: version, hash of go.mod and go.sum, build time) and a lock
 * (tools/lib/go-tool-build.js). Always the pinned build, never an actionlint found
 * on PATH: another version may find other things.
 *
 *   node tools/actionlint/index.js          make sure it is built, print its path
 *
 * tools/ensure-tools.js calls ensure() before Jest. Plain CommonJS, like that script.
 */
const fs = require("fs");
const path = require("path");
const { ensureGoTool } = require("../lib/go-tool-build");
const { repoRoot } = require("../../scripts/lib/paths");

const moduleDir = path.join(repoRoot, "tools", "actionlint");
const buildDir = path.join(repoRoot, ".tools", "actionlint");
const modulePath = "github.com/rhysd/actionlint";
const commandPackage = `${modulePath}/cmd/actionlint`;

function log(message) {
  process.stderr.write(`actionlint: ${message}\n`);
}

/** The actionlint version tools/actionlint/go.mod requires. */
function pinnedVersion() {
  const goMod = path.join(moduleDir, "go.mod");
  const match = fs.readFileSync(goMod, "utf8").match(/github\.com\/rhysd\/actionlint v(\S+)/);
  if (!match) throw new Error(`${goMod} does not require ${modulePath}; restore it with: cd tools/actionlint && go get -tool ${commandPackage}@<version>`);
  return match[1];
}

/** Builds actionlint when the stamp says the build is missing or out of date; returns `{ path, version, built }`. Synchronous. */
function ensureActionlint() {
  const version = pinnedVersion();
  const { binDir, built } = ensureGoTool({
    what: `actionlint v${version}`,
    moduleDir,
    installDir: path.join(buildDir, `v${version}`),
    version,
    packages: [commandPackage],
    binaries: ["actionlint"],
    // actionlint -version prints this instead of the module's "(devel)".
    ldflags: `-s -w -X ${modulePath}.version=v${version}`,
    log,
  });
  return { path: path.join(binDir, "actionlint"), version, built };
}

/** For tools/ensure-tools.js: one line saying what is there. */
async function ensure() {
  const found = ensureActionlint();
  return `${path.relative(repoRoot, found.path)} v${found.version} (${found.built ? "built now" : "built before"} from Go modules)`;
}

module.exports = { ensure, ensureActionlint, pinnedVersion };

if (require.main === module) {
  try {
    process.stdout.write(`${ensureActionlint().path}\n`);
  } catch (err) {
    log(err.message);
    process.exit(1);
  }
}
