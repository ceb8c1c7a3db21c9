import { startEmulator } from "scalekit-emulator";
import { EmulatorClient, expectErrorBody, useEmulator } from "../support/emulator-api";

describe("POST /oauth/token", () => {
  const client = useEmulator();

  test("client credentials give the published answer: a bearer token, 86399 seconds, scope openid", async () => {
    const answer = await client().requestToken();
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 86399, scope: "openid" });
    expect(answer.body.access_token.length).toBeGreaterThanOrEqual(32);
  });

  test("each token request gets a different token", async () => {
    const first = await client().requestToken();
    const second = await client().requestToken();
    expect(first.body.access_token).not.toBe(second.body.access_token);
  });

  test("a wrong client secret is 401", async () => {
    const answer = await client().requestToken({ ...client().credentials(), client_secret: "nope" });
    expect(answer.status).toBe(401);
    expectErrorBody(answer, 16, /client_id or client_secret/);
  });

  test("tokenTtlSeconds sets expires_in", async () => {
    const other = new EmulatorClient(await startEmulator({ tokenTtlSeconds: 120 }));
    try {
      expect((await other.requestToken()).body).toMatchObject({ expires_in: 120, token_type: "Bearer", scope: "openid" });
    } finally {
      await other.emulator.close();
    }
  });

  test("a wrong client id is 401", async () => {
    const answer = await client().requestToken({ ...client().credentials(), client_id: "someone_else" });
    expect(answer.status).toBe(401);
    expectErrorBody(answer, 16);
  });

  test("a grant type other than client_credentials is 401", async () => {
    const answer = await client().requestToken({ ...client().credentials(), grant_type: "password" });
    expect(answer.status).toBe(401);
    expectErrorBody(answer, 16, /grant_type "password"/);
  });

  test("a JSON body instead of a form is 400", async () => {
    const answer = await client().call("POST", "/oauth/token", { token: null, body: client().credentials() });
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, /application\/x-www-form-urlencoded/);
  });
});

describe("bearer authentication of /api/v1", () => {
  const client = useEmulator();

  test("no Authorization header is 401, its body shaped as Scalekit publishes it", async () => {
    const answer = await client().call("GET", "/api/v1/providers", { token: null });
    expect(answer.status).toBe(401);
    // Published: {"code":16,"message":"Token empty","details":[{"@type":"type.googleapis.com/scalekit.v1.errdetails.ErrorInfo","error_code":"UNAUTHENTICATED"}]}
    expect(answer.body).toEqual({
      code: 16,
      message: expect.stringMatching(/Authorization header is missing/),
      details: [{ "@type": "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo", error_code: "UNAUTHENTICATED" }],
    });
  });

  test("an unknown token is 401", async () => {
    const answer = await client().call("GET", "/api/v1/providers", { token: "made-up-token" });
    expect(answer.status).toBe(401);
    expectErrorBody(answer, 16, /not valid/);
  });

  test("a header that is not a Bearer header is 401", async () => {
    const response = await fetch(`${client().url}/api/v1/providers`, { headers: { authorization: "Basic abc" } });
    expect(response.status).toBe(401);
  });

  test("every API route needs the token", async () => {
    const calls: Array<[string, string]> = [
      ["POST", "/api/v1/custom-providers"],
      ["PUT", "/api/v1/custom-providers/anything"],
      ["DELETE", "/api/v1/custom-providers/anything"],
      ["GET", "/api/v1/providers"],
    ];
    for (const [method, path] of calls) {
      const answer = await client().call(method, path, { token: null });
      expect({ method, status: answer.status }).toEqual({ method, status: 401 });
    }
  });

  test("POST /_emulator/tokens/expire makes issued tokens invalid", async () => {
    const token = await client().token();
    expect((await client().call("GET", "/api/v1/providers", { token })).status).toBe(200);
    const expired = await client().control("POST", "tokens/expire");
    expect(expired.body).toEqual({ expired: 1 });
    expect((await client().call("GET", "/api/v1/providers", { token })).status).toBe(401);
  });
});

describe("token expiry", () => {
  test("a token is refused once its lifetime has passed", async () => {
    const client = new EmulatorClient(await startEmulator({ tokenTtlSeconds: 60 }));
    try {
      const answer = await client.requestToken();
      expect(answer.body.expires_in).toBe(60);
      const token = answer.body.access_token as string;
      expect((await client.call("GET", "/api/v1/providers", { token })).status).toBe(200);
      // The emulator's clock is moved (POST /_emulator/clock/advance), not waited for: 30 s short of the lifetime, then to it.
      await client.control("POST", "clock/advance", { seconds: 30 });
      expect((await client.call("GET", "/api/v1/providers", { token })).status).toBe(200);
      await client.control("POST", "clock/advance", { seconds: 30 });
      const late = await client.call("GET", "/api/v1/providers", { token });
      expect(late.status).toBe(401);
      expectErrorBody(late, 16, /expired/);
    } finally {
      await client.emulator.close();
    }
  });
});
