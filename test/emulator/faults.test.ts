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

describe("answers that are not the API's JSON", () => {
  /** The answer as it arrived: status, content type and the body's text (not parsed). */
  async function raw(method: string, path: string, body?: unknown): Promise<{ status: number; contentType: string | null; text: string }> {
    const token = await client().token();
    const response = await fetch(`${client().url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, contentType: response.headers.get("content-type"), text: await response.text() };
  }
  const customListing = "/api/v1/providers?filter.provider_type=CUSTOM&page_size=1000";

  test("htmlPageRate answers 200 with an HTML maintenance page, and stores nothing", async () => {
    await client().token();
    await setFaults({ rules: [{ route: ROUTES.createProvider, htmlPageRate: 1 }] });
    const answer = await raw("POST", "/api/v1/custom-providers", payload("Behind A Proxy"));
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^text\/html/);
    expect(answer.text).toMatch(/^<!DOCTYPE html>/);
    expect(answer.text).toContain("maintenance");
    expect(await storedNames(client())).toEqual([]);
  });

  test("htmlPageRate applies to the token route too", async () => {
    await setFaults({ rules: [{ route: ROUTES.token, htmlPageRate: 1 }] });
    const response = await fetch(`${client().url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: client().emulator.clientId, client_secret: client().emulator.clientSecret }).toString(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  });

  test("truncatedJsonRate stores the create, then sends the first half of its answer, which does not parse", async () => {
    await client().token();
    await setFaults({ rules: [{ route: ROUTES.createProvider, truncatedJsonRate: 1 }] });
    const answer = await raw("POST", "/api/v1/custom-providers", payload("Cut Short"));
    expect(answer.status).toBe(201);
    expect(answer.contentType).toBe("application/json");
    expect(answer.text.startsWith('{"provider":{')).toBe(true);
    expect(() => JSON.parse(answer.text)).toThrow();
    const [stored] = (await client().control("GET", "connectors")).body.providers;
    expect(stored.display_name).toBe("Cut Short");
    // Exactly the first half of the answer the emulator would have sent.
    expect(answer.text).toBe(JSON.stringify({ provider: stored }).slice(0, answer.text.length));
    expect(answer.text.length).toBe(Math.floor(JSON.stringify({ provider: stored }).length / 2));
  });

  test("truncatedJsonRate cuts a listing in the middle, and never a request that failed", async () => {
    await client().created(payload("Listed"));
    await setFaults({ rules: [{ route: "*", truncatedJsonRate: 1 }] });
    const listing = await raw("GET", customListing);
    expect(listing.status).toBe(200);
    expect(() => JSON.parse(listing.text)).toThrow();
    const refused = await raw("POST", "/api/v1/custom-providers", payload("Bad-Name"));
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text)).toMatchObject({ code: 3 });
  });

  test("shortPageRate leaves every second provider out of a page, total_size and the page token as they were", async () => {
    for (const name of ["One", "Two", "Three", "Four", "Five"]) await client().created(payload(name));
    const whole = (await client().list({ "filter.provider_type": "CUSTOM", page_size: "4" })).body;
    await setFaults({ rules: [{ route: ROUTES.listProviders, shortPageRate: 1 }] });
    const short = (await client().list({ "filter.provider_type": "CUSTOM", page_size: "4" })).body;
    expect(whole.providers).toHaveLength(4);
    expect(short.providers).toEqual([whole.providers[0], whole.providers[2]]);
    expect(short.total_size).toBe(5);
    expect(short.next_page_token).toBe(whole.next_page_token);
    expect(short.next_page_token).not.toBe("");
  });

  test("shortPageRate never shortens a page of one provider (an exact look-up), and that uses up no limit", async () => {
    const { identifier } = await client().created(payload("Alone"));
    await client().created(payload("Other"));
    await setFaults({ rules: [{ route: ROUTES.listProviders, shortPageRate: 1, limit: 1 }] });
    const lookUp = (await client().list({ "filter.provider_type": "CUSTOM", identifier })).body;
    expect(lookUp.providers.map((p: { identifier: string }) => p.identifier)).toEqual([identifier]);
    expect((await client().control("GET", "faults")).body.rules[0].limit).toBe(1);
    expect((await client().customs())).toHaveLength(1);
    expect((await client().customs())).toHaveLength(2);
  });

  test("shortPageRate does not apply to other routes", async () => {
    await client().token();
    await setFaults({ rules: [{ route: "*", shortPageRate: 1 }] });
    const answer = await client().create(payload("Whole"));
    expect(answer.status).toBe(201);
    expect(answer.body.provider.display_name).toBe("Whole");
  });

  test("limit caps the HTML pages, the cut answers and the short pages like the other failures", async () => {
    await client().created(payload("A"));
    await client().created(payload("B"));
    await setFaults({
      rules: [
        { route: ROUTES.listProviders, htmlPageRate: 1, limit: 1 },
        { route: ROUTES.listProviders, shortPageRate: 1, limit: 1 },
        { route: ROUTES.listProviders, truncatedJsonRate: 1, limit: 1 },
      ],
    });
    const answers: Awaited<ReturnType<typeof raw>>[] = [];
    for (let i = 0; i < 4; i++) answers.push(await raw("GET", customListing));
    expect(answers[0]!.contentType).toMatch(/^text\/html/);
    // The second: short, then cut; the third and fourth: whole.
    expect(() => JSON.parse(answers[1]!.text)).toThrow();
    expect(JSON.parse(answers[2]!.text).providers).toHaveLength(2);
    expect(JSON.parse(answers[3]!.text).providers).toHaveLength(2);
    expect((await client().control("GET", "faults")).body.rules.map((rule: { limit: number }) => rule.limit)).toEqual([0, 0, 0]);
  });

  test.each<[string, string, (page: Record<string, unknown>) => unknown]>([
    ["emptyObjectRate", "{}", () => ({})],
    ["nullProvidersRate", '{"providers": null}', () => ({ providers: null })],
    ["renamedProvidersRate", "the page with `providers` renamed `items`", ({ providers, ...rest }) => ({ items: providers, ...rest })],
  ])("%s answers a listing 200 with %s, as JSON", async (rate, _shape, expected) => {
    await client().created(payload("Listed One"));
    await client().created(payload("Listed Two"));
    const whole = JSON.parse((await raw("GET", customListing)).text) as Record<string, unknown>;
    await setFaults({ rules: [{ route: ROUTES.listProviders, [rate]: 1, limit: 1 }] });
    const odd = await raw("GET", customListing);
    expect(odd.status).toBe(200);
    expect(odd.contentType).toBe("application/json");
    expect(JSON.parse(odd.text)).toEqual(expected(whole));
    // The limit is used up: the next listing is whole again, and nothing was stored or removed.
    expect(JSON.parse((await raw("GET", customListing)).text)).toEqual(whole);
  });

  test('listRequests "look-ups" applies a rule only to exact look-ups, "listings" only to listings', async () => {
    const { identifier } = await client().created(payload("Looked Up"));
    const lookUp = `/api/v1/providers?filter.provider_type=CUSTOM&identifier=${identifier}`;
    await setFaults({ rules: [{ route: ROUTES.listProviders, listRequests: "look-ups", emptyObjectRate: 1 }] });
    expect(JSON.parse((await raw("GET", lookUp)).text)).toEqual({});
    expect(JSON.parse((await raw("GET", customListing)).text).providers).toHaveLength(1);
    await setFaults({ rules: [{ route: ROUTES.listProviders, listRequests: "listings", nullProvidersRate: 1 }] });
    expect(JSON.parse((await raw("GET", customListing)).text)).toEqual({ providers: null });
    expect(JSON.parse((await raw("GET", lookUp)).text).providers).toHaveLength(1);
    // An empty identifier is no filter: a listing.
    expect(JSON.parse((await raw("GET", `${customListing}&identifier=`)).text)).toEqual({ providers: null });
  });

  test("the odd listing shapes apply to the list route only", async () => {
    await client().token();
    await setFaults({ rules: [{ route: "*", emptyObjectRate: 1, nullProvidersRate: 1, renamedProvidersRate: 1 }] });
    const answer = await client().create(payload("Created Whole"));
    expect(answer.status).toBe(201);
    expect(answer.body.provider.display_name).toBe("Created Whole");
  });

  test("the same seed gives the same sequence of HTML pages", async () => {
    await client().token();
    const run = async () => {
      await setFaults({ seed: 9, rules: [{ route: ROUTES.listProviders, htmlPageRate: 0.5 }] });
      const types: string[] = [];
      for (let i = 0; i < 16; i++) types.push((await raw("GET", customListing)).contentType ?? "");
      return types;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(new Set(first.map((type) => type.split(";")[0]))).toEqual(new Set(["text/html", "application/json"]));
  });

  test.each<[string, unknown, RegExp]>([
    ["an htmlPageRate above 1", { rules: [{ route: "*", htmlPageRate: 2 }] }, /htmlPageRate must be a number from 0 to 1/],
    ["a negative truncatedJsonRate", { rules: [{ route: "*", truncatedJsonRate: -0.1 }] }, /truncatedJsonRate must be a number from 0 to 1/],
    ["a shortPageRate that is not a number", { rules: [{ route: "*", shortPageRate: "half" }] }, /shortPageRate must be a number from 0 to 1/],
    ["an emptyObjectRate above 1", { rules: [{ route: ROUTES.listProviders, emptyObjectRate: 1.5 }] }, /emptyObjectRate must be a number from 0 to 1/],
    ["an unknown listRequests", { rules: [{ route: ROUTES.listProviders, listRequests: "pages" }] }, /listRequests must be "listings" or "look-ups", got "pages"/],
    ["listRequests on another route", { rules: [{ route: "*", listRequests: "listings" }] }, /listRequests applies only to the route "GET \/api\/v1\/providers"/],
  ])("a faults body with %s is 400", async (_case, body, message) => {
    const answer = await client().control("PUT", "faults", body);
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, message);
  });
});
