/**
 * The one retry policy and the settling of creates, against a scripted Scalekit (a small local
 * HTTP server answering what each test tells it, with opaque identifiers): the decision table of
 * the transport's retry rules; a 429 on a create retried by the transport after Retry-After; a
 * refused connection retried; a create that got no definite answer reported by the client after
 * one POST, and settled by display name in operations.create (the one place), by the exact
 * sequence of requests, never sent again without a whole listing that lacks it; token errors
 * read by the same reader as API errors; and no secret in any message.
 */
import * as diagnosticsChannel from "diagnostics_channel";
import * as http from "http";
import type { AddressInfo } from "net";
import {
  AmbiguousConnectorNameError,
  CreateOutcomeUnknownError,
  ScalekitApiError,
  ScalekitTransportError,
} from "pulumi-scalekit-connectors";
import {
  connectorsNamed,
  createOutcomeUnknown,
  errorInfoType,
  retryRuleFor,
  retryRules,
  ScalekitClient,
  shouldRetry,
  type ScalekitClientOptions,
  type ScalekitPayload,
  type StoredProvider,
} from "pulumi-scalekit-connectors/internal";
import { createThroughOperations } from "../support/create-operation";

const createPath = "/api/v1/custom-providers";
const tokenPath = "/oauth/token";

describe("the transport's retry rules", () => {
  // method, path, failure, the rule that allows a retry (undefined: reported, or left to the client)
  test.each([
    ["POST", createPath, { status: 429 }, "rateLimited"],
    ["GET", "/api/v1/providers?filter.provider_type=CUSTOM", { status: 429 }, "rateLimited"],
    ["POST", createPath, { code: "ECONNREFUSED" }, "neverSent"],
    ["POST", createPath, { code: "UND_ERR_CONNECT_TIMEOUT" }, "neverSent"],
    ["DELETE", `${createPath}/acme`, { code: "ECONNREFUSED" }, "neverSent"],
    ["POST", createPath, { status: 503 }, undefined],
    ["POST", createPath, { status: 502 }, undefined],
    ["POST", createPath, { status: 504 }, undefined],
    ["POST", createPath, { code: "ECONNRESET" }, undefined],
    ["POST", createPath, { code: "UND_ERR_SOCKET" }, undefined],
    ["POST", createPath, { code: "UND_ERR_HEADERS_TIMEOUT" }, undefined],
    ["GET", "/api/v1/providers", { status: 503 }, "unavailable"],
    ["PUT", `${createPath}/acme`, { status: 502 }, "unavailable"],
    ["DELETE", `${createPath}/acme`, { status: 504 }, "unavailable"],
    ["POST", tokenPath, { status: 503 }, "unavailable"],
    ["POST", `/gateway/scalekit${tokenPath}`, { status: 503 }, "unavailable"],
    ["GET", "/api/v1/providers", { code: "ECONNRESET" }, "connectionLost"],
    ["PUT", `${createPath}/acme`, { code: "UND_ERR_SOCKET" }, "connectionLost"],
    ["DELETE", `${createPath}/acme`, { code: "UND_ERR_BODY_TIMEOUT" }, "connectionLost"],
    ["POST", tokenPath, { code: "EPIPE" }, "connectionLost"],
    ["GET", "/api/v1/providers", { status: 500 }, undefined],
    ["POST", createPath, { status: 500 }, undefined],
    ["GET", "/api/v1/providers", { status: 400 }, undefined],
    ["DELETE", `${createPath}/acme`, { status: 403 }, undefined],
    ["POST", createPath, { status: 409 }, undefined],
    ["GET", "/api/v1/providers", { status: 401 }, undefined],
    ["GET", "/api/v1/providers", { code: "ENOTFOUND" }, undefined],
    ["POST", "/api/v1/custom-providers?x=/oauth/token", { status: 503 }, undefined],
  ] as const)("%s %s, %j: %s", (method, path, failure, rule) => {
    expect(retryRuleFor(method, path, failure)).toBe(rule);
    expect(shouldRetry(method, path, failure)).toBe(rule !== undefined);
  });

  test("the rules are named and say which requests they cover", () => {
    expect(Object.fromEntries(Object.entries(retryRules).map(([name, rule]) => [name, rule.requests]))).toEqual({
      rateLimited: "every",
      neverSent: "every",
      unavailable: "safe to repeat",
      connectionLost: "safe to repeat",
    });
  });
});

describe("connectorsNamed", () => {
  const provider = (identifier: string, displayName: string) => ({ id: `id_${identifier}`, identifier, displayName }) as StoredProvider;

  test("matches ignoring case and spaces, keeps every match", () => {
    const providers = [provider("a", "Acme CRM"), provider("b", "ACMECRM"), provider("c", "Acme"), provider("d", " acme  crm ")];
    expect(connectorsNamed(providers, "acme crm").map((p) => p.identifier)).toEqual(["a", "b", "d"]);
    expect(connectorsNamed(providers, "Other")).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// A scripted Scalekit.

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Store the create first (as the server would), then answer. */
  store?: boolean;
}
/** "drop": store the create, then destroy the connection without an answer. */
type Scripted = Answer | "drop";

interface Seen {
  method: string;
  path: string;
  at: number;
}

class ScriptedScalekit {
  readonly clientSecret = `scripted-secret-${Math.random().toString(36).slice(2)}`;
  readonly seen: Seen[] = [];
  readonly connectors: Record<string, unknown>[] = [];
  readonly tokens: string[] = [];
  /** Answer with `Connection: close`, so that the client keeps no idle connection to find closed later. */
  closeAfterEachAnswer = false;
  private readonly scripts = new Map<string, Scripted[]>();
  private server!: http.Server;
  private port = 0;
  private next = 1;

  static async start(): Promise<ScriptedScalekit> {
    const scripted = new ScriptedScalekit();
    await scripted.listen();
    return scripted;
  }

  get credentials() {
    return { environmentUrl: `http://127.0.0.1:${this.port}`, clientId: "skc_scripted", clientSecret: this.clientSecret };
  }

  /** The next answers to `METHOD /path`, in order; afterwards the default answers. */
  script(route: string, ...answers: Scripted[]): void {
    this.scripts.set(route, [...(this.scripts.get(route) ?? []), ...answers]);
  }

  count(route: string): number {
    return this.seen.filter((request) => `${request.method} ${request.path}` === route).length;
  }

  /** A connector as Scalekit would store it, with an identifier no name derivation gives. */
  store(displayName: string): Record<string, unknown> {
    const stored = { id: `prv_${this.next}`, identifier: `prov_${1000 + this.next}`, display_name: displayName, auth_patterns: [], is_custom: true };
    this.next++;
    this.connectors.push(stored);
    return stored;
  }

  /** Stops listening and closes every connection: the next connection is refused. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  /** Listens again, on the same port. */
  async listen(): Promise<void> {
    this.server = http.createServer((request, response) => this.answer(request, response));
    await new Promise<void>((resolve) => this.server.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  private answer(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = (request.url ?? "/").split("?")[0];
      const route = `${request.method} ${path}`;
      this.seen.push({ method: request.method ?? "", path, at: Date.now() });
      const text = Buffer.concat(chunks).toString("utf8");
      const scripted = this.scripts.get(route)?.shift();
      const isCreate = route === `POST ${createPath}`;
      if (scripted === "drop" || (scripted?.store && isCreate)) this.store((JSON.parse(text) as { display_name: string }).display_name);
      if (scripted === "drop") {
        request.socket.destroy();
        return;
      }
      const answer = scripted ?? this.defaultAnswer(route, text);
      const closing = this.closeAfterEachAnswer ? { connection: "close" } : {};
      response.writeHead(answer.status, { "content-type": "application/json", ...closing, ...answer.headers }).end(answer.body === undefined ? "" : JSON.stringify(answer.body));
    });
  }

  private defaultAnswer(route: string, text: string): Answer {
    if (route === `POST ${tokenPath}`) {
      const token = `tok_${Math.random().toString(36).slice(2)}`;
      this.tokens.push(token);
      return { status: 200, body: { access_token: token, token_type: "Bearer", expires_in: 3600 } };
    }
    if (route === "GET /api/v1/providers") return { status: 200, body: { providers: this.connectors, next_page_token: "", total_size: this.connectors.length } };
    if (route === `POST ${createPath}`) return { status: 201, body: { provider: this.store((JSON.parse(text) as { display_name: string }).display_name) } };
    return { status: 404, body: { code: 5, message: `no route ${route}`, details: [] } };
  }

  secrets(): string[] {
    return [this.clientSecret, ...this.tokens];
  }

  async close(): Promise<void> {
    if (this.server.listening) await this.stop();
  }
}

/** Resolves at the next connection the client (undici) fails to open, e.g. refused: undici's published diagnostics channel. */
function nextRefusedConnection(): Promise<string | undefined> {
  return new Promise((resolve) => {
    const seen = (message: unknown) => {
      diagnosticsChannel.unsubscribe("undici:client:connectError", seen);
      resolve((message as { error?: { code?: string } }).error?.code);
    };
    diagnosticsChannel.subscribe("undici:client:connectError", seen);
  });
}

const listRoute = "GET /api/v1/providers";
const createRoute = `POST ${createPath}`;
const tokenRoute = `POST ${tokenPath}`;

const fast: ScalekitClientOptions = { retry: { minDelayMs: 5, maxDelayMs: 20 } };
const payload = (displayName: string) =>
  ({ display_name: displayName, description: "", auth_patterns: [{ type: "BEARER" }], proxy_url: "https://api.example.com", proxy_enabled: true, icon_src: "", metadata: {} }) as unknown as ScalekitPayload;

describe("against a scripted Scalekit", () => {
  let scalekit: ScriptedScalekit;
  let clients: ScalekitClient[];
  const messages: string[] = [];

  function clientOf(options: ScalekitClientOptions = fast): ScalekitClient {
    const client = new ScalekitClient(scalekit.credentials, options);
    clients.push(client);
    return client;
  }

  async function failure(run: () => Promise<unknown>): Promise<Error> {
    try {
      await run();
    } catch (error) {
      messages.push(`${(error as Error).message}\n${(error as Error).stack}`);
      return error as Error;
    }
    throw new Error("expected a failure");
  }

  beforeEach(async () => {
    scalekit = await ScriptedScalekit.start();
    clients = [];
  });

  afterEach(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await scalekit.close();
    const leaked = scalekit.secrets().filter((secret) => messages.some((message) => message.includes(secret)));
    messages.length = 0;
    expect(leaked).toEqual([]);
  });

  describe("creates", () => {
    test("a 429 is retried by the transport after Retry-After; no look-up", async () => {
      scalekit.script(createRoute, { status: 429, headers: { "retry-after": "1" }, body: { code: 8, message: "slow down" } });
      const started = Date.now();
      const created = await clientOf().create(payload("Acme CRM"));
      expect(created.displayName).toBe("Acme CRM");
      expect(scalekit.count(createRoute)).toBe(2);
      expect(scalekit.count(listRoute)).toBe(0);
      const posts = scalekit.seen.filter((request) => `${request.method} ${request.path}` === createRoute);
      expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(990);
      expect(Date.now() - started).toBeGreaterThanOrEqual(990);
    });

    test("a 429 with a Retry-After beyond the limit is reported at once, with Scalekit's message", async () => {
      scalekit.script(createRoute, { status: 429, headers: { "retry-after": "3600" }, body: { code: 8, message: "quota exhausted" } });
      const error = await failure(() => clientOf().create(payload("Acme CRM")));
      expect(error.message).toMatch(/^Creating connector "Acme CRM" failed: Scalekit answered 429 ResourceExhausted: quota exhausted\. /);
      expect(scalekit.count(createRoute)).toBe(1);
      expect(scalekit.count(listRoute)).toBe(0);
    });

    test("a refused connection is retried: nothing was sent, so no look-up", async () => {
      const client = clientOf({ retry: { minDelayMs: 100, maxDelayMs: 200, maxRetries: 6 } });
      // No idle connection left behind: the POST must open a new one (else it may meet the closed one: "other side closed", an unknown outcome).
      scalekit.closeAfterEachAnswer = true;
      await client.listCustomProviders(); // the token is in hand
      await scalekit.stop();
      const refused = nextRefusedConnection();
      const creating = client.create(payload("Acme CRM"));
      // Listening again once the create has been refused at least once.
      expect(await refused).toBe("ECONNREFUSED");
      await scalekit.listen();
      const created = await creating;
      expect(created.displayName).toBe("Acme CRM");
      expect(scalekit.count(createRoute)).toBe(1);
      expect(scalekit.count(listRoute)).toBe(1); // the one before the outage
      expect(scalekit.connectors).toHaveLength(1);
    });

    test("connections refused to the end: reported as unanswered, with no look-up", async () => {
      const client = clientOf({ retry: { minDelayMs: 5, maxDelayMs: 20, maxRetries: 2 } });
      // No idle connection left behind: the POST must open a new one (else it may meet the closed one: "other side closed", an unknown outcome).
      scalekit.closeAfterEachAnswer = true;
      await client.listCustomProviders();
      await scalekit.stop();
      const error = await failure(() => client.create(payload("Acme CRM")));
      expect(error).toBeInstanceOf(ScalekitTransportError);
      expect((error as ScalekitTransportError).code).toBe("ECONNREFUSED");
      expect(error.message).toMatch(/^Creating connector "Acme CRM" got no answer from Scalekit \(ECONNREFUSED/);
    });

    test("a 503 is reported after one POST: the client does not settle it, nor send it again", async () => {
      scalekit.script(createRoute, { status: 503, body: { code: 14, message: "unavailable" } });
      const error = await failure(() => clientOf().create(payload("Acme CRM")));
      expect((error as ScalekitApiError).status).toBe(503);
      expect(createOutcomeUnknown(error, "Acme CRM")).toBe(true);
      expect(scalekit.seen.map((request) => `${request.method} ${request.path}`)).toEqual([tokenRoute, createRoute]);
    });

    test("a dropped answer is reported after one POST, as of unknown outcome", async () => {
      scalekit.script(createRoute, "drop");
      const error = await failure(() => clientOf().create(payload("Acme CRM")));
      expect(error).toBeInstanceOf(ScalekitTransportError);
      expect(createOutcomeUnknown(error, "Acme CRM")).toBe(true);
      expect(scalekit.count(createRoute)).toBe(1);
      expect(scalekit.count(listRoute)).toBe(0);
    });

    test("a 409 on the first attempt is Scalekit's answer, reported as it is", async () => {
      scalekit.script(createRoute, { status: 409, body: { code: 6, message: "already exists" } });
      const error = await failure(() => clientOf().create(payload("Acme CRM")));
      expect((error as ScalekitApiError).status).toBe(409);
      expect(createOutcomeUnknown(error, "Acme CRM")).toBe(false);
      expect(scalekit.count(listRoute)).toBe(0);
    });

    test("field violations of a refused create are in the message; secrets echoed by the server are not", async () => {
      const client = clientOf();
      await client.listCustomProviders();
      const token = scalekit.tokens[0];
      scalekit.script(createRoute, {
        status: 400,
        body: {
          code: 3,
          message: `invalid request (token ${token})`,
          details: [{ "@type": errorInfoType, error_code: "INVALID_PAYLOAD", validation_error_info: { field_violations: [{ field: "proxy_url", description: "must start with https://" }] } }],
        },
      });
      const error = await failure(() => client.create(payload("Acme CRM")));
      expect(error.message).toBe('Creating connector "Acme CRM" failed: Scalekit answered 400 InvalidArgument (INVALID_PAYLOAD): invalid request (token [redacted]).\n  - proxy_url: must start with https://');
      expect((error as ScalekitApiError).fieldViolations).toEqual([{ field: "proxy_url", description: "must start with https://" }]);
      expect(scalekit.count(createRoute)).toBe(1);
      expect(scalekit.count(listRoute)).toBe(1);
    });
  });

  describe("a create of unknown outcome, settled by operations.create", () => {
    const empty = { status: 200, body: { providers: [], next_page_token: "", total_size: 0 } };
    const routes = () => scalekit.seen.map((request) => `${request.method} ${request.path}`);

    test("a 503 that stored nothing: looked for by display name, absent from a whole listing, sent again", async () => {
      scalekit.script(createRoute, { status: 503, body: { code: 14, message: "unavailable" } });
      const created = await createThroughOperations(clientOf(), "Acme CRM");
      expect(routes()).toEqual([tokenRoute, listRoute, createRoute, listRoute, createRoute]);
      expect(created.id).toBe("prov_1001");
      expect(scalekit.connectors).toHaveLength(1);
    });

    test("a 503 after Scalekit stored it: found by display name (ignoring case and spaces), never sent again", async () => {
      scalekit.script(createRoute, { status: 503, store: true, body: { code: 14, message: "unavailable" } });
      scalekit.script(listRoute, empty, { status: 200, body: { providers: [{ id: "prv_other", identifier: "prov_77", display_name: "Acme", is_custom: true }, { id: "prv_9", identifier: "prov_9", display_name: "ACME crm", is_custom: true }], next_page_token: "", total_size: 2 } });
      const created = await createThroughOperations(clientOf(), "Acme CRM");
      expect(routes()).toEqual([tokenRoute, listRoute, createRoute, listRoute]);
      expect(created.id).toBe("prov_9");
      expect(created.outputs.scalekitId).toBe("prv_9");
    });

    test("a dropped answer: found by display name with the identifier Scalekit chose", async () => {
      scalekit.script(createRoute, "drop");
      const created = await createThroughOperations(clientOf(), "Acme CRM");
      expect(routes()).toEqual([tokenRoute, listRoute, createRoute, listRoute]);
      expect(created.id).toBe("prov_1001");
      expect(scalekit.connectors).toHaveLength(1);
    });

    test("a 409 after a create of unknown outcome: the earlier attempt was stored; looked for again and taken", async () => {
      scalekit.script(createRoute, { status: 502, body: "bad gateway" }, { status: 409, body: { code: 6, message: "already exists" } });
      scalekit.script(listRoute, empty, empty, { status: 200, body: { providers: [{ id: "prv_5", identifier: "prov_5", display_name: "Acme CRM" }], next_page_token: "", total_size: 1 } });
      const created = await createThroughOperations(clientOf(), "Acme CRM");
      expect(routes()).toEqual([tokenRoute, listRoute, createRoute, listRoute, createRoute, listRoute]);
      expect(created.id).toBe("prov_5");
    });

    test("sending again is bounded: after maxRetries resends the last answer is reported", async () => {
      const unavailable = { status: 503, body: { code: 14, message: "unavailable" } };
      scalekit.script(createRoute, unavailable, unavailable, unavailable);
      const error = await failure(() => createThroughOperations(clientOf({ retry: { minDelayMs: 5, maxDelayMs: 20, maxRetries: 2 } }), "Acme CRM"));
      expect(error.message).toMatch(/^Creating connector "Acme CRM" failed: Scalekit answered 503 Unavailable: unavailable\. Scalekit stayed unavailable/);
      expect(routes()).toEqual([tokenRoute, listRoute, createRoute, listRoute, createRoute, listRoute, createRoute, listRoute]);
      expect(scalekit.connectors).toHaveLength(0);
    });

    test("several connectors with the name after a lost answer: no choice is made", async () => {
      scalekit.script(listRoute, empty);
      scalekit.store("Acme CRM");
      scalekit.store("acme crm");
      scalekit.script(createRoute, "drop");
      const error = await failure(() => createThroughOperations(clientOf(), "Acme CRM"));
      expect(error).toBeInstanceOf(AmbiguousConnectorNameError);
      expect(error.message).toMatch(/^3 connectors in http:\/\/127\.0\.0\.1:\d+ are named like "Acme CRM" \(names are compared ignoring case and spaces\): "Acme CRM" \(prov_1001\), "acme crm" \(prov_1002\), "Acme CRM" \(prov_1003\)\./);
      expect(scalekit.count(createRoute)).toBe(1);
    });

    test("a look-up that fails too: the outcome is reported as unknown, with both answers, and nothing is sent again", async () => {
      scalekit.script(createRoute, { status: 500, body: { code: 13, message: "internal" } });
      scalekit.script(listRoute, empty, { status: 500, body: { code: 13, message: "list broke" } });
      const error = await failure(() => createThroughOperations(clientOf(), "Acme CRM"));
      expect(error).toBeInstanceOf(CreateOutcomeUnknownError);
      expect(error.message).toMatch(/^Creating connector "Acme CRM" failed: Scalekit answered 500 Internal: internal\. .* Whether Scalekit stored connector "Acme CRM" is unknown: looking for it failed too \(Listing Scalekit connectors failed: Scalekit answered 500 Internal: list broke\. .*\)\. Check the connectors/);
      expect(routes()).toEqual([tokenRoute, listRoute, createRoute, listRoute]);
    });

    test.each([
      ["answered {}", { status: 200, body: {} }, /JSON that is not the listing page Scalekit documents/],
      ["a page short of its total_size", { status: 200, body: { providers: [], next_page_token: "", total_size: 1 } }, /Scalekit's listing says it holds 1 connector \(total_size\), but 0 arrived/],
    ])("a listing %s is no evidence of absence: the outcome is unknown, and nothing is sent again", async (_what, listing, why) => {
      scalekit.script(createRoute, { status: 503, store: true, body: { code: 14, message: "unavailable" } });
      scalekit.script(listRoute, empty, listing);
      const error = await failure(() => createThroughOperations(clientOf(), "Acme CRM"));
      expect(error).toBeInstanceOf(CreateOutcomeUnknownError);
      expect(error.message).toMatch(why);
      expect(routes()).toEqual([tokenRoute, listRoute, createRoute, listRoute]);
      expect(scalekit.connectors).toHaveLength(1);
    });

    test("a failed token request sent no create: reported as it is, with no look-up", async () => {
      const client = clientOf({ retry: { minDelayMs: 5, maxDelayMs: 20, maxRetries: 0 } });
      scalekit.script(listRoute, empty);
      // The create's 401 sends the client for a new token, which Scalekit fails to give.
      scalekit.script(tokenRoute, { status: 200, body: { access_token: "tok_scripted", token_type: "Bearer", expires_in: 3600 } }, { status: 503, body: { code: 14, message: "unavailable" } });
      scalekit.script(createRoute, { status: 401, body: { code: 16, message: "token expired" } });
      const error = await failure(() => createThroughOperations(client, "Acme CRM"));
      expect(error.message).toMatch(/^Getting a Scalekit access token failed: Scalekit answered 503/);
      expect(routes()).toEqual([tokenRoute, listRoute, createRoute, tokenRoute]);
    });
  });

  describe("token errors, read by the same reader", () => {
    test("a gRPC-gateway body with field violations", async () => {
      scalekit.script(tokenRoute, {
        status: 400,
        body: { code: 3, message: "invalid token request", details: [{ "@type": errorInfoType, error_code: "BAD_GRANT", validation_error_info: { field_violations: [{ field: "grant_type", description: "must be client_credentials" }] } }] },
      });
      const error = await failure(() => clientOf().listCustomProviders());
      expect(error).toBeInstanceOf(ScalekitApiError);
      expect(error.message).toBe("Getting a Scalekit access token failed: Scalekit answered 400 InvalidArgument (BAD_GRANT): invalid token request.\n  - grant_type: must be client_credentials");
      expect((error as ScalekitApiError).errorCode).toBe("BAD_GRANT");
    });

    test("an OAuth error that echoes the client secret: read, and the secret redacted", async () => {
      scalekit.script(tokenRoute, { status: 401, body: { error: "invalid_client", error_description: `unknown client secret ${scalekit.clientSecret}` } });
      const error = await failure(() => clientOf().listCustomProviders());
      expect(error.message).toMatch(/^Getting a Scalekit access token failed: Scalekit answered 401: unknown client secret \[redacted\]\. Check scalekit:clientId and scalekit:clientSecret/);
      expect(error.message).not.toContain(scalekit.clientSecret);
    });

    test("a 503 on the token request is retried (it is safe to repeat)", async () => {
      scalekit.script(tokenRoute, { status: 503, body: { code: 14, message: "unavailable" } });
      await clientOf().listCustomProviders();
      expect(scalekit.count(tokenRoute)).toBe(2);
    });
  });

  describe("other requests", () => {
    test("a 403 on an update keeps the permissions advice", async () => {
      scalekit.script("PUT /api/v1/custom-providers/prov_1", { status: 403, body: { code: 7, message: "permission denied" } });
      const error = await failure(() => clientOf().update("prov_1", payload("Acme CRM")));
      expect(error.message).toBe(
        'Updating connector "Acme CRM" (prov_1) failed: Scalekit answered 403 PermissionDenied: permission denied. The API client of this environment is not allowed to manage custom connectors; check its permissions in the Scalekit dashboard.',
      );
      expect(scalekit.count("PUT /api/v1/custom-providers/prov_1")).toBe(1);
    });

    test("a 500 on a list is reported, not retried", async () => {
      scalekit.script(listRoute, { status: 500, body: { code: 13, message: "internal" } });
      await failure(() => clientOf().listCustomProviders());
      expect(scalekit.count(listRoute)).toBe(1);
    });
  });
});
