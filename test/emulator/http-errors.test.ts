import { ERROR_CODES, ERROR_INFO_TYPE, GrpcCode, MAX_BODY_BYTES } from "scalekit-emulator";
import { expectErrorBody, payload, rawRequest, useEmulator } from "../support/emulator-api";

const client = useEmulator();

describe("request errors", () => {
  test("malformed JSON is 400", async () => {
    const answer = await client().call("POST", "/api/v1/custom-providers", { rawBody: '{"display_name": "A",' });
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, /not valid JSON/);
  });

  test("an empty JSON body is 400", async () => {
    const answer = await client().call("POST", "/api/v1/custom-providers", { rawBody: "" });
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, /empty/);
  });

  test("a JSON body that is not an object is 400", async () => {
    const answer = await client().call("POST", "/api/v1/custom-providers", { rawBody: "[1,2]" });
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, /must be a JSON object, got an array/);
  });

  test("a create without Content-Type application/json is 400", async () => {
    const answer = await client().call("POST", "/api/v1/custom-providers", {
      rawBody: JSON.stringify(payload("Typed")),
      contentType: "text/plain",
    });
    expect(answer.status).toBe(400);
    expectErrorBody(answer, 3, /Content-Type must be application\/json, got "text\/plain"/);
  });

  test("an update without a Content-Type is 400", async () => {
    const { identifier } = await client().created(payload("Typed"));
    const answer = await rawRequest(`${client().url}/api/v1/custom-providers/${encodeURIComponent(identifier)}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${await client().token()}` },
      chunks: [Buffer.from(JSON.stringify(payload("Typed")))],
    });
    expect(answer.status).toBe(400);
    expectErrorBody({ status: answer.status, headers: new Headers(), body: JSON.parse(answer.text) }, 3, /got none/);
  });

  test("application/json with a charset is accepted", async () => {
    const answer = await client().call("POST", "/api/v1/custom-providers", {
      body: payload("Charset"),
      contentType: "application/json; charset=utf-8",
    });
    expect(answer.status).toBe(201);
  });

  test("an unknown path is 404", async () => {
    const answer = await client().call("GET", "/api/v1/nothing-here");
    expect(answer.status).toBe(404);
    expectErrorBody(answer, 5, /no route for GET \/api\/v1\/nothing-here/);
  });

  test("an unknown control is 404", async () => {
    const answer = await client().control("GET", "nothing");
    expect(answer.status).toBe(404);
    expectErrorBody(answer, 5);
  });

  test.each<[string, string, string]>([
    ["GET", "/api/v1/custom-providers", "POST"],
    ["PATCH", "/api/v1/custom-providers/acme", "PUT, DELETE"],
    ["POST", "/api/v1/providers", "GET"],
    ["GET", "/oauth/token", "POST"],
    ["DELETE", "/_emulator/connectors", "GET"],
  ])("%s %s is 405 with Allow: %s", async (method, path, allow) => {
    const answer = await client().call(method, path);
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe(allow);
    expectErrorBody(answer, 12, new RegExp(`${method} is not allowed`));
  });

  test("a body over 1 MiB is 413 and nothing is stored", async () => {
    const big = payload("Too Big", { description: "x".repeat(MAX_BODY_BYTES) });
    const answer = await client().create(big);
    expect(answer.status).toBe(413);
    expectErrorBody(answer, 3, /larger than the 1048576 bytes/);
    expect(answer.headers.get("connection")).toBe("close");
    expect((await client().control("GET", "connectors")).body.providers).toEqual([]);
  });

  test("a chunked body that grows over 1 MiB is 413", async () => {
    const answer = await rawRequest(`${client().url}/api/v1/custom-providers`, {
      method: "POST",
      headers: { authorization: `Bearer ${await client().token()}`, "content-type": "application/json" },
      chunks: Array.from({ length: 20 }, () => Buffer.alloc(64 * 1024, 0x20)),
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text).code).toBe(3);
  });

  test("a body just under the limit is read", async () => {
    const body = JSON.stringify(payload("Large But Fine", { description: "" }));
    const padded = body.replace('"description":""', `"description":"${"y".repeat(MAX_BODY_BYTES - body.length)}"`);
    expect(Buffer.byteLength(padded)).toBe(MAX_BODY_BYTES);
    const answer = await client().call("POST", "/api/v1/custom-providers", { rawBody: padded });
    expect(answer.status).toBe(201);
  });

  test("a broken percent-encoded identifier is a 404, and the server keeps serving", async () => {
    const answer = await client().call("DELETE", "/api/v1/custom-providers/%E0%A4%A");
    expect(answer.status).toBe(404);
    expect((await client().list()).status).toBe(200);
  });
});

describe("the ErrorInfo of every error answer", () => {
  test("the error_code of each gRPC code: UNAUTHENTICATED as published, the others assumed as the code's name in upper snake case", () => {
    const upperSnake = (name: string) => name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
    expect(ERROR_CODES[GrpcCode.Unauthenticated]).toBe("UNAUTHENTICATED");
    for (const [name, code] of Object.entries(GrpcCode)) expect({ name, errorCode: ERROR_CODES[code] }).toEqual({ name, errorCode: upperSnake(name) });
  });

  test.each<[string, () => Promise<{ status: number; body: any }>, number, string]>([
    ["a body that is not JSON", () => client().call("POST", "/api/v1/custom-providers", { rawBody: "{" }), 400, "INVALID_ARGUMENT"],
    ["no token", () => client().call("GET", "/api/v1/providers", { token: null }), 401, "UNAUTHENTICATED"],
    ["an unknown identifier", () => client().remove("nosuchthing"), 404, "NOT_FOUND"],
    ["a wrong method", () => client().call("PATCH", "/api/v1/custom-providers/x"), 405, "UNIMPLEMENTED"],
    ["a taken name", async () => (await client().create(payload("Twice"))) && client().create(payload("Twice")), 409, "ALREADY_EXISTS"],
    ["a body over 1 MiB", () => client().create(payload("Huge", { description: "x".repeat(MAX_BODY_BYTES) })), 413, "INVALID_ARGUMENT"],
  ])("%s: %i with error_code %s", async (_case, call, status, errorCode) => {
    const answer = await call();
    expect(answer.status).toBe(status);
    expect(answer.body.details).toEqual([{ "@type": ERROR_INFO_TYPE, error_code: errorCode }]);
  });
});
