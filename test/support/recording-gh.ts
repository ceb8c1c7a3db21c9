/**
 * A stand-in for GitHub's CLI, `gh`, for running a workflow without GitHub: an executable named
 * `gh` in a folder of its own (put it on PATH) that reaches nothing and records each call: its
 * arguments, the folder it ran in, whether GH_TOKEN was set, GH_REPO, and the text of the file
 * given to `--body-file` (read at the call, since the job may remove it after).
 */
import * as fs from "fs";
import * as path from "path";

export interface GhCall {
  args: string[];
  cwd: string;
  hasToken: boolean;
  repo: string | null;
  /** The text of the `--body-file` file, when one was given. */
  body: string | null;
}

export interface RecordingGh {
  /** The folder holding `gh`. */
  binDir: string;
  /** Every call so far, in order. */
  calls(): GhCall[];
}

const recorder = (logFile: string): string => `#!${process.execPath}
// Stands in for GitHub's CLI in a test: records the call, reaches nothing (test/support/recording-gh.ts).
"use strict";
const fs = require("fs");
const path = require("path");
const args = process.argv.slice(2);
const at = args.indexOf("--body-file");
const bodyFile = at >= 0 ? args[at + 1] : undefined;
const body = bodyFile === undefined ? null : fs.readFileSync(path.resolve(bodyFile), "utf8");
const call = { args, cwd: process.cwd(), hasToken: Boolean(process.env.GH_TOKEN), repo: process.env.GH_REPO ?? null, body };
fs.appendFileSync(${JSON.stringify(logFile)}, JSON.stringify(call) + "\\n");
`;

/** Writes the recording `gh` into `dir` (created), its log beside it. */
export function recordingGh(dir: string): RecordingGh {
  const binDir = path.join(dir, "bin");
  const logFile = path.join(dir, "calls.jsonl");
  fs.mkdirSync(binDir, { recursive: true });
  fs.writeFileSync(logFile, "");
  fs.writeFileSync(path.join(binDir, "gh"), recorder(logFile), { mode: 0o755 });
  return {
    binDir,
    calls: () =>
      fs
        .readFileSync(logFile, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as GhCall),
  };
}
