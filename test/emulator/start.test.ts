/** What startEmulator hands out (its URL and credentials) and what it reports of each request (log lines, onRequest records). */
import type { ScalekitCredentials } from "pulumi-scalekit-connectors/internal";
import { startEmulator, type RequestRecord } from "scalekit-emulator";
import { EmulatorClient, payload } from "../support/emulator-api";

test("credentials: the URL and the client credentials in the provider's ScalekitCredentials shape", async () => {
  const emulator = await startEmulator({ port: 0, clientId: "start-client", clientSecret: "start-secret" });
  try {
    // One type under one name: what the emulator hands out is what the provider takes (checked by tsc).
    const forTheProvider: ScalekitCredentials = emulator.credentials;
    expect(forTheProvider).toEqual({ environmentUrl: emulator.url, clientId: "start-client", clientSecret: "start-secret" });
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
  } finally {
    await emulator.close();
  }
});

test("onRequest receives every request once answered, and log one line for each", async () => {
  const records: RequestRecord[] = [];
  const lines: string[] = [];
  const emulator = await startEmulator({ port: 0, onRequest: (record) => records.push(record), log: (line) => lines.push(line) });
  try {
    const client = new EmulatorClient(emulator);
    expect((await client.create(payload("Recorded"))).status).toBe(201);
    expect((await client.control("GET", "counters")).status).toBe(200);
    expect((await client.call("GET", "/api/v1/nowhere")).status).toBe(404);
  } finally {
    await emulator.close();
  }
  expect(records.map(({ method, path, outcome }) => ({ method, path, outcome }))).toEqual([
    { method: "POST", path: "/oauth/token", outcome: 200 },
    { method: "POST", path: "/api/v1/custom-providers", outcome: 201 },
    { method: "GET", path: "/_emulator/counters", outcome: 200 },
    { method: "GET", path: "/api/v1/nowhere", outcome: 404 },
  ]);
  for (const record of records) expect(record.endedAt).toBeGreaterThanOrEqual(record.startedAt);
  expect(lines).toEqual(records.map((record) => `${record.method} ${record.path} ${record.outcome} ${record.endedAt - record.startedAt}ms`));
});

test("a dropped connection is recorded as dropped", async () => {
  const records: RequestRecord[] = [];
  const emulator = await startEmulator({ port: 0, onRequest: (record) => records.push(record) });
  try {
    const client = new EmulatorClient(emulator);
    await client.token();
    await client.control("PUT", "faults", { rules: [{ route: "POST /api/v1/custom-providers", dropAfterStoreRate: 1, limit: 1 }] });
    await expect(client.create(payload("Dropped"))).rejects.toThrow();
  } finally {
    await emulator.close();
  }
  expect(records.filter((record) => record.path === "/api/v1/custom-providers").map((record) => record.outcome)).toEqual(["dropped"]);
});
