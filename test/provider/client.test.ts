/**
 * The Scalekit client against the emulator: one token per environment (single-flight, renewed
 * before expiry and once on a 401), retries of 429/503 and dropped connections where a repeat
 * is safe, a create of unknown outcome reported after one POST (operations.create settles it,
 * see operations.test.ts), look-ups, path prefixes, pagination, timeouts, and no secret in any
 * message.
 */
import { ScalekitApiError, ScalekitTransportError } from "pulumi-scalekit-connectors";
import {
  connectorsNamed,
  createOutcomeUnknown,
  defaultRetryPolicy,
  retryDelayMs,
  ScalekitClient,
  toScalekitPayload,
  type ScalekitClientOptions,
  type ScalekitCredentials,
} from "pulumi-scalekit-connectors/internal";
import { IDENTIFIER_STYLES, type IdentifierStyle } from "scalekit-emulator";
import { Captured, expectFailure, scanAfterEachTest } from "../support/capture";
import { routes, TestEnvironment } from "../support/test-environment";
import { bearerArgs, canonical } from "../support/payloads";

const fastRetries: ScalekitClientOptions = { retry: { minDelayMs: 5, maxDelayMs: 20 } };

/**
 * The emulator's ways of choosing identifiers (scalekit-api.md: the format is not documented),
 * each with what its identifiers look like, so that a test run under a style can check it was
 * played; the tests below hold whatever the identifiers look like.
 */
const identifierShapes: Record<IdentifierStyle, RegExp> = { lowercase: /^[a-z0-9]+$/, suffixed: /^[A-Z0-9]+:\d+$/, opaque: /^prov_[0-9a-f]+$/ };

/** The real setTimeout, kept before any test fakes it. */
const realSetTimeout = global.setTimeout;

/**
 * Resolves with the delay of the next timer set (through the faked setTimeout) for at least
 * `minimumMs`: the transport's wait before a retry. Call after jest.useFakeTimers(). Rejects when
 * none is set within 10 real seconds (a transport that does not wait sets no such timer).
 */
function timerOfAtLeast(minimumMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const fakeSetTimeout = global.setTimeout;
    const spy = jest.spyOn(global, "setTimeout").mockImplementation(((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      if ((ms ?? 0) >= minimumMs) {
        spy.mockRestore();
        resolve(ms!);
      }
      return fakeSetTimeout(callback, ms, ...args);
    }) as typeof setTimeout);
    realSetTimeout(() => {
      spy.mockRestore();
      reject(new Error(`no timer of ${minimumMs} ms or more was set within 10 s`));
    }, 10_000).unref();
  });
}

function payloadFor(displayName: string) {
  return toScalekitPayload(canonical(bearerArgs(displayName)));
}

const captured = new Captured();
const environments: TestEnvironment[] = [];
const clients: ScalekitClient[] = [];
const otherSecrets: string[] = [];
// Every test answers for what it captured: no client secret and no token, in any message or result.
scanAfterEachTest(captured, () => [...environments.flatMap((started) => started.secrets()), ...otherSecrets]);

async function environment(...args: Parameters<typeof TestEnvironment.start>): Promise<TestEnvironment> {
  const started = await TestEnvironment.start(...args);
  environments.push(started);
  return started;
}

function clientOf(credentials: ScalekitCredentials, options: ScalekitClientOptions = fastRetries): ScalekitClient {
  const client = new ScalekitClient(credentials, options);
  clients.push(client);
  return client;
}

function failure(label: string, run: () => Promise<unknown>): Promise<Error> {
  return expectFailure(captured, label, run);
}

let env: TestEnvironment;

beforeAll(async () => {
  env = await environment();
});

beforeEach(async () => {
  await env.reset();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close()));
  await Promise.all(environments.map((started) => started.close()));
});

describe("access tokens", () => {
  test("100 concurrent creates through one client fetch exactly one token", async () => {
    const client = clientOf(env.credentials);
    const created = await Promise.all(Array.from({ length: 100 }, (_, i) => captured.record(`create ${i}`, () => client.create(payloadFor(`Parallel ${i}`)))));
    const counters = await env.counters();
    expect(counters.routes[routes.token]).toBe(1);
    expect(counters.routes[routes.create]).toBe(100);
    expect(new Set(created.map((provider) => provider.identifier)).size).toBe(100);
    expect(await env.connectors()).toHaveLength(100);
  });

  test("a token is renewed before it expires, without a refused call", async () => {
    const shortLived = await environment({ tokenTtlSeconds: 100 });
    const client = clientOf(shortLived.credentials);
    await client.listCustomProviders();
    // 95 s pass on both clocks, without waiting: past the client's renewal point (a tenth of the
    // lifetime before expiry), 5 s before Scalekit's expiry. The client reads Date.now; the
    // emulator's token clock is moved by its control.
    await shortLived.advanceClock(95);
    const realNow = Date.now.bind(Date);
    const clock = jest.spyOn(Date, "now").mockImplementation(() => realNow() + 95_000);
    try {
      await client.listCustomProviders();
    } finally {
      clock.mockRestore();
    }
    const counters = await shortLived.counters();
    // A new token although the old one was still good, and no call refused: two list calls, no third.
    expect(counters.routes[routes.token]).toBe(2);
    expect(counters.routes[routes.list]).toBe(2);
  });

  test("a refused token is renewed once and the call repeated", async () => {
    const client = clientOf(env.credentials);
    await client.listCustomProviders();
    await env.expireTokens();
    await captured.record("list after expiry", () => client.listCustomProviders());
    const counters = await env.counters();
    expect(counters.routes[routes.token]).toBe(2);
    expect(counters.routes[routes.list]).toBe(3);
  });

  test("only once: a second 401 is reported, with what to check", async () => {
    const client = clientOf(env.credentials);
    env.refuseAllTokens = true;
    const error = await failure("list with refused tokens", () => client.listCustomProviders());
    env.refuseAllTokens = false;
    expect(error).toBeInstanceOf(ScalekitApiError);
    expect((error as ScalekitApiError).status).toBe(401);
    expect(error.message).toBe(
      "Listing Scalekit connectors failed: Scalekit answered 401 Unauthenticated: token is not valid. " +
        "Check scalekit:clientId and scalekit:clientSecret (or SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET): they must be the API client of this environment.",
    );
    expect((await env.counters()).routes[routes.token]).toBe(2);
  });

  test("wrong client credentials: the error says which settings to check and never shows the secret", async () => {
    const wrongSecret = "wrong-secret-0123456789abcdef";
    otherSecrets.push(wrongSecret);
    const client = clientOf({ ...env.credentials, clientSecret: wrongSecret });
    const error = await failure("list with a wrong secret", () => client.listCustomProviders());
    expect(error.message).toMatch(/^Getting a Scalekit access token failed: Scalekit answered 401 Unauthenticated: .*Check scalekit:clientId and scalekit:clientSecret/);
    expect(error.message).not.toContain(wrongSecret);
  });
});

describe("retries of requests that are safe to repeat", () => {
  test("429 on a list: retried, then answered", async () => {
    const client = clientOf(env.credentials);
    await env.faults([{ route: routes.list, rate429: 1, retryAfterSeconds: 0, limit: 2 }]);
    expect(await client.listCustomProviders()).toEqual([]);
    expect((await env.counters()).routes[routes.list]).toBe(3);
  });

  test("Retry-After is honoured: the retry waits for it, on a clock the test moves, and succeeds", async () => {
    const client = clientOf(env.credentials);
    await client.listCustomProviders(); // the token in hand
    await env.resetCounters();
    await env.faults([{ route: routes.list, rate429: 1, retryAfterSeconds: 2, limit: 1 }]);
    // Timers the test moves; I/O and promise callbacks run as usual, and undici's own clock stays real.
    jest.useFakeTimers({ doNotFake: ["nextTick", "setImmediate", "queueMicrotask", "hrtime", "performance"] });
    try {
      const scheduled = timerOfAtLeast(1_000);
      let listed: unknown;
      const listing = client.listCustomProviders().then((providers) => (listed = providers));
      // The 429 arrived and the transport set its timer for the retry: Retry-After, plus at most one step of jitter (5 ms here).
      const waitMs = await scheduled;
      expect(waitMs).toBeGreaterThanOrEqual(2_000);
      expect(waitMs).toBeLessThanOrEqual(2_005);
      await jest.advanceTimersByTimeAsync(waitMs - 1);
      expect(listed).toBeUndefined();
      expect((await env.counters()).routes[routes.list]).toBe(1);
      await jest.advanceTimersByTimeAsync(1);
      await listing;
      expect(listed).toEqual([]);
      expect((await env.counters()).routes[routes.list]).toBe(2);
    } finally {
      jest.useRealTimers();
    }
  });

  test.each([
    { title: "503 on an update: retried, then applied once", name: "Retried Update", fault: { rate503: 1, limit: 2 }, description: "after two 503s", calls: 3 },
    { title: "an update whose answer is lost is sent again, which is harmless", name: "Dropped Update", fault: { dropAfterStoreRate: 1, limit: 1 }, description: "stored twice", calls: 2 },
  ])("$title", async ({ name, fault, description, calls }) => {
    const client = clientOf(env.credentials);
    const created = await client.create(payloadFor(name));
    await env.faults([{ route: routes.update, ...fault }]);
    const updated = await client.update(created.identifier, { ...payloadFor(name), description });
    expect(updated.description).toBe(description);
    expect((await env.counters()).routes[routes.update]).toBe(calls);
  });

  test("503 on a delete: retried, then deleted", async () => {
    const client = clientOf(env.credentials);
    const created = await client.create(payloadFor("Retried Delete"));
    await env.faults([{ route: routes.remove, rate503: 1, limit: 1 }]);
    expect(await client.delete(created.identifier)).toBe("deleted");
    expect((await env.counters()).routes[routes.remove]).toBe(2);
    expect(await env.connectors()).toEqual([]);
  });

  test("a token request that gets a 503 is retried too", async () => {
    const client = clientOf(env.credentials);
    await env.faults([{ route: routes.token, rate503: 1, limit: 1 }]);
    await client.listCustomProviders();
    expect((await env.counters()).routes[routes.token]).toBe(2);
  });

  test("retries are bounded: an outage is reported after the last one", async () => {
    const client = clientOf(env.credentials, { retry: { minDelayMs: 5, maxDelayMs: 20, maxRetries: 2 } });
    await env.faults([{ route: routes.list, rate503: 1 }]);
    const error = await failure("list during an outage", () => client.listCustomProviders());
    expect(error.message).toMatch(/^Listing Scalekit connectors failed: Scalekit answered 503 Unavailable: .*Scalekit stayed unavailable after the retries; try again in a few minutes\.$/);
    expect((await env.counters()).routes[routes.list]).toBe(3);
  });

  test("a Retry-After longer than a minute is not waited for", async () => {
    const client = clientOf(env.credentials);
    await env.faults([{ route: routes.list, rate429: 1, retryAfterSeconds: 3600, limit: 1 }]);
    const error = await failure("list told to wait an hour", () => client.listCustomProviders());
    expect((error as ScalekitApiError).status).toBe(429);
    expect((await env.counters()).routes[routes.list]).toBe(1);
  });

  test("a request that times out is retried, then reported as unanswered", async () => {
    // undici checks its timeouts about twice a second, so the delay is well beyond that.
    const client = clientOf(env.credentials, { retry: { minDelayMs: 5, maxDelayMs: 20, maxRetries: 1 }, timeoutMs: 300 });
    await client.listCustomProviders();
    await env.resetCounters();
    await env.faults([{ route: routes.list, latencyMs: 3_000 }]);
    const error = await failure("list that times out", () => client.listCustomProviders());
    expect(error).toBeInstanceOf(ScalekitTransportError);
    expect(error.message).toMatch(/^Listing Scalekit connectors got no answer from Scalekit \(.*\)\. Check the environment URL and the network, then try again\.$/);
    expect((await env.counters()).routes[routes.list]).toBe(2);
  });

  test("nobody listening: reported as unanswered, naming what was attempted", async () => {
    const gone = await environment();
    const credentials = gone.credentials;
    otherSecrets.push(credentials.clientSecret);
    await gone.close();
    environments.splice(environments.indexOf(gone), 1);
    const client = clientOf(credentials, { retry: { minDelayMs: 5, maxDelayMs: 20, maxRetries: 1 } });
    const error = await failure("list with nobody listening", () => client.listCustomProviders());
    expect(error).toBeInstanceOf(ScalekitTransportError);
    expect(error.message).toMatch(/^Getting a Scalekit access token got no answer from Scalekit \(.*ECONNREFUSED.*\)\. Check the environment URL and the network, then try again\.$/);
  });
});

describe("retry timing", () => {
  const policy = { ...defaultRetryPolicy, minDelayMs: 100, maxDelayMs: 1_000 };

  test("Retry-After in seconds is waited for in full, plus at most one step of jitter", () => {
    expect(retryDelayMs(policy, 1, { "retry-after": "2" }, () => 0)).toBe(2_000);
    expect(retryDelayMs(policy, 1, { "retry-after": "2" }, () => 0.999)).toBeCloseTo(2_099.9);
  });

  test("Retry-After as an HTTP date", () => {
    const inThreeSeconds = new Date(Date.now() + 3_000).toUTCString();
    const delay = retryDelayMs(policy, 1, { "retry-after": inThreeSeconds }, () => 0) ?? 0;
    expect(delay).toBeGreaterThan(1_000);
    expect(delay).toBeLessThanOrEqual(3_000);
  });

  test("without Retry-After: exponential backoff with jitter, capped", () => {
    expect(retryDelayMs(policy, 1, {}, () => 0)).toBe(50);
    expect(retryDelayMs(policy, 1, {}, () => 1)).toBe(100);
    expect(retryDelayMs(policy, 3, {}, () => 1)).toBe(400);
    expect(retryDelayMs(policy, 10, {}, () => 1)).toBe(1_000);
  });

  test("a Retry-After beyond the policy's limit means: do not retry", () => {
    expect(retryDelayMs(policy, 1, { "retry-after": "120" })).toBeUndefined();
  });
});

describe("create", () => {
  test("a 429 is a definite 'not stored': the transport sends the create again, without a look-up", async () => {
    const client = clientOf(env.credentials);
    await env.faults([{ route: routes.create, rate429: 1, retryAfterSeconds: 0, limit: 2 }]);
    const created = await client.create(payloadFor("Rate Limited"));
    const counters = await env.counters();
    expect(counters.routes[routes.create]).toBe(3);
    expect(counters.routes[routes.list]).toBe(0);
    expect((await env.connectors()).map((provider) => provider.identifier)).toEqual([created.identifier]);
  });

  test("a 503 may or may not have stored it: the client reports it after one POST, for the create operation to settle", async () => {
    const client = clientOf(env.credentials);
    await env.faults([{ route: routes.create, rate503: 1, limit: 2 }]);
    const error = await failure("create answered 503", () => client.create(payloadFor("Unavailable")));
    expect((error as ScalekitApiError).status).toBe(503);
    expect(createOutcomeUnknown(error, "Unavailable")).toBe(true);
    const counters = await env.counters();
    expect(counters.routes[routes.create]).toBe(1);
    expect(counters.routes[routes.list]).toBe(0);
  });

  test.each(IDENTIFIER_STYLES)("identifiers %s: a connection dropped after the store is reported after one POST; Scalekit holds the connector", async (style) => {
    const styled = await environment({ identifierStyle: style });
    const client = clientOf(styled.credentials);
    expect((await client.create(payloadFor("Already Here"))).identifier).toMatch(identifierShapes[style]);
    await styled.resetCounters();
    await styled.faults([{ route: routes.create, dropAfterStoreRate: 1, limit: 1 }]);
    const error = await failure(`create with a dropped answer (${style})`, () => client.create(payloadFor("Dropped Create")));
    expect(error).toBeInstanceOf(ScalekitTransportError);
    expect(createOutcomeUnknown(error, "Dropped Create")).toBe(true);
    expect((await styled.connectors()).filter((provider) => provider.display_name === "Dropped Create")).toHaveLength(1);
    const counters = await styled.counters();
    expect(counters.routes[routes.create]).toBe(1);
    expect(counters.routes[routes.list]).toBe(0);
  });

  test("a payload Scalekit refuses: its field violations are listed in the message, one a line", async () => {
    const client = clientOf(env.credentials);
    const refused = { ...payloadFor("Refused Payload"), proxy_url: "http://api.example.com" };
    const error = await failure("create with an http proxy_url", () => client.create(refused));
    expect(error).toBeInstanceOf(ScalekitApiError);
    const apiError = error as ScalekitApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.fieldViolations.map((violation) => violation.field)).toContain("proxy_url");
    expect(error.message).toMatch(/^Creating connector "Refused Payload" failed: Scalekit answered 400 InvalidArgument/);
    for (const violation of apiError.fieldViolations) expect(error.message).toContain(`\n  - ${violation.field}: ${violation.description}`);
    expect((await env.counters()).routes[routes.create]).toBe(1);
  });

  test("an existing connector is a 409 Scalekit reports, naming the connector by its display name", async () => {
    const client = clientOf(env.credentials);
    await client.create(payloadFor("Twice"));
    const error = await failure("create twice", () => client.create(payloadFor("Twice")));
    expect((error as ScalekitApiError).status).toBe(409);
    expect(error.message).toMatch(/^Creating connector "Twice" failed: Scalekit answered 409 AlreadyExists: /);
  });
});

describe("look-ups and listing", () => {
  test("findByIdentifier finds exactly the connector with an identifier Scalekit returned, or nothing", async () => {
    const client = clientOf(env.credentials);
    const alpha = await client.create(payloadFor("Alpha"));
    const alphaTwo = await client.create(payloadFor("Alpha Two"));
    expect((await client.findByIdentifier(alpha.identifier))?.displayName).toBe("Alpha");
    expect((await client.findByIdentifier(alphaTwo.identifier))?.displayName).toBe("Alpha Two");
    expect(await client.findByIdentifier("beta")).toBeUndefined();
  });

  test("connectorsNamed finds the listed connectors named so, ignoring case and spaces, or none", async () => {
    const client = clientOf(env.credentials);
    const acme = await client.create(payloadFor("Acme CRM"));
    await client.create(payloadFor("Acme CRM Two"));
    const listed = await client.listCustomProviders();
    const idsNamed = (name: string) => connectorsNamed(listed, name).map((provider) => provider.id);
    expect(idsNamed("Acme CRM")).toEqual([acme.id]);
    expect(idsNamed("acme crm")).toEqual([acme.id]);
    expect(idsNamed("AcmeCRM")).toEqual([acme.id]);
    expect(idsNamed(" ACME crm ")).toEqual([acme.id]);
    expect(idsNamed("Acme")).toEqual([]);
  });

  test("listing follows next_page_token to the last page and returns only custom connectors", async () => {
    const paged = await environment({ maxPageSize: 10 });
    const client = clientOf(paged.credentials);
    const created: string[] = [];
    for (let i = 0; i < 25; i++) created.push((await client.create(payloadFor(`Paged ${i}`))).identifier);
    await paged.resetCounters();
    const all = await client.listCustomProviders();
    expect(all.map((provider) => provider.identifier).sort()).toEqual(created.sort());
    expect(all.every((provider) => provider.isCustom !== false)).toBe(true);
    expect((await paged.counters()).routes[routes.list]).toBe(3);
  });

  test("an environment URL with a path prefix reaches the API under it", async () => {
    const prefixed = await environment({}, { prefix: "/gateway/scalekit" });
    expect(prefixed.url).toMatch(/\/gateway\/scalekit$/);
    const client = clientOf(prefixed.credentials);
    const created = await client.create(payloadFor("Behind Gateway"));
    expect((await client.findByIdentifier(created.identifier))?.id).toBe(created.id);
    expect(await client.delete(created.identifier)).toBe("deleted");
    const counters = await prefixed.counters();
    expect(counters.routes[routes.token]).toBe(1);
    expect(counters.routes.other).toBe(0);
  });

  test("deleting what is gone answers 'absent'", async () => {
    const client = clientOf(env.credentials);
    expect(await client.delete("neverthere")).toBe("absent");
  });
});

describe("secrets", () => {
  test("the scan after each test sees the client secret or a token where there is one", async () => {
    const client = clientOf(env.credentials);
    await client.listCustomProviders();
    const token = [...env.issuedTokens].pop()!;
    const probe = new Captured();
    probe.add("an error", new Error(`refused ${token}`));
    probe.add("a result", { clientSecret: env.emulator.clientSecret });
    probe.add("a clean message", "Listing Scalekit connectors failed");
    expect(probe.leaks(env.secrets())).toEqual(["an error", "a result"]);
  });
});
