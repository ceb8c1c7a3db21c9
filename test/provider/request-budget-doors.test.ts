/**
 * The request budget reaches the client through each door: the dynamic door's stack config, the
 * plugin's provider config (its `maxRequestsPerMinute` argument or `scalekit:maxRequestsPerMinute`);
 * a bad value stops the first operation before any request to Scalekit, and the plugin's
 * CheckConfig refuses it with the setting and the rule named.
 */
import { startEmulator, type RunningEmulator } from "scalekit-emulator";
import { changedConfig, checkConfig, configSource, WireSession } from "pulumi-scalekit-connectors/internal";
import { bearerArgs } from "../support/payloads";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => emulator?.close());

async function apiRequests(): Promise<number> {
  return ((await (await fetch(`${emulator.url}/_emulator/counters`)).json()) as { total: number }).total;
}

const credentials = () => ({ environmentUrl: emulator.url, clientId: emulator.clientId, clientSecret: emulator.clientSecret });
const urn = (name: string) => `urn:pulumi:dev::budget::scalekit:index:CustomConnector::${name}`;

describe("the plugin door", () => {
  test("CheckConfig takes a positive whole number and refuses anything else, naming the setting and the rule", () => {
    expect(checkConfig({ maxRequestsPerMinute: 300 }).failures).toEqual([]);
    expect(checkConfig({ maxRequestsPerMinute: "300" }).failures).toEqual([]);
    for (const bad of [0, -1, 2.5, "many"]) {
      expect(checkConfig({ maxRequestsPerMinute: bad }).failures).toEqual([
        { property: "maxRequestsPerMinute", reason: expect.stringMatching(/^maxRequestsPerMinute \(scalekit:maxRequestsPerMinute\) is .*: it must be a positive whole number of requests per minute/) },
      ]);
    }
  });

  test("the budget from Configure's args (a number) or its variables (text); DiffConfig sees it change", () => {
    expect(configSource({ maxRequestsPerMinute: 90 }, new Map()).get("scalekit:maxRequestsPerMinute")).toBe("90");
    expect(configSource(undefined, new Map([["scalekit:config:maxRequestsPerMinute", "45"]])).get("scalekit:maxRequestsPerMinute")).toBe("45");
    expect(changedConfig({ maxRequestsPerMinute: 90 }, { maxRequestsPerMinute: 120 })).toEqual(["maxRequestsPerMinute"]);
  });

  test("a create under 120 a minute: its token request, listing and create are each 500 ms apart", async () => {
    const calls = new WireSession(() => undefined);
    try {
      calls.configure(configSource({ ...credentials(), maxRequestsPerMinute: 120 }, new Map()));
      const before = await apiRequests();
      const started = Date.now();
      await calls.create(urn("paced"), bearerArgs("Paced Plugin"), false);
      const elapsed = Date.now() - started;
      expect((await apiRequests()) - before).toBe(3);
      expect(elapsed).toBeGreaterThanOrEqual(2 * 500);
    } finally {
      await calls.close();
    }
  });

  test("a bad budget in the provider config stops the create before any request", async () => {
    const calls = new WireSession(() => undefined);
    try {
      calls.configure(configSource({ ...credentials(), maxRequestsPerMinute: "0" }, new Map()));
      const before = await apiRequests();
      await expect(calls.create(urn("refused"), bearerArgs("Refused Plugin"), false)).rejects.toThrow(
        /scalekit:maxRequestsPerMinute is "0": it must be a positive whole number of requests per minute/,
      );
      expect(await apiRequests()).toBe(before);
    } finally {
      await calls.close();
    }
  });
});

describe("the dynamic door", () => {
  const runtime = require("pulumi-scalekit-connectors/runtime") as {
    configure(request: { config: { get(key: string): string | undefined } }): Promise<void>;
    check(olds: unknown, news: Record<string, unknown>): Promise<{ inputs?: Record<string, unknown> }>;
    create(inputs: Record<string, unknown>): Promise<unknown>;
  };

  test("a bad SCALEKIT_MAX_REQUESTS_PER_MINUTE stops the create before any request, naming the variable and the rule", async () => {
    const config: Record<string, string> = { "scalekit:environmentUrl": emulator.url, "scalekit:clientId": emulator.clientId, "scalekit:clientSecret": emulator.clientSecret };
    await runtime.configure({ config: { get: (key) => config[key] } });
    const { inputs } = await runtime.check({}, bearerArgs("Refused Dynamic"));
    const saved = process.env.SCALEKIT_MAX_REQUESTS_PER_MINUTE;
    process.env.SCALEKIT_MAX_REQUESTS_PER_MINUTE = "fast";
    try {
      const before = await apiRequests();
      await expect(runtime.create(inputs!)).rejects.toThrow(
        'The environment variable SCALEKIT_MAX_REQUESTS_PER_MINUTE is "fast": it must be a positive whole number of requests per minute',
      );
      expect(await apiRequests()).toBe(before);
    } finally {
      if (saved === undefined) delete process.env.SCALEKIT_MAX_REQUESTS_PER_MINUTE;
      else process.env.SCALEKIT_MAX_REQUESTS_PER_MINUTE = saved;
    }
  });
});
