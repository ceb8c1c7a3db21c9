/**
 * How the client reads 2xx answers: anything but the JSON Scalekit documents (an HTML page, JSON
 * cut short, JSON that is not an object, an empty body) is an error naming the operation, the
 * status, the content type and the body's first words, never an empty result; a listing is held
 * to its total_size across its pages; the token answer is read by the same reader; a create
 * whose 2xx answer cannot be read is of unknown outcome, settled by name in operations.create.
 * Against a server scripted answer by answer.
 */
import * as http from "http";
import type { AddressInfo } from "net";
import { createOutcomeUnknown, IncompleteListingError, ScalekitClient, UnreadableAnswerError, type ScalekitClientOptions, type ScalekitPayload } from "pulumi-scalekit-connectors/internal";
import { createThroughOperations } from "../support/create-operation";

interface RawAnswer {
  status: number;
  contentType?: string;
  body: string;
}

const json = (status: number, value: unknown): RawAnswer => ({ status, contentType: "application/json", body: JSON.stringify(value) });
const html = (body: string): RawAnswer => ({ status: 200, contentType: "text/html; charset=utf-8", body });

const maintenancePage = `<!DOCTYPE html>
<html>
  <head><title>Down for maintenance</title></head>
  <body><h1>We'll be back soon</h1><p>Scheduled maintenance of the gateway. Please try again later.</p></body>
</html>`;

const listRoute = "GET /api/v1/providers";
const tokenRoute = "POST /oauth/token";
const createRoute = "POST /api/v1/custom-providers";

/** A server that answers each route from a queue of scripted raw answers, then by default. */
class ScriptedServer {
  readonly clientSecret = `answers-secret-${Math.random().toString(36).slice(2)}`;
  readonly tokens: string[] = [];
  readonly seen: { route: string; query: URLSearchParams }[] = [];
  readonly connectors: Record<string, unknown>[] = [];
  private readonly scripts = new Map<string, RawAnswer[]>();
  private server!: http.Server;

  static async start(): Promise<ScriptedServer> {
    const scripted = new ScriptedServer();
    scripted.server = http.createServer((request, response) => scripted.answer(request, response));
    await new Promise<void>((resolve) => scripted.server.listen(0, "127.0.0.1", resolve));
    return scripted;
  }

  get credentials() {
    return { environmentUrl: `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`, clientId: "skc_answers", clientSecret: this.clientSecret };
  }

  script(route: string, ...answers: RawAnswer[]): void {
    this.scripts.set(route, [...(this.scripts.get(route) ?? []), ...answers]);
  }

  count(route: string): number {
    return this.seen.filter((request) => request.route === route).length;
  }

  connector(identifier: string, displayName = identifier): Record<string, unknown> {
    return { id: `id_${identifier}`, identifier, display_name: displayName, auth_patterns: [], is_custom: true };
  }

  private answer(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const [path = "/", query = ""] = (request.url ?? "/").split("?");
      const route = `${request.method} ${path}`;
      this.seen.push({ route, query: new URLSearchParams(query) });
      const scripted = this.scripts.get(route)?.shift();
      const answer = scripted ?? this.defaultAnswer(route, new URLSearchParams(query), Buffer.concat(chunks).toString("utf8"));
      response.writeHead(answer.status, answer.contentType === undefined ? {} : { "content-type": answer.contentType }).end(answer.body);
    });
  }

  private defaultAnswer(route: string, query: URLSearchParams, text: string): RawAnswer {
    if (route === tokenRoute) {
      const token = `tok_${Math.random().toString(36).slice(2)}`;
      this.tokens.push(token);
      return json(200, { access_token: token, token_type: "Bearer", expires_in: 3600 });
    }
    if (route === listRoute) {
      const identifier = query.get("identifier");
      const providers = identifier ? this.connectors.filter((c) => c.identifier === identifier) : this.connectors;
      return json(200, { providers, next_page_token: "", total_size: providers.length });
    }
    if (route === createRoute) {
      const stored = this.connector(`prov_${this.connectors.length + 1}`, (JSON.parse(text) as { display_name: string }).display_name);
      this.connectors.push(stored);
      return json(201, { provider: stored });
    }
    return json(404, { code: 5, message: `no route ${route}` });
  }

  secrets(): string[] {
    return [this.clientSecret, ...this.tokens];
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const fast: ScalekitClientOptions = { retry: { minDelayMs: 5, maxDelayMs: 20 } };
const payload = (displayName: string) =>
  ({ display_name: displayName, description: "", auth_patterns: [{ type: "BEARER" }], proxy_url: "https://api.example.com", proxy_enabled: true, icon_src: "", metadata: {} }) as unknown as ScalekitPayload;

let server: ScriptedServer;
let client: ScalekitClient;
const messages: string[] = [];

async function failure(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    messages.push((error as Error).message);
    return error as Error;
  }
  throw new Error("expected a failure");
}

beforeEach(async () => {
  server = await ScriptedServer.start();
  client = new ScalekitClient(server.credentials, fast);
});

afterEach(async () => {
  await client.close();
  await server.close();
  const leaked = server.secrets().filter((secret) => messages.some((message) => message.includes(secret)));
  messages.length = 0;
  expect(leaked).toEqual([]);
});

describe("a 2xx answer that is not Scalekit's JSON is an error naming what arrived, never an empty listing", () => {
  test("an HTML maintenance page with status 200", async () => {
    server.connectors.push(server.connector("kept"));
    server.script(listRoute, html(maintenancePage));
    const error = await failure(() => client.listCustomProviders());
    expect(error).toBeInstanceOf(UnreadableAnswerError);
    expect(error.message).toBe(
      'Listing Scalekit connectors failed: Scalekit answered 200 with content type text/html; charset=utf-8 and a body that is not JSON: ' +
        `"<!DOCTYPE html> <html> <head><title>Down for maintenance</title></head> <body><h1>We'll be back soon</h1><p>Scheduled maintenance of the gateway. Please try aga…". ` +
        "That is not the JSON Scalekit's API answers with: a proxy, gateway or maintenance page between this machine and Scalekit may have answered instead, the answer was cut short, or Scalekit's API changed the shape of its answers. " +
        "Nothing was taken from it. Check that the environment URL is Scalekit's API, then run the command again.",
    );
    expect(error).toMatchObject({ operation: "Listing Scalekit connectors", status: 200, contentType: "text/html; charset=utf-8", problem: "a body that is not JSON" });
    expect(server.count(listRoute)).toBe(1);
  });

  test("JSON cut in the middle", async () => {
    const whole = JSON.stringify({ providers: [server.connector("first"), server.connector("second")], next_page_token: "", total_size: 2 });
    server.script(listRoute, { status: 200, contentType: "application/json", body: whole.slice(0, Math.floor(whole.length / 2)) });
    const error = await failure(() => client.listCustomProviders());
    expect(error).toBeInstanceOf(UnreadableAnswerError);
    expect(error.message).toMatch(
      /^Listing Scalekit connectors failed: Scalekit answered 200 with content type application\/json and JSON that breaks off or does not parse \(.+\): "\{"providers":\[\{"id":"…",/,
    );
  });

  test("JSON cut short quotes its keys, never its values: a connector's default password stays out of the message", async () => {
    const body = '{"providers":[{"id":"p1","auth_patterns":[{"type":"BASIC","auth_field_mutations":{"password":{"default":"s3cret-default","pre';
    server.script(listRoute, { status: 200, contentType: "application/json", body });
    const error = await failure(() => client.listCustomProviders());
    expect(error.message).toContain('"{"providers":[{"id":"…","auth_patterns":[{"type":"…","auth_field_mutations":{"password":{"default":"…","pre');
    expect(error.message).not.toContain("s3cret-default");
  });

  test.each<[string, string, string]>([
    ["an array", "[]", "JSON that is not an object (an array)"],
    ["a string", '"ok"', "JSON that is not an object (a string)"],
    ["null", "null", "JSON that is not an object (null)"],
    ["a number", "42", "JSON that is not an object (a number)"],
  ])("JSON that is %s", async (_case, body, problem) => {
    server.script(listRoute, { status: 200, contentType: "application/json", body });
    const error = await failure(() => client.listCustomProviders());
    expect(error).toBeInstanceOf(UnreadableAnswerError);
    expect(error.message).toContain(`Listing Scalekit connectors failed: Scalekit answered 200 with content type application/json and ${problem}: "${body}". `);
  });

  test("an empty body, without a content type", async () => {
    server.script(listRoute, { status: 200, body: "" });
    const error = await failure(() => client.listCustomProviders());
    expect(error.message).toMatch(/^Listing Scalekit connectors failed: Scalekit answered 200 with no content type and an empty body\. That is not the JSON/);
  });

  test("JSON that is not a listing page: where it differs, in Scalekit's spelling", async () => {
    server.script(listRoute, json(200, { providers: [{ id: "x", display_name: "No Identifier" }], next_page_token: "" }));
    const error = await failure(() => client.listCustomProviders());
    expect(error.message).toMatch(/^Listing Scalekit connectors failed: Scalekit answered 200 with content type application\/json and JSON that is not the listing page Scalekit documents \(providers\[0\]\.identifier: [^)]+\): "\{"providers"/);
  });

  test("the body's words never carry the client secret or a token", async () => {
    await client.listCustomProviders(); // a token in hand
    const [token] = server.tokens;
    server.script(listRoute, html(`<html><body>Proxy error for client ${server.clientSecret} with Bearer ${token}</body></html>`));
    const error = await failure(() => client.listCustomProviders());
    expect(error.message).toContain('"<html><body>Proxy error for client [redacted] with Bearer [redacted]</body></html>"');
  });

  test("the exact look-up is read as strictly: an HTML page is an error, not \"gone\"", async () => {
    server.connectors.push(server.connector("kept"));
    server.script(listRoute, html(maintenancePage));
    const error = await failure(() => client.findByIdentifier("kept"));
    expect(error.message).toMatch(/^Looking up connector kept failed: Scalekit answered 200 with content type text\/html; charset=utf-8 and a body that is not JSON: "<!DOCTYPE html>/);
    expect(server.seen.find((request) => request.route === listRoute)?.query.get("identifier")).toBe("kept");
  });

  test("a delete answered by an HTML page is an error, not a delete", async () => {
    server.script("DELETE /api/v1/custom-providers/kept", html(maintenancePage));
    const error = await failure(() => client.delete("kept", "Kept"));
    expect(error.message).toMatch(/^Deleting connector "Kept" \(kept\) failed: Scalekit answered 200 with content type text\/html/);
  });

  test("an update answered with JSON cut short is an error naming the update", async () => {
    server.script("PUT /api/v1/custom-providers/kept", { status: 200, contentType: "application/json", body: '{"provider":{"id":"id_kept","ident' });
    const error = await failure(() => client.update("kept", payload("Kept")));
    expect(error.message).toMatch(/^Updating connector "Kept" \(kept\) failed: Scalekit answered 200 with content type application\/json and JSON that breaks off/);
  });

  test("a create whose 201 was cut short is of unknown outcome: the client reports it after one POST", async () => {
    const stored = server.connector("prov_cut", "Cut Short");
    server.script(createRoute, { status: 201, contentType: "application/json", body: JSON.stringify({ provider: stored }).slice(0, 20) });
    const error = await failure(() => client.create(payload("Cut Short")));
    expect(error).toBeInstanceOf(UnreadableAnswerError);
    expect(createOutcomeUnknown(error, "Cut Short")).toBe(true);
    expect(server.seen.map((request) => request.route)).toEqual([tokenRoute, createRoute]);
  });

  test("a create whose 201 was cut short is settled by name in operations.create: the stored connector, one POST", async () => {
    const stored = server.connector("prov_cut", "Cut Short");
    // The run's listing was taken before; Scalekit stored the connector, then its answer broke off.
    server.script(listRoute, json(200, { providers: [], next_page_token: "", total_size: 0 }));
    server.connectors.push(stored);
    server.script(createRoute, { status: 201, contentType: "application/json", body: JSON.stringify({ provider: stored }).slice(0, 20) });
    const created = await createThroughOperations(client, "Cut Short");
    expect(created.id).toBe("prov_cut");
    expect(server.seen.map((request) => request.route)).toEqual([tokenRoute, listRoute, createRoute, listRoute]);
  });
});

describe("a listing is held to its total_size", () => {
  test("fewer connectors than total_size on the last page: both numbers named", async () => {
    server.script(listRoute, json(200, { providers: [server.connector("a"), server.connector("b")], next_page_token: "", total_size: 5 }));
    const error = await failure(() => client.listCustomProviders());
    expect(error).toBeInstanceOf(IncompleteListingError);
    expect(error).toMatchObject({ totalSize: 5, arrived: 2, pages: 1 });
    expect(error.message).toBe(
      "Listing Scalekit connectors failed: Scalekit's listing says it holds 5 connectors (total_size), but 2 arrived and the last page (1 page in all) was reached. " +
        "A connector missing from an incomplete listing may still exist, so nothing is concluded from it. " +
        "Run the command again; if this persists, something between this machine and Scalekit (a proxy or gateway) may be altering its answers.",
    );
  });

  test("counted across every page", async () => {
    server.script(
      listRoute,
      json(200, { providers: [server.connector("a"), server.connector("b")], next_page_token: "page-2", total_size: 4 }),
      json(200, { providers: [server.connector("c")], next_page_token: "", total_size: 4 }),
    );
    const error = await failure(() => client.listCustomProviders());
    expect(error).toMatchObject({ totalSize: 4, arrived: 3, pages: 2 });
    expect(error.message).toContain("says it holds 4 connectors (total_size), but 3 arrived and the last page (2 pages in all) was reached");
    expect(server.seen.filter((request) => request.route === listRoute).map((request) => request.query.get("page_token"))).toEqual([null, "page-2"]);
  });

  test("a page without providers while total_size announces more is an error at that page", async () => {
    server.script(listRoute, json(200, { providers: [], next_page_token: "page-2", total_size: 3 }));
    const error = await failure(() => client.listCustomProviders());
    expect(error).toMatchObject({ totalSize: 3, arrived: 0, pages: 1, emptyPage: true });
    expect(error.message).toContain("says it holds 3 connectors (total_size), but 0 arrived and page 1 held none although more pages were announced");
    expect(server.count(listRoute)).toBe(1);
  });

  test("the whole listing over two pages reads, and total_size may come as a string of digits", async () => {
    server.script(
      listRoute,
      json(200, { providers: [server.connector("a")], next_page_token: "page-2", total_size: "2" }),
      json(200, { providers: [server.connector("b")], next_page_token: "", total_size: "2" }),
    );
    expect((await client.listCustomProviders()).map((provider) => provider.identifier)).toEqual(["a", "b"]);
  });

  test("an exact look-up that finds nothing is undefined; one whose total_size says it found one is an error", async () => {
    server.script(listRoute, json(200, { providers: [], next_page_token: "", total_size: 0 }), json(200, { providers: [], next_page_token: "", total_size: 1 }));
    expect(await client.findByIdentifier("gone")).toBeUndefined();
    const error = await failure(() => client.findByIdentifier("hidden"));
    expect(error).toBeInstanceOf(IncompleteListingError);
    expect(error.message).toMatch(/^Looking up connector hidden failed: Scalekit's listing says it holds 1 connector \(total_size\), but 0 arrived/);
  });
});

describe("a listing or look-up without the keys Scalekit's answer has is unreadable, never an empty one", () => {
  const oddShapes: [string, unknown][] = [
    ["an empty object", {}],
    ['"providers": null', { providers: null }],
    ['"providers": null with the other keys', { providers: null, next_page_token: "", total_size: 0 }],
    ["the list under another key", { items: [{ id: "id_a", identifier: "a", display_name: "a" }], next_page_token: "", total_size: 1 }],
    ["no total_size", { providers: [], next_page_token: "" }],
    ["providers that is not a list", { providers: { a: {} }, next_page_token: "", total_size: 1 }],
    ["total_size that is not a count", { providers: [], next_page_token: "", total_size: "none" }],
  ];

  test.each(oddShapes)("a listing with %s", async (_case, body) => {
    server.connectors.push(server.connector("kept"));
    server.script(listRoute, json(200, body));
    const error = await failure(() => client.listCustomProviders());
    expect(error).toBeInstanceOf(UnreadableAnswerError);
    expect(error).toMatchObject({ operation: "Listing Scalekit connectors", status: 200, contentType: "application/json" });
    expect(error.message).toMatch(/^Listing Scalekit connectors failed: Scalekit answered 200 with content type application\/json and JSON that is not the listing page Scalekit documents \((providers|total_size)/);
  });

  test.each(oddShapes)("an exact look-up with %s", async (_case, body) => {
    server.script(listRoute, json(200, body));
    const error = await failure(() => client.findByIdentifier("gone"));
    expect(error).toBeInstanceOf(UnreadableAnswerError);
    expect(error.message).toMatch(/^Looking up connector gone failed: Scalekit answered 200 .* JSON that is not the listing page Scalekit documents/);
  });

  test("the message says which key is missing, in Scalekit's spelling, and quotes the keys that arrived", async () => {
    server.script(listRoute, json(200, { items: [server.connector("a")], next_page_token: "", total_size: 1 }));
    const error = await failure(() => client.listCustomProviders());
    expect(error.message).toContain("JSON that is not the listing page Scalekit documents (providers: ");
    expect(error.message).toContain('"{"items":[{"id":"…","identifier":"…"');
  });

  test("the documented answer with no connector is an empty environment", async () => {
    server.script(listRoute, json(200, { providers: [], next_page_token: "", prev_page_token: "", total_size: 0 }));
    expect(await client.listCustomProviders()).toEqual([]);
  });
});

describe("the token answer is read by the same reader", () => {
  test("an HTML page with status 200", async () => {
    server.script(tokenRoute, html(maintenancePage));
    const error = await failure(() => client.listCustomProviders());
    expect(error).toBeInstanceOf(UnreadableAnswerError);
    expect(error.message).toMatch(/^Getting a Scalekit access token failed: Scalekit answered 200 with content type text\/html; charset=utf-8 and a body that is not JSON: "<!DOCTYPE html>/);
    expect(server.count(listRoute)).toBe(0);
  });

  test("a token answer cut short: the token's part is not quoted", async () => {
    const secretPart = "eyJhbGciOiJSUzI1NiJ9.never-to-be-shown";
    server.script(tokenRoute, { status: 200, contentType: "application/json", body: `{"access_token":"${secretPart}` });
    const error = await failure(() => client.listCustomProviders());
    expect(error.message).toContain('and JSON that breaks off or does not parse');
    expect(error.message).toContain('"{"access_token":"…"');
    expect(error.message).not.toContain("never-to-be-shown");
  });

  test("JSON without an access_token", async () => {
    server.script(tokenRoute, json(200, { token_type: "Bearer", expires_in: 3600 }));
    const error = await failure(() => client.listCustomProviders());
    expect(error.message).toMatch(
      /^Getting a Scalekit access token failed: Scalekit answered 200 with content type application\/json and JSON that is not the token answer \(access_token, expires_in\) Scalekit documents \(access_token: [^)]+\): "\{"token_type":"…","expires_in":3600\}"/,
    );
  });
});
