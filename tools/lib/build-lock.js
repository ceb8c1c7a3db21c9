"use strict";
/**
 * A lock for building a tool once per machine: a folder created with mkdir (atomic), holding
 * the owner's pid and host, so that concurrent callers wait for one build and a lock left by a
 * killed build is taken over. Plain CommonJS, so that tools/pulumi-cli/index.js and the other tools of
 * tools/ use it before anything is compiled; build-lock.d.ts types it.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");

const defaultWaitLimitMs = 30 * 60 * 1000;

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

/**
 * Runs fn while holding the lock folder `lockDir` and returns what it returned. `what` names the
 * tool in the waiting message ("the Pulumi CLI"); `log` prints a line.
 */
function withLock(lockDir, fn, { what, log, waitLimitMs = defaultWaitLimitMs }) {
  const started = Date.now();
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
    }
    let owner;
    try {
      owner = JSON.parse(fs.readFileSync(path.join(lockDir, "owner.json"), "utf8"));
    } catch {
      owner = undefined; // being created right now, or left half-written
    }
    let ownerGone;
    try {
      ownerGone = owner ? owner.host === os.hostname() && !processAlive(owner.pid) : Date.now() - fs.statSync(lockDir).mtimeMs > 60_000;
    } catch (err) {
      if (err.code !== "ENOENT") throw err;
      continue; // released between the two looks: try again
    }
    if (ownerGone) {
      log(`removing a stale build lock ${lockDir}`);
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - started > waitLimitMs) {
      throw new Error(`gave up waiting for the build lock ${lockDir} (held by ${JSON.stringify(owner)}); remove it if no build is running`);
    }
    if (!announced) {
      log(`another process (${owner ? `pid ${owner.pid}` : "starting"}) is building ${what}; waiting for it`);
      announced = true;
    }
    sleep(1000);
  }
  try {
    fs.writeFileSync(path.join(lockDir, "owner.json"), JSON.stringify({ pid: process.pid, host: os.hostname(), started: new Date().toISOString() }));
    return fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

/** The JSON of a build's stamp file, or undefined when it is missing or unreadable. */
function readStamp(stampFile) {
  try {
    return JSON.parse(fs.readFileSync(stampFile, "utf8"));
  } catch {
    return undefined;
  }
}

module.exports = { withLock, readStamp };
