#!/usr/bin/env node
"use strict";
/**
 * Makes sure every program the tests run exists, before Jest starts: the Pulumi CLI (built from
 * Go modules when none is on PATH, tools/pulumi-cli/index.js) and then each tool listed below (a
 * module exporting `ensure()`, which builds or finds the tool, waits on a lock when another
 * process is building it, and returns a one-line description of what it found).
 * Run in the listed order, one at a time: the machines have two cores, and each build already uses both.
 *
 * Plain CommonJS on purpose: it runs before anything is compiled.
 */
const path = require("path");
const { ensurePulumiCli } = require("./pulumi-cli");

function log(message) {
  process.stderr.write(`ensure-tools: ${message}\n`);
}

/** The tools ensured after the CLI, each a module of this folder. */
const toolModules = ["actionlint", "runtimes/previous-runtime", "pulumi-yaml"].map((name) => path.join(__dirname, name));

async function main() {
  const started = Date.now();
  const cli = ensurePulumiCli();
  log(`pulumi: ${cli.pulumiPath} (${cli.source === "path" ? "found on PATH" : "built from Go modules"})`);
  for (const file of toolModules) {
    const tool = require(file);
    if (typeof tool.ensure !== "function") throw new Error(`${path.relative(process.cwd(), file)} exports no ensure() function`);
    const toolStarted = Date.now();
    const found = await tool.ensure();
    log(`${path.relative(__dirname, file)}: ${found} (${Math.round((Date.now() - toolStarted) / 100) / 10} s)`);
  }
  log(`all tools ready in ${Math.round((Date.now() - started) / 100) / 10} s`);
}

main().catch((err) => {
  process.stderr.write(`ensure-tools: ${err.stack || err.message}\n`);
  process.exit(1);
});
