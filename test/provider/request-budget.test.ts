/**
 * The request budget: where it comes from (stack config, then SCALEKIT_MAX_REQUESTS_PER_MINUTE),
 * what a bad value says, how the pacer spaces requests (on a fake clock), and that every client
 * of a process with the same budget shares one pacer, token requests included.
 */
import { startEmulator, type RunningEmulator } from "scalekit-emulator";
import { InvalidRequestBudgetError, RequestPacer, resolveRequestBudget, ScalekitClient, sharedPacer, type ConfigSource } from "pulumi-scalekit-connectors/internal";

function config(values: Record<string, string>): ConfigSource {
  return { get: (key) => values[key] };
}

describe("resolveRequestBudget", () => {
  test("unlimited (undefined) when neither the stack config nor the environment sets one", () => {
    expect(resolveRequestBudget(config({}), {})).toBeUndefined();
    expect(resolveRequestBudget(undefined, { SCALEKIT_MAX_REQUESTS_PER_MINUTE: "" })).toBeUndefined();
  });

  test("the stack config wins; the environment variable is the fallback", () => {
    const env = { SCALEKIT_MAX_REQUESTS_PER_MINUTE: "120" };
    expect(resolveRequestBudget(config({ "scalekit:maxRequestsPerMinute": "300" }), env)).toBe(300);
    expect(resolveRequestBudget(config({}), env)).toBe(120);
  });

  test.each(["0", "-5", "2.5", "ten", "1e3", "9007199254740993"])("%s is refused with the setting and the rule named", (bad) => {
    const fromConfig = () => resolveRequestBudget(config({ "scalekit:maxRequestsPerMinute": bad }), {});
    expect(fromConfig).toThrow(InvalidRequestBudgetError);
    expect(fromConfig).toThrow(`The stack config scalekit:maxRequestsPerMinute is ${JSON.stringify(bad)}: it must be a positive whole number of requests per minute`);
    expect(() => resolveRequestBudget(undefined, { SCALEKIT_MAX_REQUESTS_PER_MINUTE: bad })).toThrow(
      `The environment variable SCALEKIT_MAX_REQUESTS_PER_MINUTE is ${JSON.stringify(bad)}: it must be a positive whole number`,
    );
  });
});

describe("RequestPacer, on a fake clock", () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  /** Asks for `count` turns at once; returns the moments they were granted, relative to now. */
  function turns(pacer: RequestPacer, count: number, signal?: AbortSignal): number[] {
    const start = Date.now();
    const granted: number[] = [];
    for (let i = 0; i < count; i++) void pacer.turn(signal).then(() => granted.push(Date.now() - start));
    return granted;
  }

  test("60 a minute: the first request at once, then one a second", async () => {
    const pacer = new RequestPacer(60);
    const granted = turns(pacer, 4);
    await jest.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0]);
    await jest.advanceTimersByTimeAsync(2999);
    expect(granted).toEqual([0, 1000, 2000]);
    await jest.advanceTimersByTimeAsync(1);
    expect(granted).toEqual([0, 1000, 2000, 3000]);
  });

  test("after a quiet spell the next request goes at once", async () => {
    const pacer = new RequestPacer(600);
    turns(pacer, 1);
    await jest.advanceTimersByTimeAsync(5000);
    const granted = turns(pacer, 2);
    await jest.advanceTimersByTimeAsync(100);
    expect(granted).toEqual([0, 100]);
  });

  test("a stalled event loop does not let the waiting requests through together", async () => {
    const pacer = new RequestPacer(60);
    const granted = turns(pacer, 3);
    await jest.advanceTimersByTimeAsync(0);
    // The clock jumps 5 s while no timer runs (a busy process): the second turn comes late, and
    // the third still a whole interval after it, not at once.
    jest.setSystemTime(Date.now() + 5000);
    await jest.advanceTimersByTimeAsync(1000);
    expect(granted).toEqual([0, 6000]);
    await jest.advanceTimersByTimeAsync(999);
    expect(granted).toEqual([0, 6000]);
    await jest.advanceTimersByTimeAsync(1);
    expect(granted).toEqual([0, 6000, 7000]);
  });

  test("an aborted signal ends the wait at once", async () => {
    const pacer = new RequestPacer(1);
    const controller = new AbortController();
    const granted = turns(pacer, 2, controller.signal);
    await jest.advanceTimersByTimeAsync(10);
    expect(granted).toEqual([0]);
    controller.abort();
    await jest.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0, 10]);
  });

  test("one pacer per budget per process", () => {
    expect(sharedPacer(240)).toBe(sharedPacer(240));
    expect(sharedPacer(240)).not.toBe(sharedPacer(241));
    expect(sharedPacer(240).intervalMs).toBe(250);
  });
});

describe("clients with a budget", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => emulator?.close());

  test("two clients of one process share the budget, token requests counted: 4 requests at 300 a minute span at least 3 × 200 ms", async () => {
    // A budget no other test uses, so that this process's pacer for it starts idle.
    const budget = 300;
    const clients = [new ScalekitClient(emulator.credentials, { maxRequestsPerMinute: budget }), new ScalekitClient(emulator.credentials, { maxRequestsPerMinute: budget })];
    const started = Date.now();
    // Each client: a token request, then a listing.
    await Promise.all(clients.map((client) => client.listCustomProviders()));
    const elapsed = Date.now() - started;
    await Promise.all(clients.map((client) => client.close()));
    expect(elapsed).toBeGreaterThanOrEqual(3 * 200);
  });
});

describe("a 429 retried past maxRetries", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => emulator?.close());

  test("Scalekit's budget is per minute: a rate-limited request is retried up to maxRateLimitedRetries, not maxRetries", async () => {
    const client = new ScalekitClient(emulator.credentials, { retry: { minDelayMs: 5, maxDelayMs: 20, maxRetries: 2, maxRateLimitedRetries: 8 } });
    await client.listCustomProviders();
    await fetch(`${emulator.url}/_emulator/faults`, { method: "PUT", body: JSON.stringify({ rules: [{ route: "GET /api/v1/providers", rate429: 1, retryAfterSeconds: 0, limit: 8 }] }) });
    await fetch(`${emulator.url}/_emulator/counters`, { method: "DELETE" });
    await expect(client.listCustomProviders()).resolves.toEqual([]);
    const counters = (await (await fetch(`${emulator.url}/_emulator/counters`)).json()) as { routes: Record<string, number> };
    expect(counters.routes["GET /api/v1/providers"]).toBe(9);
    await client.close();
  });
});
