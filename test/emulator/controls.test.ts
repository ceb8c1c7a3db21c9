import { request } from "node:http";
import { ROUTES } from "scalekit-emulator";
import { expectErrorBody, payload, useEmulator } from "../support/emulator-api";

const client = useEmulator();

const usagePath = (identifier: string) => `connectors/${encodeURIComponent(identifier)}/usage`;

const zeroRoutes = {
  [ROUTES.token]: 0,
  [ROUTES.createProvider]: 0,
  [ROUTES.updateProvider]: 0,
  [ROUTES.deleteProvider]: 0,
  [ROUTES.listProviders]: 0,
  other: 0,
};

describe("counters", () => {
  test("start at zero for every route", async () => {
    const answer = await client().control("GET", "counters");
    expect(answer.body).toEqual({ total: 0, routes: zeroRoutes });
  });

  test("count every request that reached an API route, failed and faulted ones too", async () => {
    await client().token(); // 1 token
    const { identifier } = await client().created(payload("Counted")); // 1 create
    await client().create(payload("Counted")); // 1 create (409)
    await client().update(identifier, payload("Counted")); // 1 update
    await client().list(); // 1 list
    await client().call("GET", "/api/v1/providers", { token: null }); // 1 list (401)
    await client().control("PUT", "faults", { rules: [{ route: ROUTES.deleteProvider, rate503: 1 }] });
    await client().remove(identifier); // 1 delete (503)
    await client().call("GET", "/nowhere"); // other
    await client().call("PATCH", "/api/v1/providers"); // other (405)

    const answer = await client().control("GET", "counters");
    expect(answer.body).toEqual({
      total: 9,
      routes: {
        [ROUTES.token]: 1,
        [ROUTES.createProvider]: 2,
        [ROUTES.updateProvider]: 1,
        [ROUTES.deleteProvider]: 1,
        [ROUTES.listProviders]: 2,
        other: 2,
      },
    });
  });

  test("controls are not counted", async () => {
    await client().control("GET", "connectors");
    await client().control("GET", "faults");
    await client().control("GET", "counters");
    expect((await client().control("GET", "counters")).body.total).toBe(0);
  });

  test("DELETE zeroes them", async () => {
    await client().token();
    await client().list();
    const cleared = await client().control("DELETE", "counters");
    expect(cleared.status).toBe(200);
    expect((await client().control("GET", "counters")).body).toEqual({ total: 0, routes: zeroRoutes });
  });
});

describe("reset", () => {
  test("removes custom connectors, usage, fault rules, counters and tokens", async () => {
    const token = await client().token();
    const { identifier } = await client().created(payload("Before Reset"));
    await client().control("PUT", usagePath(identifier), { connections: 1, connectedAccounts: 1 });
    await client().control("PUT", "faults", { rules: [{ route: ROUTES.deleteProvider, rate503: 1 }] });

    const answer = await client().control("POST", "reset");
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({});

    expect((await client().control("GET", "connectors")).body).toEqual({ providers: [] });
    expect((await client().control("GET", "faults")).body).toEqual({ rules: [] });
    expect((await client().control("GET", "counters")).body.total).toBe(0);
    expect((await client().call("GET", "/api/v1/providers", { token })).status).toBe(401);
    expect((await client().control("GET", usagePath(identifier))).status).toBe(404);
  });

  test("keeps the built-in providers", async () => {
    await client().control("POST", "reset");
    const fresh = await client().requestToken();
    const answer = await client().call("GET", "/api/v1/providers?filter.provider_type=DEFAULT", { token: fresh.body.access_token });
    expect(answer.body.total_size).toBe(3);
  });
});

describe("usage", () => {
  test("starts at zero and can be set and read back", async () => {
    const { identifier } = await client().created(payload("Used"));
    expect((await client().control("GET", usagePath(identifier))).body).toEqual({
      identifier,
      connections: 0,
      connectedAccounts: 0,
    });
    const set = await client().control("PUT", usagePath(identifier), { connections: 4, connectedAccounts: 9 });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ identifier, connections: 4, connectedAccounts: 9 });
    expect((await client().control("GET", usagePath(identifier))).body).toEqual(set.body);
  });

  test("survives an update of the connector", async () => {
    const { identifier } = await client().created(payload("Used"));
    await client().control("PUT", usagePath(identifier), { connections: 1, connectedAccounts: 0 });
    await client().update(identifier, payload("Used", { description: "changed" }));
    expect((await client().control("GET", usagePath(identifier))).body.connections).toBe(1);
  });

  test("an unknown identifier is 404", async () => {
    const put = await client().control("PUT", "connectors/ghost/usage", { connections: 1, connectedAccounts: 1 });
    expect(put.status).toBe(404);
    expectErrorBody(put, 5, /"ghost"/);
    expect((await client().control("GET", "connectors/ghost/usage")).status).toBe(404);
  });

  test.each<[string, unknown]>([
    ["a negative count", { connections: -1, connectedAccounts: 0 }],
    ["a fractional count", { connections: 0.5, connectedAccounts: 0 }],
    ["a string count", { connections: "2", connectedAccounts: 0 }],
    ["an unknown field", { connections: 1, accounts: 2 }],
  ])("%s is 400", async (_case, body) => {
    const { identifier } = await client().created(payload("Used"));
    const answer = await client().control("PUT", usagePath(identifier), body);
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3);
  });
});

describe("GET /_emulator/connectors", () => {
  test("lists every custom connector without a token, in creation order", async () => {
    const one = await client().created(payload("One"));
    const two = await client().created(payload("Two"));
    const answer = await client().control("GET", "connectors");
    expect(answer.status).toBe(200);
    expect(answer.body.providers).toEqual([one, two]);
    expect(answer.body.providers.every((p: { is_custom: boolean }) => p.is_custom)).toBe(true);
  });
});

describe("POST /_emulator/clock/advance", () => {
  test("a token expires when the moved clock reaches its lifetime, not before; a new token lives its whole lifetime from there", async () => {
    const token = await client().token();
    const expiresIn = (await client().requestToken()).body.expires_in as number;
    expect((await client().control("POST", "clock/advance", { seconds: expiresIn - 30 })).body).toEqual({ advancedSeconds: expiresIn - 30 });
    expect((await client().call("GET", "/api/v1/providers", { token })).status).toBe(200);
    expect((await client().control("POST", "clock/advance", { seconds: 30 })).body).toEqual({ advancedSeconds: expiresIn });
    const late = await client().call("GET", "/api/v1/providers", { token });
    expect(late.status).toBe(401);
    expectErrorBody(late, 16, /expired/);
    client().forgetToken();
    expect((await client().list()).status).toBe(200);
  });

  test("a reset puts the clock back", async () => {
    await client().control("POST", "clock/advance", { seconds: 120 });
    await client().control("POST", "reset");
    expect((await client().control("POST", "clock/advance", { seconds: 1 })).body).toEqual({ advancedSeconds: 1 });
  });

  test.each<[string, unknown]>([
    ["zero seconds", { seconds: 0 }],
    ["a step back", { seconds: -5 }],
    ["a string", { seconds: "5" }],
    ["no seconds", {}],
    ["an unknown field", { seconds: 1, minutes: 1 }],
  ])("%s is 400, and the clock does not move", async (_case, body) => {
    const token = await client().token();
    const answer = await client().control("POST", "clock/advance", body);
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3);
    expect((await client().control("POST", "clock/advance", { seconds: 1 })).body).toEqual({ advancedSeconds: 1 });
    expect((await client().call("GET", "/api/v1/providers", { token })).status).toBe(200);
  });
});

describe("GET /_emulator/idle", () => {
  test("answers at once when no API request is in flight", async () => {
    await client().list();
    const answer = await client().control("GET", "idle");
    expect({ status: answer.status, body: answer.body }).toEqual({ status: 200, body: { inFlight: 0 } });
  });

  test("answers only once the request in flight has been answered", async () => {
    const token = await client().token();
    const body = JSON.stringify(payload("Held"));
    const url = new URL(client().url);
    // A create whose body arrives in two halves: in flight until the second half is sent.
    const create = request({
      host: url.hostname,
      port: url.port,
      method: "POST",
      path: "/api/v1/custom-providers",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
    });
    const events: string[] = [];
    const created = new Promise<number>((resolve, reject) => {
      create.on("response", (response) => {
        response.resume();
        response.on("end", () => {
          events.push("create answered");
          resolve(response.statusCode ?? 0);
        });
      });
      create.on("error", reject);
    });
    create.write(body.slice(0, 10));
    // It has reached the emulator once the counters count it.
    for (let tries = 0; (await client().control("GET", "counters")).body.routes[ROUTES.createProvider] !== 1; tries++) {
      if (tries === 200) throw new Error("the held create never reached the emulator");
    }
    const idle = client().control("GET", "idle").then((answer) => {
      events.push("idle answered");
      return answer;
    });
    // Other controls are answered meanwhile; the idle one is not.
    for (let i = 0; i < 3; i++) await client().control("GET", "counters");
    expect(events).toEqual([]);
    create.end(body.slice(10));
    expect(await created).toBe(201);
    expect((await idle).body).toEqual({ inFlight: 0 });
    expect(events).toEqual(["create answered", "idle answered"]);
  });
});
