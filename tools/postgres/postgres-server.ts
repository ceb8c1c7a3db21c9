/**
 * A private PostgreSQL server for one suite, as a Pulumi state backend: `initdb` into a temporary
 * folder, a server on a free port of 127.0.0.1 with its socket in that folder, a role and a
 * database of its own, and the `postgres://` URL Pulumi's DIY backend logs in with. `stop()`
 * stops the server and removes the folder.
 *
 * The binaries come from PATH or Debian's `/usr/lib/postgresql/<version>/bin` (package
 * `postgresql`; `.ci/run` installs it where it is missing). PostgreSQL refuses to run as root, so
 * when the suite runs as root every server command runs as the `postgres` system user (which the
 * Debian package creates), through `runuser`.
 */
import { execFile } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";

const run = promisify(execFile);

/** The programs the harness runs; `postgres` itself is started by pg_ctl from the same folder. */
const requiredPrograms = ["initdb", "pg_ctl", "postgres", "psql"] as const;
const debianRoot = "/usr/lib/postgresql";
/** The system user the server runs as when the suite runs as root. */
const serverUser = "postgres";

export interface PostgresServer {
  /** Pulumi's backend URL: `postgres://<role>:<password>@127.0.0.1:<port>/<database>?sslmode=disable`. */
  backendUrl: string;
  port: number;
  role: string;
  database: string;
  /** The server's version, as `postgres --version` prints it. */
  version: string;
  /** Runs SQL in the database as its role's owner (the superuser), over the socket; returns psql's unaligned output. */
  query(sql: string): Promise<string>;
  /** Stops the server (fast shutdown) and removes its folder. */
  stop(): Promise<void>;
}

export interface PostgresServerOptions {
  /** Names the temporary folder and the role and database (letters, digits and `_`); default `pulumi_state`. */
  name?: string;
}

/** What to do when the binaries are missing, as the error says it. */
export class PostgresNotInstalledError extends Error {
  override readonly name = "PostgresNotInstalledError";
}

/** The folder holding initdb, pg_ctl, postgres and psql: PATH first, else the newest Debian version. */
export function findPostgresBinDir(searchPath = process.env.PATH ?? "", debianDir = debianRoot): string {
  const candidates = searchPath.split(path.delimiter).filter(Boolean);
  if (fs.existsSync(debianDir)) {
    const versions = fs
      .readdirSync(debianDir)
      .filter((entry) => /^\d+$/.test(entry))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => path.join(debianDir, version, "bin")));
  }
  const found = candidates.find((dir) => requiredPrograms.every((program) => isExecutable(path.join(dir, program))));
  if (found) return found;
  throw new PostgresNotInstalledError(
    `A PostgreSQL server is needed for the shared-backend suite, and none was found: no folder on PATH or under ${debianDir}/<version>/bin ` +
      `holds ${requiredPrograms.join(", ")}. Install Debian's PostgreSQL (\`apt-get install postgresql\`, as .ci/run does), ` +
      `or put the folder holding those programs on PATH (Homebrew's postgresql@15, for example).`,
  );
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A port of 127.0.0.1 nobody listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** How server commands run: directly, or as the `postgres` user when we are root. */
interface Runner {
  run(program: string, args: readonly string[]): Promise<{ stdout: string; stderr: string }>;
  /** Gives the folder to the user the server runs as. */
  own(dir: string): void;
}

function runnerFor(binDir: string): Runner {
  const direct = (program: string, args: readonly string[]) => run(path.join(binDir, program), [...args], { maxBuffer: 16 * 1024 * 1024 });
  if (process.getuid?.() !== 0) return { run: direct, own: () => undefined };
  let uid: number;
  let gid: number;
  try {
    const ids = fs
      .readFileSync("/etc/passwd", "utf8")
      .split("\n")
      .map((line) => line.split(":"))
      .find((fields) => fields[0] === serverUser);
    if (!ids) throw new Error("no such user");
    uid = Number(ids[2]);
    gid = Number(ids[3]);
  } catch {
    throw new PostgresNotInstalledError(
      `PostgreSQL refuses to run as root, and this suite runs as root with no "${serverUser}" system user to run the server as. ` +
        `Installing Debian's PostgreSQL (\`apt-get install postgresql\`) creates it; or create one with \`useradd --system ${serverUser}\`.`,
    );
  }
  return {
    run: (program, args) => run("runuser", ["-u", serverUser, "--", path.join(binDir, program), ...args], { maxBuffer: 16 * 1024 * 1024 }),
    own: (dir) => fs.chownSync(dir, uid, gid),
  };
}

function commandFailure(what: string, err: unknown, logFile?: string): Error {
  const failed = err as { stderr?: string; stdout?: string; message?: string };
  const log = logFile && fs.existsSync(logFile) ? `\nServer log (${logFile}):\n${fs.readFileSync(logFile, "utf8").trim().split("\n").slice(-15).join("\n")}` : "";
  return new Error(`PostgreSQL test server: ${what} failed: ${(failed.stderr || failed.stdout || failed.message || String(err)).trim()}${log}`);
}

/**
 * Starts a private server (see the module's comment). A fresh port is tried again when another
 * process took the one picked before the server could bind it.
 */
export async function startPostgresServer(options: PostgresServerOptions = {}): Promise<PostgresServer> {
  const name = options.name ?? "pulumi_state";
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`PostgreSQL test server: name "${name}" must be lower-case letters, digits and _`);
  const binDir = findPostgresBinDir();
  const runner = runnerFor(binDir);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `pg-${name}-`));
  runner.own(dir);
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  const superuser = process.getuid?.() === 0 ? serverUser : os.userInfo().username;
  let started = false;
  const stopServer = async (): Promise<void> => {
    if (started) {
      started = false;
      await runner.run("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]).catch(() => undefined);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const { stdout: version } = await runner.run("postgres", ["--version"]);
    // Local (socket) connections by the OS user only; TCP ones with a password.
    await runner
      .run("initdb", ["-D", dataDir, "-U", superuser, "--auth-local=peer", "--auth-host=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync"])
      .catch((err) => {
        throw commandFailure("initdb", err);
      });
    let port = 0;
    for (let attempt = 1; !started; attempt++) {
      port = await freePort();
      // A test server: small, and no waiting for the disk (its data dies with the suite).
      const serverOptions = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=40 -c shared_buffers=16MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        await runner.run("pg_ctl", ["-D", dataDir, "-l", logFile, "-w", "-t", "60", "-o", serverOptions, "start"]);
        started = true;
      } catch (err) {
        const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8") : "";
        if (attempt < 3 && /could not bind|address already in use/i.test(log)) continue;
        throw commandFailure("pg_ctl start", err, logFile);
      }
    }
    const query = async (sql: string, database = "postgres"): Promise<string> => {
      try {
        const { stdout } = await runner.run("psql", ["-h", dir, "-p", String(port), "-U", superuser, "-d", database, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql]);
        return stdout;
      } catch (err) {
        throw commandFailure(`psql (${sql.slice(0, 60)})`, err, logFile);
      }
    };
    const password = randomBytes(18).toString("hex");
    await query(`CREATE ROLE ${name} LOGIN PASSWORD '${password}'`);
    await query(`CREATE DATABASE ${name} OWNER ${name}`);
    return {
      backendUrl: `postgres://${name}:${password}@127.0.0.1:${port}/${name}?sslmode=disable`,
      port,
      role: name,
      database: name,
      version: version.trim(),
      query: (sql) => query(sql, name),
      stop: stopServer,
    };
  } catch (err) {
    await stopServer();
    throw err;
  }
}
