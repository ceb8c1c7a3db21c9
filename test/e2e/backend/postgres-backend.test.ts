/**
 * The root program's `dev` and `production` stacks in a shared PostgreSQL backend (Pulumi's DIY
 * backend, `postgres://`), as a team would keep them: a real PostgreSQL server started for the
 * suite (tools/postgres/postgres-server.ts), two emulators for Dev and Production. The steps:
 * - both stacks created, brought up and read back from the database, nothing on local disk;
 * - the review (`npm run review`) from Dev to Production, reading both stacks' state and config
 *   from the database, before and after Production is brought up;
 * - the pull (`npm run pull`) of a connector made in Dev's dashboard, then its adoption;
 * - the drift check (`pulumi preview --refresh --expect-no-changes`) passing, then failing after a
 *   change made in Dev's dashboard;
 * - a teammate's clone (its own folder and PULUMI_HOME, the stack files the repository would hold)
 *   seeing both stacks with nothing to change, with the team's passphrase and not without it;
 * - two `pulumi up` of the dev stack started together, one from each clone, with three new
 *   connectors to create. Dev's
 *   API is behind a gate (test/support/request-gate.ts) that holds every request until the first
 *   of the two runs has ended: a run that holds the stack's lock reaches Scalekit only after the
 *   other has ended, so the two cannot both be creating whichever takes the lock. Each run must
 *   either succeed or fail with Pulumi's lock error; no display name may be POSTed twice; and after
 *   the loser's retry, the state must be what Scalekit holds.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulators, type Emulators } from "../../../scripts/lib/emulators";
import { runPulumi, runPulumiOk, type PulumiRunResult, type PulumiSession } from "../../../scripts/lib/pulumi-process";
import { EmulatorClient } from "../../support/emulator-api";
import { startPostgresServer, type PostgresServer } from "../../../tools/postgres/postgres-server";
import { startRequestGate, type RequestGate } from "../../support/request-gate";
import { runTool, type ToolRun } from "../../support/run-tool";
import { openWorkProject, setStackCredentials, shellEnv, writeDefinitions, type WorkProject } from "../../support/work-project";

// A dozen Pulumi commands of a few seconds each, a PostgreSQL server, and the CLI built on a fresh machine.
jest.setTimeout(10 * 60 * 1000);

type Payload = Record<string, unknown>;

function bearer(displayName: string, host: string, description = `${displayName} API`): Payload {
  return {
    display_name: displayName,
    description,
    auth_patterns: [{ type: "BEARER", display_name: "API token", fields: [{ field_name: "token", label: "Token", input_type: "password", required: true }] }],
    proxy_url: `https://api.${host}.example`,
    proxy_enabled: true,
  };
}

const firstDefinitions: Record<string, Payload> = {
  "ledgerly.json": bearer("Ledgerly", "ledgerly"),
  "pager-relay.json": bearer("Pager Relay", "pagerrelay"),
};
/** The change promoted from Dev to Production: a new description and a new connector. */
const promotedDefinitions: Record<string, Payload> = {
  ...firstDefinitions,
  "ledgerly.json": bearer("Ledgerly", "ledgerly", "Invoices, payments and ledgers"),
  "fresh-desk.json": bearer("Fresh Desk", "freshdesk"),
};
/** What the two concurrent runs have to create. */
const raceNames = ["Race Alpha", "Race Beta", "Race Gamma"];

const passphrase = "postgres backend test passphrase";
let pg: PostgresServer;
let emulators: Emulators<"dev" | "production">;
let devGate: RequestGate;
let devClient: EmulatorClient;
let project: WorkProject;
let session: PulumiSession;
/** A second clone of the repository on the same backend, as a teammate or a pipeline has it. */
let teammate: WorkProject;
/** Everything any command or tool printed, scanned at the end for secrets. */
const printed: string[] = [];

async function pulumiOk(args: string[], env?: NodeJS.ProcessEnv): Promise<PulumiRunResult> {
  const result = await runPulumiOk(session, args, env ? { env } : {});
  printed.push(result.output);
  return result;
}

async function pulumi(args: string[]): Promise<PulumiRunResult> {
  const result = await runPulumi(session, args);
  printed.push(result.output);
  return result;
}

/** The environment of a user's shell pointed at the shared backend: no SCALEKIT_* variables, so credentials come from the stacks' config. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith("SCALEKIT_")) env[key] = value;
  return { ...env, ...shellEnv(session), PULUMI_SKIP_UPDATE_CHECK: "true", NO_COLOR: "1" };
}

async function tool(name: "review" | "pull", args: string[]): Promise<ToolRun> {
  const run = await runTool(name, args, userEnv(), session.cwd);
  printed.push(run.stdout, run.stderr);
  return run;
}

/** Resource name → connector identifier, from the stack's state (`pulumi stack export`). */
async function stateIdentifiers(stack: string): Promise<Record<string, string>> {
  const exported = JSON.parse((await pulumiOk(["stack", "export", "--stack", stack])).stdout) as {
    deployment: { resources?: Array<{ urn: string; id?: string; type: string }> };
  };
  const ids: Record<string, string> = {};
  for (const resource of exported.deployment.resources ?? []) {
    if (resource.type.endsWith(":CustomConnector") && resource.id) ids[resource.urn.split("::").pop()!] = resource.id;
  }
  return ids;
}

/** Display name → identifiers of the custom connectors an environment holds. */
async function liveIdentifiers(client: EmulatorClient): Promise<Record<string, string[]>> {
  const byName: Record<string, string[]> = {};
  for (const connector of await client.customs()) (byName[connector.display_name] ??= []).push(connector.identifier);
  return byName;
}

/** The keys of the backend's table, as Pulumi's postgres store names its "files": `<database>/.pulumi/...` (the URL's path is the prefix). */
async function backendKeys(): Promise<string[]> {
  return (await pg.query("SELECT key FROM pulumi_state ORDER BY key")).split("\n").filter(Boolean);
}

/** A stack's checkpoint as the database holds it (the store keeps each file base64-encoded in a JSON column). */
async function storedCheckpoint(stack: string): Promise<string> {
  const keys = (await backendKeys()).filter((key) => key.startsWith(`${pg.database}/.pulumi/stacks/`) && key.endsWith(`/${stack}.json`));
  expect(keys).toHaveLength(1);
  const base64 = (await pg.query(`SELECT data->>'data' FROM pulumi_state WHERE key = '${keys[0]}'`)).trim();
  return Buffer.from(base64, "base64").toString("utf8");
}

const lockError = /error: the stack is currently locked by \d+ lock\(s\)\. Either wait for the other process\(es\) to end or delete the lock file with `pulumi cancel`\./;

beforeAll(async () => {
  pg = await startPostgresServer({ name: "team_state" });
  emulators = await startEmulators({
    // Dev accepts a second create of a taken name, so a duplicate create would show as a twin, not hide behind a 409.
    dev: { identifierStyle: "opaque", duplicateNames: "accept", clientId: "dev-client", clientSecret: "dev-secret-never-shown" },
    production: { identifierStyle: "suffixed", clientId: "prod-client", clientSecret: "prod-secret-never-shown" },
  });
  devGate = await startRequestGate(emulators.dev.url);
  devClient = new EmulatorClient(emulators.dev);
  project = await openWorkProject({ label: "postgres-backend", backendUrl: pg.backendUrl, definitions: firstDefinitions, passphrase, stacks: ["dev", "production"] });
  session = project.session;
  await setStackCredentials(session, "dev", { ...emulators.dev.credentials, environmentUrl: devGate.url });
  await setStackCredentials(session, "production", emulators.production.credentials);
});

afterAll(async () => {
  await devGate?.close();
  await emulators?.close();
  project?.cleanup();
  teammate?.cleanup();
  await pg?.stop();
});

test("both stacks are created in the PostgreSQL database, and nothing in the local folder", async () => {
  const listed = JSON.parse((await pulumiOk(["stack", "ls", "--json"])).stdout) as Array<{ name: string }>;
  expect(listed.map((stack) => stack.name).sort()).toEqual(["dev", "production"]);
  expect(await backendKeys()).toEqual(
    expect.arrayContaining(["team_state/.pulumi/stacks/scalekit-connectors/dev.json", "team_state/.pulumi/stacks/scalekit-connectors/production.json"]),
  );
  expect(fs.readdirSync(session.backendDir)).toEqual([]);
});

test("up on dev and on production: each connector created once, its identifier in the database's checkpoint", async () => {
  await pulumiOk(["up", "--yes", "--skip-preview", "--stack", "dev"]);
  await pulumiOk(["up", "--yes", "--skip-preview", "--stack", "production"]);
  for (const [stack, client] of [["dev", devClient], ["production", new EmulatorClient(emulators.production)]] as const) {
    const live = await liveIdentifiers(client);
    // Scalekit holds exactly the two connectors, each once; the state names them by Scalekit's identifiers.
    expect(Object.fromEntries(Object.entries(live).map(([name, identifiers]) => [name, identifiers.length]))).toStrictEqual({ Ledgerly: 1, "Pager Relay": 1 });
    const ids = await stateIdentifiers(stack);
    expect(ids).toStrictEqual({ ledgerly: live["Ledgerly"]![0], "pager-relay": live["Pager Relay"]![0] });
    const checkpoint = JSON.parse(await storedCheckpoint(stack)) as { checkpoint: { latest: { resources: Array<{ urn: string; id?: string; type: string }> } } };
    const stored = checkpoint.checkpoint.latest.resources.filter((resource) => resource.type.endsWith(":CustomConnector"));
    expect(Object.fromEntries(stored.map((resource) => [resource.urn.split("::").pop(), resource.id]))).toEqual(ids);
  }
  expect(fs.readdirSync(session.backendDir)).toEqual([]);
});

describe("the review reads both stacks from the database", () => {
  test("after a change applied to Dev: Production would change (exit code 2), one update and one create", async () => {
    writeDefinitions(session.cwd, promotedDefinitions);
    await pulumiOk(["up", "--yes", "--skip-preview", "--stack", "dev"]);
    const run = await tool("review", ["--from", "dev", "--to", "production", "--format", "json"]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 2, stderr: "" });
    const doc = JSON.parse(run.stdout);
    expect(doc.source.state).toEqual({ status: "read", connectors: 3 });
    expect(doc.target.state).toEqual({ status: "read", connectors: 2 });
    expect(doc.summary).toMatchObject({ create: 1, update: 1, unchanged: 1, ambiguous: 0, drifted: 0 });
  });

  test("after up on production: Production would not change (exit code 0)", async () => {
    await pulumiOk(["up", "--yes", "--skip-preview", "--stack", "production"]);
    const run = await tool("review", ["--from", "dev", "--to", "production"]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    expect(run.stdout).toContain("Production would not change.");
  });
});

describe("pull, with the stack's credentials read from the database", () => {
  test("writes the connector made in Dev's dashboard, and up adopts it with no write to Scalekit", async () => {
    const byHand = await devClient.created(bearer("Status Board", "statusboard"));
    const run = await tool("pull", ["--stack", "dev"]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    expect(run.stdout).toContain("(credentials from the stack's config)");
    expect(JSON.parse(fs.readFileSync(path.join(session.cwd, "connectors", "status-board.json"), "utf8"))).toMatchObject({ display_name: "Status Board" });

    emulators.dev.requests.clear();
    await pulumiOk(["up", "--yes", "--skip-preview", "--stack", "dev", "--config", "adoptExisting=true"]);
    await pulumiOk(["config", "rm", "adoptExisting", "--stack", "dev"]);
    expect(emulators.dev.requests.entries.filter((request) => request.method !== "GET" && !request.path.startsWith("/oauth"))).toEqual([]);
    expect((await stateIdentifiers("dev"))["status-board"]).toBe(byHand.identifier);
  });
});

describe("the drift check", () => {
  const driftCheck = ["preview", "--refresh", "--expect-no-changes", "--stack", "dev"];

  test("passes when Dev holds what the stack says", async () => {
    const run = await pulumi(driftCheck);
    expect({ code: run.code, tail: run.code === 0 ? "" : run.output }).toEqual({ code: 0, tail: "" });
  });

  test("fails after a change made in Dev's dashboard, naming the connector", async () => {
    const identifier = (await stateIdentifiers("dev"))["pager-relay"]!;
    const edited = await devClient.update(identifier, bearer("Pager Relay", "pagerrelay", "Edited in the dashboard"));
    expect(edited.status).toBe(200);
    const run = await pulumi(driftCheck);
    expect(run.code).not.toBe(0);
    expect(run.output).toContain("error: no changes were expected for preview but changes were proposed");
    expect(run.output).toMatch(/~ +pulumi-nodejs:dynamic\/scalekit:CustomConnector pager-relay update /);
    expect(run.output).toMatch(/Resources:\s+~ 1 to update\s/);
  });

  test("up puts the definition back, and the check passes again", async () => {
    await pulumiOk(["up", "--yes", "--skip-preview", "--refresh", "--stack", "dev"]);
    const run = await pulumi(driftCheck);
    expect({ code: run.code, tail: run.code === 0 ? "" : run.output }).toEqual({ code: 0, tail: "" });
  });
});

describe("a teammate's clone on the same backend", () => {
  /** What the repository holds: the definitions, and each stack's file with its encrypted credentials and encryptionsalt. */
  const committedFiles = ["Pulumi.dev.yaml", "Pulumi.production.yaml"];

  beforeAll(async () => {
    teammate = await openWorkProject({ label: "postgres-backend-teammate", backendUrl: pg.backendUrl, passphrase, definitions: {} });
    fs.cpSync(path.join(session.cwd, "connectors"), path.join(teammate.dir, "connectors"), { recursive: true });
    for (const file of committedFiles) fs.copyFileSync(path.join(session.cwd, file), path.join(teammate.dir, file));
  });

  test("the stack files hold the passphrase's salt and the client secret only as ciphertext", () => {
    for (const file of committedFiles) {
      const text = fs.readFileSync(path.join(teammate.dir, file), "utf8");
      expect(text).toMatch(/^encryptionsalt: v1:/m);
      expect(text).toMatch(/scalekit:clientSecret:\s+secure: v1:/);
    }
  });

  test("with the team's passphrase: Dev has nothing to change, Production only the pulled connector still to promote", async () => {
    const dev = await runPulumi(teammate.session, ["preview", "--expect-no-changes", "--stack", "dev"]);
    printed.push(dev.output);
    expect({ code: dev.code, output: dev.code === 0 ? "" : dev.output }).toEqual({ code: 0, output: "" });
    const production = await runPulumiOk(teammate.session, ["preview", "--stack", "production"]);
    printed.push(production.output);
    expect(production.output).toMatch(/\+ +pulumi-nodejs:dynamic\/scalekit:CustomConnector status-board create/);
    expect(production.output).toMatch(/Resources:\s+\+ 1 to create\s+4 unchanged\s/);
  });

  test("with another passphrase: the stack's secrets cannot be read, and Pulumi says so", async () => {
    const run = await runPulumi(teammate.session, ["preview", "--stack", "dev"], { env: { PULUMI_CONFIG_PASSPHRASE: "not the team's passphrase" } });
    printed.push(run.output);
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/incorrect passphrase/i);
  });
});

describe("two pulumi up of the dev stack started together, one from each clone", () => {
  const upArgs = ["up", "--yes", "--skip-preview", "--stack", "dev"];
  let runs: PulumiRunResult[];
  let createsBefore: number;
  let gateOpenedBecause: string;

  beforeAll(async () => {
    const definitions: Record<string, Payload> = Object.fromEntries(fs.readdirSync(path.join(session.cwd, "connectors")).map((file) => [file, JSON.parse(fs.readFileSync(path.join(session.cwd, "connectors", file), "utf8"))]));
    for (const name of raceNames) definitions[`${name.toLowerCase().replace(/ /g, "-")}.json`] = bearer(name, name.toLowerCase().replace(/ /g, ""));
    writeDefinitions(session.cwd, definitions);
    writeDefinitions(teammate.dir, definitions);
    createsBefore = devGate.createdNames.length;

    devGate.shut();
    // Each run's first call to Scalekit is its token request: two of them held at once would mean both runs are past the lock.
    let tokenRequestsHeld = 0;
    const bothReachedScalekit = new Promise<string>((resolve) => {
      devGate.onHold = (request) => {
        if (request.path === "/oauth/token" && ++tokenRequestsHeld === 2) resolve("both runs reached Scalekit");
      };
    });
    let breaker: NodeJS.Timeout | undefined;
    // Only against a hang (a run waiting for the lock while the other waits at the gate): it ends the wait with a failure below.
    const deadlockBreaker = new Promise<string>((resolve) => (breaker = setTimeout(() => resolve("neither ended nor reached Scalekit in 3 minutes"), 180_000)));
    const started = [runPulumi(session, upArgs), runPulumi(teammate.session, upArgs)];
    // The gate opens when the first run ends: whichever holds the lock waits at its first API call until then.
    gateOpenedBecause = await Promise.race([Promise.race(started).then(() => "a run ended"), bothReachedScalekit, deadlockBreaker]);
    clearTimeout(breaker);
    devGate.onHold = undefined;
    devGate.open();
    runs = await Promise.all(started);
    printed.push(...runs.map((run) => run.output));
    // What the CLI printed, for docs/shared-backend.md (POSTGRES_TEST_ECHO=1).
    if (process.env.POSTGRES_TEST_ECHO) for (const run of runs) process.stdout.write(`--- pulumi up (exit ${run.code})\n${run.output}\n`);
  });

  test("the lock kept them apart: one run ended before the other reached Scalekit", () => {
    expect(gateOpenedBecause).toBe("a run ended");
  });

  test("each run either succeeds or stops with Pulumi's lock error, and at most one succeeds", () => {
    const outcomes = runs.map((run) => (run.code === 0 ? "succeeded" : lockError.test(run.output) ? "lock error" : `failed otherwise:\n${run.output}`));
    expect(outcomes.filter((outcome) => outcome !== "succeeded" && outcome !== "lock error")).toEqual([]);
    expect(outcomes.filter((outcome) => outcome === "lock error").length).toBeGreaterThanOrEqual(1);
  });

  test("the lock error names the lock in the database without its password", () => {
    const loser = runs.find((run) => run.code !== 0)!;
    expect(loser.output).toMatch(/postgres:\/\/\*\*\*\*:\*\*\*\*@127\.0\.0\.1:\d+\/team_state\/\.pulumi\/locks\/organization\/scalekit-connectors\/dev\/[0-9a-f-]+\.json\?sslmode=disable: created by \S+@\S+ \(pid \d+\) at /);
    expect(loser.output).not.toContain(new URL(pg.backendUrl).password);
  });

  test("no display name was POSTed twice, and the winner (if any) created each new connector once", async () => {
    const creates = devGate.createdNames.slice(createsBefore);
    expect(new Set(creates).size).toBe(creates.length);
    const winner = runs.find((run) => run.code === 0);
    expect(creates.sort()).toEqual(winner ? [...raceNames].sort() : []);
  });

  test("after the loser's retry, the state holds what Dev holds: each connector once, the same identifiers, no change left", async () => {
    await pulumiOk(upArgs);
    const creates = devGate.createdNames.slice(createsBefore);
    expect(creates.sort()).toEqual([...raceNames].sort());

    const live = await liveIdentifiers(devClient);
    expect(Object.entries(live).filter(([, identifiers]) => identifiers.length !== 1)).toEqual([]);
    const ids = await stateIdentifiers("dev");
    const liveByIdentifier = Object.fromEntries(Object.entries(live).map(([name, identifiers]) => [identifiers[0], name]));
    expect(Object.values(ids).sort()).toEqual(Object.keys(liveByIdentifier).sort());
    for (const name of raceNames) expect(ids[name.toLowerCase().replace(/ /g, "-")]).toBe(live[name]?.[0]);

    await pulumiOk(["preview", "--expect-no-changes", "--stack", "dev"]);
    expect((await backendKeys()).filter((key) => key.includes("/.pulumi/locks/"))).toEqual([]);
  });
});

test("no command or tool printed a client secret or the database password", () => {
  const all = printed.join("\n");
  for (const secret of [emulators.dev.clientSecret, emulators.production.clientSecret, new URL(pg.backendUrl).password]) expect(all).not.toContain(secret);
});
