/**
 * Finding the PostgreSQL server programs for the shared-backend suite (tools/postgres/postgres-server.ts):
 * PATH first, then Debian's /usr/lib/postgresql/<version>/bin (the newest version), and an error
 * that says what to install when neither holds all four programs. Fake folders stand in for both.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findPostgresBinDir, PostgresNotInstalledError } from "../../tools/postgres/postgres-server";

const programs = ["initdb", "pg_ctl", "postgres", "psql"];
let tmp: string;

function binFolder(relative: string, names: readonly string[] = programs): string {
  const dir = path.join(tmp, relative);
  fs.mkdirSync(dir, { recursive: true });
  for (const name of names) fs.writeFileSync(path.join(dir, name), "#!/bin/sh\n", { mode: 0o755 });
  return dir;
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "find-postgres-"));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

test("a PATH folder holding all four programs comes first", () => {
  const onPath = binFolder("homebrew/bin");
  binFolder("debian/15/bin");
  expect(findPostgresBinDir([path.join(tmp, "empty"), onPath].join(path.delimiter), path.join(tmp, "debian"))).toBe(onPath);
});

test("else the newest Debian version (compared as numbers)", () => {
  binFolder("debian/9/bin");
  const newest = binFolder("debian/15/bin");
  expect(findPostgresBinDir("", path.join(tmp, "debian"))).toBe(newest);
});

test("a folder missing one program, or holding it without the execute bit, does not count", () => {
  const partial = binFolder("partial", ["initdb", "pg_ctl", "postgres"]);
  const notExecutable = binFolder("not-executable");
  fs.chmodSync(path.join(notExecutable, "psql"), 0o644);
  const complete = binFolder("debian/15/bin");
  expect(findPostgresBinDir([partial, notExecutable].join(path.delimiter), path.join(tmp, "debian"))).toBe(complete);
});

test("with none, the error names the programs, where it looked and what to install", () => {
  const find = () => findPostgresBinDir(binFolder("partial", ["psql"]), path.join(tmp, "no-debian"));
  expect(find).toThrow(PostgresNotInstalledError);
  expect(find).toThrow(`no folder on PATH or under ${path.join(tmp, "no-debian")}/<version>/bin holds initdb, pg_ctl, postgres, psql`);
  expect(find).toThrow("Install Debian's PostgreSQL (`apt-get install postgresql`, as .ci/run does)");
});
