"use strict";
/**
 * actionlint, the linter for GitHub Actions workflows, which the pipeline recipe's test
 * (examples/ci/) runs on the workflow files. Built once per machine with Go from the module
 * tools/actionlint/go.mod pins (a `tool` directive) into .tools/actionlint/v<version>/bin/, with a
 * stamp (build.json: version, hash of go.mod and go.sum, build time) and a lock, as
 * scripts/pulumi-cli.js builds the Pulumi CLI. Always the pinned build, never an actionlint found
 * on PATH: another version may find other things.
 *
 *   node scripts/tools/actionlint.js          make sure it is built, print its path
 *
 * scripts/ensure-tools.js calls ensure() before Jest. Plain CommonJS, like that script.
 */
const childProcess = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { readStamp, withLock } = require("../lib/build-lock");
const { findOnPath } = require("../lib/find-program");
const { repoRoot } = require("../lib/paths");

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

/** Hash of what the build depends on in this repository: a change means rebuild. */
function sourceHash(version) {
  const hash = crypto.createHash("sha256");
  hash.update(`version ${version}\n`);
  for (const file of ["go.mod", "go.sum"]) {
    hash.update(`${file}\n`);
    hash.update(fs.readFileSync(path.join(moduleDir, file)));
  }
  return hash.digest("hex");
}

function isBuilt(binary, stampFile, version, hash) {
  const stamp = readStamp(stampFile);
  return Boolean(stamp && stamp.version === version && stamp.sourceHash === hash && fs.existsSync(binary));
}

function build(installDir, stampFile, version, hash) {
  const go = findOnPath("go");
  if (!go) throw new Error("cannot build actionlint: no `go` on PATH. Install Go (at least the version tools/actionlint/go.mod names) and run npm test again.");
  const tmpBin = path.join(installDir, `bin.tmp-${process.pid}`);
  fs.rmSync(tmpBin, { recursive: true, force: true });
  fs.mkdirSync(tmpBin, { recursive: true });
  const args = ["build", "-buildvcs=false", "-ldflags", `-s -w -X ${modulePath}.version=v${version}`, "-o", tmpBin + path.sep, commandPackage];
  log(`building actionlint v${version} from Go modules into ${path.relative(repoRoot, installDir)}`);
  const started = Date.now();
  const result = childProcess.spawnSync(go, args, { cwd: moduleDir, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, GOTOOLCHAIN: "local" } });
  if (result.error || result.status !== 0) {
    fs.rmSync(tmpBin, { recursive: true, force: true });
    const why = result.error ? result.error.message : result.signal ? `signal ${result.signal}` : `exit code ${result.status}`;
    throw new Error(`\`go ${args.join(" ")}\` in ${moduleDir} failed (${why}); Go's output above says why`);
  }
  const binDir = path.join(installDir, "bin");
  fs.rmSync(binDir, { recursive: true, force: true });
  fs.renameSync(tmpBin, binDir);
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  const goVersion = childProcess.execFileSync(go, ["env", "GOVERSION"], { encoding: "utf8" }).trim();
  fs.writeFileSync(stampFile, JSON.stringify({ version, sourceHash: hash, goVersion, builtAt: new Date().toISOString(), buildSeconds: seconds }, null, 2) + "\n");
  log(`built in ${seconds}s`);
}

/** Builds actionlint when the stamp says the build is missing or out of date; returns `{ path, version, built }`. Synchronous. */
function ensureActionlint() {
  const version = pinnedVersion();
  const installDir = path.join(buildDir, `v${version}`);
  const binary = path.join(installDir, "bin", "actionlint");
  const stampFile = path.join(installDir, "build.json");
  const hash = sourceHash(version);
  let built = false;
  if (!isBuilt(binary, stampFile, version, hash)) {
    fs.mkdirSync(installDir, { recursive: true });
    withLock(
      path.join(installDir, "build.lock"),
      () => {
        if (isBuilt(binary, stampFile, version, hash)) return;
        build(installDir, stampFile, version, hash);
        built = true;
      },
      { what: "actionlint", log },
    );
  }
  return { path: binary, version, built };
}

/** For scripts/ensure-tools.js: one line saying what is there. */
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
