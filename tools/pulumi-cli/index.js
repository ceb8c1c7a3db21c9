#!/usr/bin/env node
"use strict";
/**
 * The Pulumi CLI for this project.
 *
 *   node tools/pulumi-cli/index.js --ensure [--from-source]   make sure a CLI exists, print its path
 *   node tools/pulumi-cli/index.js <pulumi arguments...>        run pulumi with the project's offline environment
 *
 * A `pulumi` already on PATH is used as it is. Otherwise the CLI (Pulumi's Go module, at the
 * version of the installed @pulumi/pulumi) and this project's own Node.js and Go language hosts
 * (tools/pulumi-cli/cmd/pulumi-language-nodejs, .../pulumi-language-go) are built once per machine with Go into
 * .tools/pulumi/v<version>/bin/. Set PULUMI_CLI_FROM_SOURCE=1 (or pass --from-source) to use
 * the build even when a pulumi is on PATH. tools/pulumi-cli/README.md explains why.
 *
 * Plain CommonJS on purpose: `npm run pulumi` must work without a TypeScript loader.
 */

const childProcess = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { readStamp, withLock } = require("../lib/build-lock");
const { findOnPath } = require("../../scripts/lib/find-program");
const { nodeModulesDir, pulumiCliBuildDir: toolsDir, pulumiCliModuleDir: toolModuleDir, repoRoot } = require("../../scripts/lib/paths");

const sdkDir = path.join(nodeModulesDir, "@pulumi", "pulumi");
const cliPackage = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const versionSymbol = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";
const binaries = ["pulumi", "pulumi-language-nodejs", "pulumi-language-go"];

function log(message) {
  process.stderr.write(`pulumi-cli: ${message}\n`);
}

/** The version of @pulumi/pulumi installed for the project: the CLI is built at the same version. */
function sdkVersion() {
  const manifest = path.join(sdkDir, "package.json");
  let version;
  try {
    version = JSON.parse(fs.readFileSync(manifest, "utf8")).version;
  } catch (err) {
    throw new Error(`cannot read the installed @pulumi/pulumi version from ${manifest} (${err.message}); run \`npm install\` first`);
  }
  if (!/^\d+\.\d+\.\d+$/.test(version || "")) {
    throw new Error(`${manifest} has version ${JSON.stringify(version)}, not a plain x.y.z release the CLI can be built at`);
  }
  return version;
}

/**
 * The Pulumi Go modules' version required by a go.mod of tools/pulumi-cli (`go.mod`, or another
 * one such as `go.old.mod`, read with `go build -modfile`); pkg and sdk must be the same.
 */
function goModVersion(modFile = "go.mod") {
  const goMod = path.join(toolModuleDir, modFile);
  const text = fs.readFileSync(goMod, "utf8");
  const versions = {};
  for (const mod of ["pkg", "sdk"]) {
    const match = text.match(new RegExp(`github\\.com/pulumi/pulumi/${mod}/v3 v(\\S+)`));
    if (!match) throw new Error(`${goMod} does not require github.com/pulumi/pulumi/${mod}/v3`);
    versions[mod] = match[1];
  }
  if (versions.pkg !== versions.sdk) {
    throw new Error(`${goMod} requires pkg/v3 v${versions.pkg} but sdk/v3 v${versions.sdk}; they must be the same version`);
  }
  return versions.pkg;
}

/** Fails, saying how to fix it, when go.mod and node_modules disagree on the Pulumi version. */
function checkPinnedVersion() {
  const version = sdkVersion();
  const pinned = goModVersion();
  if (pinned !== version) {
    throw new Error(
      `tools/pulumi-cli/go.mod pins the Pulumi CLI at v${pinned}, but node_modules has @pulumi/pulumi ${version}. ` +
        `Keep them equal: either install @pulumi/pulumi@${pinned}, or move go.mod with\n` +
        `  cd tools/pulumi-cli && go get -tool ${cliPackage}@v${version} && ` +
        `go get github.com/pulumi/pulumi/sdk/v3@v${version} && go mod tidy`,
    );
  }
  return version;
}

/** The go.sum Go reads with `-modfile=<modFile>`: the same name, .sum for .mod. */
function sumFileOf(modFile) {
  return modFile.replace(/\.mod$/, "") + ".sum";
}

/** Hash of everything the build depends on in this repository: a change means rebuild. */
function sourceHash(version, modFile) {
  const hash = crypto.createHash("sha256");
  hash.update(`version ${version}\n`);
  const files = [modFile, sumFileOf(modFile)];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(toolModuleDir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.name.endsWith(".go")) files.push(child);
    }
  };
  // The language hosts (cmd/) and the packages they share (internal/).
  for (const dir of ["cmd", "internal"]) if (fs.existsSync(path.join(toolModuleDir, dir))) walk(dir);
  for (const file of files.sort()) {
    hash.update(`${file}\n`);
    hash.update(fs.readFileSync(path.join(toolModuleDir, file)));
  }
  return hash.digest("hex");
}

/** A program on PATH, never our own build of the CLI. */
function onPath(name) {
  return findOnPath(name, { skip: (dir) => dir.startsWith(toolsDir + path.sep) });
}

/**
 * The environment to run pulumi with: offline switches, and PATH with the CLI's folder first
 * (so the engine finds our language host and dynamic provider host next to it) and the
 * Node.js SDK's folder (its own pulumi-resource-pulumi-nodejs) as a fallback.
 */
function pulumiEnv(binDir, { prepend }, baseEnv = process.env) {
  const env = { ...baseEnv };
  const parts = (env.PATH || "").split(path.delimiter).filter(Boolean);
  env.PATH = (prepend ? [binDir, ...parts, sdkDir] : [...parts, sdkDir]).join(path.delimiter);
  env.PULUMI_SKIP_UPDATE_CHECK ??= "true";
  env.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION ??= "true";
  return env;
}

/**
 * Host for Node.js dynamic providers, installed next to our CLI: the engine looks for
 * pulumi-resource-pulumi-nodejs beside the pulumi binary and on PATH, and warns when the two
 * differ. It resolves the SDK's dynamic provider from the program directory (the engine starts
 * provider plugins there), falling back to this repository's copy.
 */
function dynamicProviderHostScript() {
  const fallback = path.join(sdkDir, "cmd", "dynamic-provider", "index.js");
  return [
    "#!/bin/sh",
    "# Pulumi Node.js dynamic provider host; written by tools/pulumi-cli/index.js.",
    `script=$(node -e 'try { console.log(require.resolve("@pulumi/pulumi/cmd/dynamic-provider")) } catch (e) {}')`,
    `[ -n "$script" ] || script='${fallback.replace(/'/g, "'\\''")}'`,
    'exec node "$script" "$@"',
    "",
  ].join("\n");
}

function writeIfChanged(file, content, mode) {
  let current;
  try {
    current = fs.readFileSync(file, "utf8");
  } catch {
    current = undefined;
  }
  if (current !== content) fs.writeFileSync(file, content, { mode });
  fs.chmodSync(file, mode);
}

function isBuilt(binDir, stampFile, version, hash) {
  const stamp = readStamp(stampFile);
  if (!stamp || stamp.version !== version || stamp.sourceHash !== hash) return false;
  return binaries.every((name) => fs.existsSync(path.join(binDir, name)));
}

function goCommand() {
  const go = onPath("go");
  if (!go) {
    throw new Error(
      "no `pulumi` on PATH, and no `go` to build it from source with. Install Go (>= the version in tools/pulumi-cli/go.mod), " +
        "or install the Pulumi CLI yourself and put it on PATH.",
    );
  }
  return go;
}

/** Builds pulumi and our language host into a fresh folder, then moves it into place. */
function buildInto(installDir, binDir, stampFile, version, hash, modFile) {
  const go = goCommand();
  const tmpBin = path.join(installDir, `bin.tmp-${process.pid}`);
  fs.rmSync(tmpBin, { recursive: true, force: true });
  fs.mkdirSync(tmpBin, { recursive: true });
  const args = [
    "build",
    ...(modFile === "go.mod" ? [] : [`-modfile=${modFile}`]),
    "-buildvcs=false",
    "-ldflags",
    `-s -w -X ${versionSymbol}=v${version}`,
    "-o",
    tmpBin + path.sep,
    cliPackage,
    "./cmd/pulumi-language-nodejs",
    "./cmd/pulumi-language-go",
  ];
  log(`building the Pulumi CLI v${version} and the project's Node.js and Go language hosts from source into ${path.relative(repoRoot, binDir)}`);
  log("this takes a few minutes the first time on a machine (Go downloads modules and compiles), seconds once Go's caches are warm");
  const started = Date.now();
  const result = childProcess.spawnSync(go, args, {
    cwd: toolModuleDir,
    stdio: ["ignore", "inherit", "inherit"],
    // Build with the Go that is installed; never try to download another toolchain.
    env: { ...process.env, GOTOOLCHAIN: "local" },
  });
  if (result.error || result.status !== 0) {
    fs.rmSync(tmpBin, { recursive: true, force: true });
    const why = result.error ? result.error.message : result.signal ? `signal ${result.signal}` : `exit code ${result.status}`;
    throw new Error(`\`go ${args.join(" ")}\` in ${toolModuleDir} failed (${why}); Go's output above says why`);
  }
  fs.rmSync(binDir, { recursive: true, force: true });
  fs.renameSync(tmpBin, binDir);
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  const goVersion = childProcess.execFileSync(go, ["env", "GOVERSION"], { encoding: "utf8" }).trim();
  fs.writeFileSync(stampFile, JSON.stringify({ version, modFile, sourceHash: hash, goVersion, builtAt: new Date().toISOString(), buildSeconds: seconds }, null, 2) + "\n");
  log(`built in ${seconds}s`);
}

/**
 * Makes sure a Pulumi CLI is available and returns where it is and the environment to run it
 * with: `{ pulumiPath, binDir, env, source }` (source is "path" or "build").
 */
function ensurePulumiCli(options = {}) {
  const fromSource = options.fromSource ?? /^(1|true|yes)$/i.test(process.env.PULUMI_CLI_FROM_SOURCE || "");
  if (!fromSource) {
    const found = onPath("pulumi");
    if (found) {
      const binDir = path.dirname(found);
      return { pulumiPath: found, binDir, env: pulumiEnv(binDir, { prepend: false }), source: "path" };
    }
  }

  return ensureBuiltCli(checkPinnedVersion(), "go.mod");
}

/**
 * Builds (once per machine and source hash) the Pulumi CLI at `version` and our Node.js language
 * host against it from tools/pulumi-cli with `modFile`, a go.mod there that pins that version
 * (`go.mod` for the project's CLI, `go.old.mod` for the compatibility run's previous one), into
 * .tools/pulumi/v<version>/bin/. Never looks at PATH. Returns `{ pulumiPath, binDir, env, source }`.
 */
function ensureBuiltCli(version, modFile) {
  const pinned = goModVersion(modFile);
  if (pinned !== version) {
    throw new Error(`tools/pulumi-cli/${modFile} pins the Pulumi modules at v${pinned}, not v${version}; tools/pulumi-cli/README.md ("Moving to another Pulumi version") says how to move it`);
  }
  const installDir = path.join(toolsDir, `v${version}`);
  const binDir = path.join(installDir, "bin");
  const stampFile = path.join(installDir, "build.json");
  const hash = sourceHash(version, modFile);
  if (!isBuilt(binDir, stampFile, version, hash)) {
    fs.mkdirSync(installDir, { recursive: true });
    withLock(path.join(installDir, "build.lock"), () => {
      if (!isBuilt(binDir, stampFile, version, hash)) buildInto(installDir, binDir, stampFile, version, hash, modFile);
    }, { what: `the Pulumi CLI v${version}`, log });
  }
  writeIfChanged(path.join(binDir, "pulumi-resource-pulumi-nodejs"), dynamicProviderHostScript(), 0o755);
  return { pulumiPath: path.join(binDir, "pulumi"), binDir, env: pulumiEnv(binDir, { prepend: true }), source: "build" };
}

function main(argv) {
  let args = argv;
  let fromSource;
  if (args[0] === "--from-source") {
    fromSource = true;
    args = args.slice(1);
  }
  if (args[0] === "--ensure") {
    const cli = ensurePulumiCli({ fromSource: fromSource || args.includes("--from-source") || undefined });
    process.stdout.write(`${cli.pulumiPath}\n`);
    return;
  }

  const cli = ensurePulumiCli({ fromSource });
  const child = childProcess.spawn(cli.pulumiPath, args, { stdio: "inherit", env: cli.env });
  // Ctrl-C reaches pulumi directly (same process group); let it cancel gracefully and report.
  const ignore = () => {};
  process.on("SIGINT", ignore);
  process.on("SIGTERM", () => child.kill("SIGTERM"));
  child.on("error", (err) => {
    log(`could not run ${cli.pulumiPath}: ${err.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    process.exitCode = code ?? 128 + (os.constants.signals[signal] || 0);
  });
}

module.exports = { ensurePulumiCli, ensureBuiltCli, checkPinnedVersion, sdkVersion, pulumiEnv, onPath };

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    log(err.message);
    process.exit(1);
  }
}
