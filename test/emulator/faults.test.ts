import { ROUTES } from "scalekit-emulator";
import { EmulatorClient, expectErrorBody, payload, useEmulator } from "../support/emulator-api";

const client = useEmulator({ seed: 7 });

const setFaults = async (body: unknown) => {
  const answer = await client().control("PUT", "faults", body);
  expect(answer.status).toBe(200);
  return answer;
};
const storedNames = async (c: EmulatorClient) =>
  (await c.control("GET", "connectors")).body.providers.map((p: { display_name: string }) => p.display_name);

describe("fault injection", () => {
  test("latencyMs delays every matching request", async () => {
    await client().token();
    await setFaults({ rules: [{ route: ROUTES.listProviders, latencyMs: 300 }] });
    const started = Date.now();
    const answer = await client().list();
    expect(answer.status).toBe(200);
    // A few ms of slack: the server's timer clock is cached per event-loop turn and may run slightly behind.
    expect(Date.now() - started).toBeGreaterThanOrEqual(295);
  });

  test("rate429 answers 429 ResourceExhausted with Retry-After and stores nothing", async () => {
    await client().token();
    await setFaults({ rules: [{ route: ROUTES.createProvider, rate429: 1, retryAfterSeconds: 3 }] });
    const answer = await client().create(payload("Limited"));
    expect(answer.status).toBe(429);
    expect(answer.headers.get("retry-after")).toBe("3");
    expectErrorBody(answer, 8, /rate limit/);
    expect(await storedNames(client())).toEqual([]);
  });

  test("Retry-After defaults to 1 second", async () => {
    await client().token();
    await setFaults({ rules: [{ route: "*", rate429: 1 }] });
    const answer = await client().list();
    expect(answer.status).toBe(429);
    expect(answer.headers.get("retry-after")).toBe("1");
  });

  test("rate503 answers 503 Unavailable and stores nothing", async () => {
    await client().token();
    await setFaults({ rules: [{ route: ROUTES.createProvider, rate503: 1 }] });
    const answer = await client().create(payload("Down"));
    expect(answer.status).toBe(503);
    expectErrorBody(answer, 14);
    expect(await storedNames(client())).toEqual([]);
  });

  test("a rule on one route leaves the other routes alone", async () => {
    await client().token();
    await setFaults({ rules: [{ route: ROUTES.deleteProvider, rate503: 1 }] });
    const { identifier } = await client().created(payload("Fine"));
    expect((await client().list()).status).toBe(200);
    expect((await client().remove(identifier)).status).toBe(503);
  });

  test('route "*" matches every API route, including the token route', async () => {
    await setFaults({ rules: [{ route: "*", rate503: 1 }] });
    expect((await client().requestToken()).status).toBe(503);
  });

  test("dropAfterStoreRate stores the create, then drops the connection without an answer", async () => {
    await client().token();
    await setFaults({ rules: [{ route: ROUTES.createProvider, dropAfterStoreRate: 1 }] });
    await expect(client().create(payload("Dropped"))).rejects.toThrow();
    expect(await storedNames(client())).toEqual(["Dropped"]);
  });

  test("dropAfterStoreRate applies an update, then drops the connection", async () => {
    const { identifier } = await client().created(payload("Changed"));
    await setFaults({ rules: [{ route: ROUTES.updateProvider, dropAfterStoreRate: 1 }] });
    await expect(client().update(identifier, payload("Changed", { description: "after" }))).rejects.toThrow();
    const stored = (await client().control("GET", "connectors")).body.providers[0];
    expect(stored.description).toBe("after");
  });

  test("dropAfterStoreRate does not drop a request that failed", async () => {
    await client().token();
    await setFaults({ rules: [{ route: ROUTES.createProvider, dropAfterStoreRate: 1 }] });
    const answer = await client().create(payload("Bad-Name"));
    expect(answer.status).toBe(400);
  });

  test("dropAfterStoreRate does not apply to lists and deletes", async () => {
    const { identifier } = await client().created(payload("Kept"));
    await setFaults({ rules: [{ route: "*", dropAfterStoreRate: 1 }] });
    expect((await client().list()).status).toBe(200);
    expect((await client().remove(identifier)).status).toBe(200);
  });

  test("limit caps the injected failures: the next two get 503, then requests pass", async () => {
    await client().token();
    await setFaults({ rules: [{ route: ROUTES.listProviders, rate503: 1, limit: 2 }] });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await client().list()).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
  });

  test("GET /_emulator/faults shows what is left of each limit", async () => {
    await client().token();
    await setFaults({
      rules: [
        { route: ROUTES.listProviders, rate429: 1, limit: 3 },
        { route: ROUTES.createProvider, latencyMs: 5 },
      ],
    });
    await client().list();
    const state = await client().control("GET", "faults");
    expect(state.body).toEqual({
      rules: [
        { route: ROUTES.listProviders, rate429: 1, limit: 2 },
        { route: ROUTES.createProvider, latencyMs: 5 },
      ],
    });
  });

  test("PUT replaces all rules and DELETE clears them", async () => {
    await setFaults({ rules: [{ route: "*", rate503: 1 }] });
    await setFaults({ rules: [{ route: ROUTES.deleteProvider, rate503: 1 }] });
    expect((await client().list()).status).toBe(200);
    const cleared = await client().control("DELETE", "faults");
    expect(cleared.body).toEqual({ rules: [] });
    expect((await client().control("GET", "faults")).body).toEqual({ rules: [] });
  });

  test("the same seed gives the same sequence of injected failures", async () => {
    await client().token();
    const run = async () => {
      await setFaults({ seed: 42, rules: [{ route: ROUTES.listProviders, rate503: 0.5 }] });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await client().list()).status);
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(200);
  });

  test("controls are never faulted", async () => {
    await setFaults({ rules: [{ route: "*", rate503: 1, rate429: 1 }] });
    expect((await client().control("GET", "counters")).status).toBe(200);
    expect((await client().control("GET", "connectors")).status).toBe(200);
    expect((await client().control("GET", "faults")).status).toBe(200);
  });

  test.each<[string, unknown, RegExp]>([
    ["a body without rules", {}, /"rules" must be an array/],
    ["an unknown route", { rules: [{ route: "GET /nowhere" }] }, /route must be "\*" or one of/],
    ["a rate above 1", { rules: [{ route: "*", rate503: 1.5 }] }, /rate503 must be a number from 0 to 1/],
    ["a negative latency", { rules: [{ route: "*", latencyMs: -1 }] }, /latencyMs must be a number from 0 up/],
    ["a fractional limit", { rules: [{ route: "*", limit: 1.5 }] }, /limit must be a whole number/],
    ["a misspelt rule field", { rules: [{ route: "*", rate_503: 1 }] }, /unknown field\(s\): rate_503/],
    ["a seed that is not a number", { seed: "x", rules: [] }, /seed must be a number/],
  ])("a faults body with %s is 400", async (_case, body, message) => {
    const answer = await client().control("PUT", "faults", body);
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, message);
  });
});
