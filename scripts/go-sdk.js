#!/usr/bin/env node
"use strict";
/**
 * The Go SDK of the scalekit resource plugin, generated from its package schema
 * (provider/schema.json) by the project's Pulumi CLI:
 *
 *   node scripts/go-sdk.js <folder>      writes <folder>/go, the Go module github.com/scalekit-connectors-as-code/sdk/go
 *
 * runs `pulumi package gen-sdk --language go` (Pulumi's Go code generator, in the Go language
 * host) on the schema, whose language.go.importBasePath (.../sdk/go/scalekit) names the module
 * above, with the options only an SDK build needs: a go.mod (meta.supportPack) and the schema's
 * version pinned into the SDK (respectSchemaVersion), so that a program asks the engine for exactly the
 * plugin version it was generated for. A program requires the module and replaces it with the
 * generated folder (examples/go-program/go.mod).
 *
 * Not checked in: it is generated where it is used (the Go suite generates it for each run),
 * so it never falls behind the schema. Plain CommonJS, like tools/pulumi-cli/index.js.
 */
const childProcess = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { repoRoot } = require("./lib/paths");
const { ensurePulumiCli } = require("../tools/pulumi-cli");

const schemaFile = path.join(repoRoot, "provider", "schema.json");

function pluginSchema() {
  return JSON.parse(fs.readFileSync(schemaFile, "utf8"));
}

/** The Go module the SDK is generated as: the schema's Go import path (language.go.importBasePath) without its package. */
const goSdkModule = path.posix.dirname(pluginSchema().language.go.importBasePath);

/** The plugin's schema with the Go options only an SDK build needs: a go.mod (supportPack) and the schema's version pinned. */
function goSdkSchema() {
  const schema = pluginSchema();
  return {
    ...schema,
    meta: { ...schema.meta, supportPack: true },
    language: { ...schema.language, go: { ...schema.language.go, respectSchemaVersion: true } },
  };
}

/**
 * Generates the Go SDK into `outDir`/go (replacing what is there) with the project's CLI, or
 * `cli` and `env` when given; returns that folder. Synchronous.
 */
function generateGoSdk(outDir, options = {}) {
  const cli = options.cli ?? ensurePulumiCli();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "scalekit-go-sdk-"));
  try {
    const schemaCopy = path.join(tmp, "schema.json");
    fs.writeFileSync(schemaCopy, JSON.stringify(goSdkSchema(), null, 2));
    const target = path.resolve(outDir);
    const args = ["package", "gen-sdk", schemaCopy, "--language", "go", "--out", target];
    const result = childProcess.spawnSync(cli.pulumiPath, args, {
      cwd: tmp,
      env: { PULUMI_HOME: path.join(tmp, "pulumi-home"), ...cli.env, ...options.env },
      encoding: "utf8",
    });
    if (result.error || result.status !== 0) {
      const why = result.error ? result.error.message : `exit code ${result.status}`;
      throw new Error(`\`pulumi ${args.join(" ")}\` failed (${why}):\n${result.stdout}${result.stderr}`);
    }
    return path.join(target, "go");
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { generateGoSdk, goSdkSchema, goSdkModule };

if (require.main === module) {
  const outDir = process.argv[2];
  if (!outDir || process.argv.length > 3) {
    process.stderr.write("usage: node scripts/go-sdk.js <folder>   (writes the Go SDK into <folder>/go)\n");
    process.exit(2);
  }
  try {
    process.stdout.write(`${generateGoSdk(outDir)}\n`);
  } catch (err) {
    process.stderr.write(`go-sdk: ${err.message}\n`);
    process.exit(1);
  }
}
