/** Emulators for a run: started by name, every API request recorded (span, requests in flight, quiet), closed together. */
import type { RequestRecord } from "scalekit-emulator";
import { emulatorControl } from "../../scripts/lib/emulator-control";
import { RequestLog, startEmulators } from "../../scripts/lib/emulators";
import { EmulatorClient, payload } from "../support/emulator-api";

const request = (path: string, startedAt: number, endedAt: number): RequestRecord => ({ method: "POST", path, outcome: 200, startedAt, endedAt });

describe("RequestLog", () => {
  test("span and requests in flight of the API requests; the test controls are left out", () => {
    const log = new RequestLog();
    const seen: string[] = [];
    log.onRequest = (record) => seen.push(record.path);
    log.record(request("/oauth/token", 1_000, 1_100));
    log.record(request("/api/v1/custom-providers", 1_150, 1_300));
    log.record(request("/api/v1/custom-providers", 1_120, 1_320));
    log.record(request("/_emulator/counters", 1_300, 1_301));
    expect(log.activity()).toEqual({ requests: 3, spanMs: 320, maxInFlight: 2 });
    expect(seen).toEqual(["/oauth/token", "/api/v1/custom-providers", "/api/v1/custom-providers"]);
    log.clear();
    expect(log.entries).toEqual([]);
    expect(log.activity()).toEqual({ requests: 0, spanMs: 0, maxInFlight: 0 });
  });

  test("an answer at the instant another request arrives does not count as overlapping", () => {
    const log = new RequestLog();
    log.record(request("/oauth/token", 0, 100));
    log.record(request("/api/v1/providers", 100, 200));
    expect(log.activity()).toEqual({ requests: 2, spanMs: 200, maxInFlight: 1 });
  });

  test("quiet resolves once no request has closed for the time asked", async () => {
    const log = new RequestLog();
    log.record(request("/oauth/token", Date.now() - 10, Date.now()));
    const started = Date.now();
    await log.quiet(150, 10);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

test("startEmulators: one emulator per name with its options, each recording its own requests, closed together", async () => {
  const emulators = await startEmulators({ dev: { clientSecret: "dev-secret" }, production: { identifierStyle: "opaque" } });
  try {
    expect(emulators.dev.credentials.clientSecret).toBe("dev-secret");
    expect(emulators.dev.url).not.toBe(emulators.production.url);
    const created = await new EmulatorClient(emulators.production).created(payload("Only In Production"));
    expect(created.identifier).toMatch(/^prov_/);
    expect(emulators.production.requests.entries.map((r) => `${r.method} ${r.path} ${r.outcome}`)).toEqual([
      "POST /oauth/token 200",
      "POST /api/v1/custom-providers 201",
    ]);
    expect(emulators.dev.requests.entries).toEqual([]);
    expect(await emulatorControl.connectors(emulators.dev.url)).toEqual([]);
  } finally {
    await emulators.close();
  }
  await expect(fetch(`${emulators.dev.url}/_emulator/counters`)).rejects.toThrow();
});
