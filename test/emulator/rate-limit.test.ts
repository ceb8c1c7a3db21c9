/**
 * The rate limit: past the budget a window allows, every API request (the token request too) is
 * answered 429 with Scalekit's published error code RATE_LIMITED; Retry-After only in the mode
 * that sends it; the window measured on the emulator's clock, so that a test moves it with
 * POST /_emulator/clock/advance instead of waiting a minute.
 */
import { ERROR_INFO_TYPE, RATE_LIMIT_ERROR_CODE, startEmulator } from "scalekit-emulator";
import { EmulatorClient, useEmulator, type Answer } from "../support/emulator-api";

const client = useEmulator();

function expectRateLimited(answer: Answer): void {
  expect(answer.status).toBe(429);
  expect(answer.body).toEqual({ code: 8, message: expect.stringMatching(/rate limit exceeded/), details: [{ "@type": ERROR_INFO_TYPE, error_code: "RATE_LIMITED" }] });
}

test("the published error code", () => {
  expect(RATE_LIMIT_ERROR_CODE).toBe("RATE_LIMITED");
});

test("no limit unless one is set", async () => {
  expect((await client().control("GET", "rate-limit")).body).toEqual({ requests: null });
  for (let i = 0; i < 5; i++) expect((await client().list()).status).toBe(200);
});

test("past the budget of a minute every request is refused, the token request included, until the clock moves a minute on", async () => {
  await client().token();
  expect((await client().control("PUT", "rate-limit", { requests: 3 })).body).toEqual({ requests: 3, windowMs: 60_000 });
  expect((await client().list()).status).toBe(200);
  expect((await client().requestToken()).status).toBe(200);
  expect((await client().list()).status).toBe(200);
  const refused = await client().list();
  expectRateLimited(refused);
  expect(refused.headers.get("retry-after")).toBeNull();
  expectRateLimited(await client().requestToken());
  // The test controls are never limited, and a refused request did not use up the budget.
  await client().control("POST", "clock/advance", { seconds: 59 });
  expectRateLimited(await client().list());
  await client().control("POST", "clock/advance", { seconds: 1 });
  for (let i = 0; i < 3; i++) expect((await client().list()).status).toBe(200);
  expectRateLimited(await client().list());
});

test("in the mode rateLimitRetryAfter \"seconds\", the 429 says when the window admits a request again", async () => {
  await client().token();
  await client().control("PUT", "modes", { rateLimitRetryAfter: "seconds" });
  await client().control("PUT", "rate-limit", { requests: 1 });
  expect((await client().list()).status).toBe(200);
  await client().control("POST", "clock/advance", { seconds: 20 });
  const refused = await client().list();
  expectRateLimited(refused);
  expect(refused.headers.get("retry-after")).toBe("40");
});

test("a window shorter than a minute (a test control) and DELETE lifting the limit", async () => {
  await client().token();
  await client().control("PUT", "rate-limit", { requests: 1, windowMs: 1000 });
  expect((await client().list()).status).toBe(200);
  expectRateLimited(await client().list());
  await client().control("POST", "clock/advance", { seconds: 1 });
  expect((await client().list()).status).toBe(200);
  expect((await client().control("DELETE", "rate-limit")).body).toEqual({ requests: null });
  expect((await client().list()).status).toBe(200);
});

test("a bad limit is refused and changes nothing", async () => {
  for (const bad of [{ requests: 0 }, { requests: 1.5 }, { windowMs: 10 }, { requests: 2, per: "minute" }, []]) {
    const answer = await client().control("PUT", "rate-limit", bad);
    expect(answer.status).toBe(400);
  }
  expect((await client().control("PUT", "rate-limit", { requests: "ten" })).body.message).toMatch(/requests must be a whole number from 1 up, got "ten"/);
  expect((await client().control("GET", "rate-limit")).body).toEqual({ requests: null });
});

test("the rateLimit option sets the limit at start, and a reset returns to it", async () => {
  await expect(startEmulator({ rateLimit: { requests: 0 } })).rejects.toThrow(/requests must be a whole number from 1 up/);
  const emulator = await startEmulator({ rateLimit: { requests: 2, windowMs: 5000 } });
  try {
    const started = new EmulatorClient(emulator);
    await started.control("DELETE", "rate-limit");
    await started.control("POST", "reset");
    expect((await started.control("GET", "rate-limit")).body).toEqual({ requests: 2, windowMs: 5000 });
    expect((await started.list()).status).toBe(200);
    expectRateLimited(await started.list());
  } finally {
    await emulator.close();
  }
});
