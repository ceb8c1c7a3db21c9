"use strict";
/**
 * Building a tool from a Go module of this repository once per machine: `go build` of the
 * module's packages into a fresh folder that is then moved into place, a stamp (build.json:
 * version, hash of the module's files, Go version, build time) that says whether the build is
 * current, and the build lock (build-lock.js) so that concurrent callers build once. Plain
 * CommonJS, so that the tools of tools/ use it before anything is compiled;
 * go-tool-build.d.ts types it.
 */
const childProcess = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { readStamp, withLock } = require("./build-lock");
const { findOnPath } = require("../../scripts/lib/find-program");
const { repoRoot } = require("../../scripts/lib/paths");

/** sha256 over `version` and the named files of moduleDir (paths relative to it, in this order). */
function moduleHash(moduleDir, version, files) {
  const hash = crypto.createHash("sha256");
  hash.update(`version ${version}\n`);
  for (const file of files) {
    hash.update(`${file}\n`);
    hash.update(fs.readFileSync(path.join(moduleDir, file)));
  }
  return hash.digest("hex");
}

function isCurrent(spec, binDir, stampFile, hash) {
  const stamp = readStamp(stampFile);
  if (!stamp || stamp.version !== spec.version || stamp.sourceHash !== hash) return false;
  return spec.binaries.every((name) => fs.existsSync(path.join(binDir, name)));
}

function build(spec, binDir, stampFile, hash) {
  const go = findOnPath("go");
  if (!go) {
    throw new Error(`cannot build ${spec.what}: no \`go\` on PATH. Install Go (at least the version ${path.relative(repoRoot, spec.moduleDir)}/go.mod names) and try again.`);
  }
  const tmpBin = path.join(spec.installDir, `bin.tmp-${process.pid}`);
  fs.rmSync(tmpBin, { recursive: true, force: true });
  fs.mkdirSync(tmpBin, { recursive: true });
  const args = ["build", "-buildvcs=false", "-ldflags", spec.ldflags ?? "-s -w", "-o", tmpBin + path.sep, ...spec.packages];
  spec.log(`building ${spec.what} from Go modules into ${path.relative(repoRoot, binDir)}`);
  const started = Date.now();
  // Build with the Go that is installed; never try to download another toolchain.
  const result = childProcess.spawnSync(go, args, { cwd: spec.moduleDir, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, GOTOOLCHAIN: "local" } });
  if (result.error || result.status !== 0) {
    fs.rmSync(tmpBin, { recursive: true, force: true });
    const why = result.error ? result.error.message : result.signal ? `signal ${result.signal}` : `exit code ${result.status}`;
    throw new Error(`\`go ${args.join(" ")}\` in ${spec.moduleDir} failed (${why}); Go's output above says why`);
  }
  fs.rmSync(binDir, { recursive: true, force: true });
  fs.renameSync(tmpBin, binDir);
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  const goVersion = childProcess.execFileSync(go, ["env", "GOVERSION"], { encoding: "utf8" }).trim();
  fs.writeFileSync(stampFile, JSON.stringify({ version: spec.version, sourceHash: hash, goVersion, builtAt: new Date().toISOString(), buildSeconds: seconds }, null, 2) + "\n");
  spec.log(`built in ${seconds}s`);
}

/**
 * Builds spec.packages of the Go module spec.moduleDir into spec.installDir/bin/ unless the stamp
 * there matches spec.version and the hash of spec.hashFiles; returns `{ binDir, built }`.
 * Synchronous.
 */
function ensureGoTool(spec) {
  const binDir = path.join(spec.installDir, "bin");
  const stampFile = path.join(spec.installDir, "build.json");
  const hash = moduleHash(spec.moduleDir, spec.version, spec.hashFiles ?? ["go.mod", "go.sum"]);
  let built = false;
  if (!isCurrent(spec, binDir, stampFile, hash)) {
    fs.mkdirSync(spec.installDir, { recursive: true });
    withLock(
      path.join(spec.installDir, "build.lock"),
      () => {
        if (isCurrent(spec, binDir, stampFile, hash)) return;
        build(spec, binDir, stampFile, hash);
        built = true;
      },
      { what: spec.what, log: spec.log },
    );
  }
  return { binDir, built };
}

module.exports = { ensureGoTool, moduleHash };
