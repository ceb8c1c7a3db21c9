import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_MODES, startEmulator, type EmulatorOptions } from "scalekit-emulator";
import { EmulatorClient, expectErrorBody, payload } from "../support/emulator-api";

let dir: string;
let statePath: string;
const running: EmulatorClient[] = [];

const start = async (options: EmulatorOptions = {}) => {
  const client = new EmulatorClient(await startEmulator({ statePath, ...options }));
  running.push(client);
  return client;
};
const readState = () => JSON.parse(readFileSync(statePath, "utf8"));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
  statePath = join(dir, "nested", "state.json");
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((client) => client.emulator.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe("the state file", () => {
  test("connectors and usage survive a restart, in creation order", async () => {
    const first = await start();
    const zeta = await first.created(payload("Zeta", { metadata: { owner: "team" } }));
    const alpha = await first.created(payload("Alpha"));
    await first.control("PUT", `connectors/${encodeURIComponent(zeta.identifier)}/usage`, { connections: 2, connectedAccounts: 5 });
    await first.emulator.close();

    const second = await start();
    expect(await second.customs()).toEqual([zeta, alpha]);
    const usage = await second.control("GET", `connectors/${encodeURIComponent(zeta.identifier)}/usage`);
    expect(usage.body).toMatchObject({ connections: 2, connectedAccounts: 5 });
    expect((await second.create(payload("Zeta"))).status).toBe(409);
    expect((await second.create(payload("Beta"))).status).toBe(201);
  });

  test("is written before the answer, so it already holds the change", async () => {
    const client = await start();
    const written = await client.created(payload("Written"));
    expect(readState().providers).toEqual([written]);
    await client.update(written.identifier, payload("Written", { description: "second" }));
    expect(readState().providers[0].description).toBe("second");
    await client.remove(written.identifier);
    expect(readState().providers).toEqual([]);
  });

  test("identifiers holding a colon survive a restart and still work for usage, update and delete", async () => {
    const first = await start({ identifierStyle: "suffixed", seed: 9 });
    const { identifier } = await first.created(payload("Colon Kept"));
    expect(identifier).toContain(":");
    await first.control("PUT", `connectors/${encodeURIComponent(identifier)}/usage`, { connections: 1 });
    await first.emulator.close();

    const second = await start({ identifierStyle: "suffixed", seed: 9 });
    expect((await second.customs()).map((p) => p.identifier)).toEqual([identifier]);
    expect((await second.remove(identifier)).status).toBe(403);
    await second.control("PUT", `connectors/${encodeURIComponent(identifier)}/usage`, { connections: 0 });
    expect((await second.update(identifier, payload("Colon Kept", { description: "later" }))).status).toBe(200);
    // The same seed replays the same draws: the second connector must still get a fresh identifier.
    const other = await second.created(payload("Colon Kept Too"));
    expect(other.identifier).not.toBe(identifier);
    expect((await second.remove(identifier)).status).toBe(200);
  });

  test("modes are not stored: a restart takes the modes it is given", async () => {
    const first = await start({ duplicateNames: "accept" });
    await first.control("PUT", "modes", { deleteInUse: "failed-precondition", updateSemantics: "partial" });
    await first.emulator.close();
    const second = await start();
    expect((await second.control("GET", "modes")).body).toEqual(DEFAULT_MODES);
  });

  test("access tokens do not survive a restart", async () => {
    const first = await start();
    const token = await first.token();
    await first.emulator.close();
    const second = await start();
    expect((await second.call("GET", "/api/v1/providers", { token })).status).toBe(401);
  });

  test("reset is written too", async () => {
    const client = await start();
    await client.create(payload("Short Lived"));
    await client.control("POST", "reset");
    expect(readState().providers).toEqual([]);
  });

  test("stays valid JSON through a burst of concurrent changes, and holds them all", async () => {
    const client = await start();
    await client.token();
    const names = Array.from({ length: 80 }, (_, i) => `Burst ${i}`);
    let reads = 0;
    let writesDone = false;
    const reader = (async () => {
      while (!writesDone) {
        try {
          readState();
          reads++;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const answers = await Promise.all(names.map((name) => client.create(payload(name))));
    const identifiers = answers.map((answer) => answer.body.provider.identifier as string);
    const updates = await Promise.all(identifiers.map((identifier, i) => client.update(identifier, payload(`Burst ${i}`, { description: `v2 of ${i}` }))));
    writesDone = true;
    await reader;

    expect(answers.every((answer) => answer.status === 201)).toBe(true);
    expect(updates.every((answer) => answer.status === 200)).toBe(true);
    expect(reads).toBeGreaterThan(0);
    const state = readState();
    expect(state.providers).toHaveLength(80);
    expect(new Set(state.providers.map((p: { identifier: string }) => p.identifier)).size).toBe(80);
    expect(state.providers.every((p: { description: string }) => p.description.startsWith("v2 of "))).toBe(true);
    expect(readdirSync(join(dir, "nested"))).toEqual(["state.json"]);
  });

  test("a failed write is a 500 Internal answer, and the server keeps serving", async () => {
    const client = await start();
    await client.create(payload("First"));
    rmSync(statePath);
    mkdirSync(statePath); // renaming the new state over a directory fails
    const failed = await client.create(payload("Second"));
    expect(failed.status).toBe(500);
    expectErrorBody(failed, 13, /^internal emulator error: /);

    rmSync(statePath, { recursive: true });
    expect((await client.create(payload("Third"))).status).toBe(201);
    expect(readState().providers.map((p: { display_name: string }) => p.display_name)).toEqual(["First", "Second", "Third"]);
  });

  test("a state file that is not JSON stops the start with a clear message", async () => {
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{ not json");
    await expect(startEmulator({ statePath: broken })).rejects.toThrow(/state file .*broken\.json is not valid JSON.*delete it to start empty/);
  });

  test("a JSON file that is not an emulator state stops the start", async () => {
    const other = join(dir, "other.json");
    writeFileSync(other, JSON.stringify({ hello: "world" }));
    await expect(startEmulator({ statePath: other })).rejects.toThrow(/is not an emulator state file/);
  });
});
