/**
 * Calling an emulator's API from a test: a client that gets and keeps a token (for the emulator
 * tests, and for changes "made in the dashboard" in the others), a hook that starts an emulator
 * per test, a valid payload, and the assertions on the API's error bodies.
 */
import { request } from "node:http";
import {
  ERROR_CODES,
  ERROR_INFO_TYPE,
  startEmulator,
  type EmulatorOptions,
  type GrpcCodeNumber,
  type Provider,
  type RunningEmulator,
  type ScalekitCredentials,
} from "scalekit-emulator";

export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text, sent as is. */
  rawBody?: string;
  /** Bearer token; `null` sends no Authorization header. Default: the client's token. */
  token?: string | null;
  contentType?: string | null;
}

/** A client of one emulator: a running one, or any process that hands out its credentials. */
export class EmulatorClient<E extends { credentials: ScalekitCredentials } = RunningEmulator> {
  private accessToken: string | undefined;

  constructor(readonly emulator: E) {}

  get url(): string {
    return this.emulator.credentials.environmentUrl;
  }

  async requestToken(form: Record<string, string> = this.credentials()): Promise<Answer> {
    const response = await fetch(`${this.url}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  }

  credentials(): Record<string, string> {
    return { grant_type: "client_credentials", client_id: this.emulator.credentials.clientId, client_secret: this.emulator.credentials.clientSecret };
  }

  /** Drops the cached token, so the next call requests a new one (after a reset, say). */
  forgetToken(): void {
    this.accessToken = undefined;
  }

  async token(): Promise<string> {
    if (this.accessToken === undefined) {
      const answer = await this.requestToken();
      if (answer.status !== 200) throw new Error(`token request failed: ${answer.status} ${JSON.stringify(answer.body)}`);
      this.accessToken = answer.body.access_token as string;
    }
    return this.accessToken;
  }

  async call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? await this.token() : options.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const hasBody = options.body !== undefined || options.rawBody !== undefined;
    const contentType = options.contentType === undefined ? (hasBody ? "application/json" : null) : options.contentType;
    if (contentType !== null) headers["content-type"] = contentType;
    const init: RequestInit = { method, headers };
    if (options.rawBody !== undefined) init.body = options.rawBody;
    else if (options.body !== undefined) init.body = JSON.stringify(options.body);
    const response = await fetch(`${this.url}${path}`, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) };
  }

  create(payload: unknown): Promise<Answer> {
    return this.call("POST", "/api/v1/custom-providers", { body: payload });
  }

  update(identifier: string, payload: unknown): Promise<Answer> {
    return this.call("PUT", `/api/v1/custom-providers/${encodeURIComponent(identifier)}`, { body: payload });
  }

  remove(identifier: string): Promise<Answer> {
    return this.call("DELETE", `/api/v1/custom-providers/${encodeURIComponent(identifier)}`);
  }

  list(query: Record<string, string> = {}): Promise<Answer> {
    const search = new URLSearchParams(query).toString();
    return this.call("GET", `/api/v1/providers${search ? `?${search}` : ""}`);
  }

  /** Creates a connector and returns it as answered; fails the test unless the answer is 201. */
  async created(body: unknown): Promise<Provider> {
    const answer = await this.create(body);
    if (answer.status !== 201) throw new Error(`create failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.provider as Provider;
  }

  /** Every custom connector, from the CUSTOM listing. */
  async customs(): Promise<Provider[]> {
    const answer = await this.list({ "filter.provider_type": "CUSTOM", page_size: "1000" });
    if (answer.status !== 200) throw new Error(`list failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.providers as Provider[];
  }

  /** The custom connectors whose display name is exactly `displayName`, found by listing. */
  async named(displayName: string): Promise<Provider[]> {
    return (await this.customs()).filter((provider) => provider.display_name === displayName);
  }

  /** The identifier of the one custom connector named `displayName`. */
  async identifierOf(displayName: string): Promise<string> {
    const found = await this.named(displayName);
    if (found.length !== 1) throw new Error(`expected one connector named "${displayName}", found ${found.length}`);
    return found[0]!.identifier;
  }

  /** Test controls need no token. */
  control<T = any>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    return this.call<T>(method, `/_emulator/${path}`, body === undefined ? { token: null } : { token: null, body });
  }
}

/** Starts an emulator before each test of the file and closes it after. */
export function useEmulator(options: EmulatorOptions = {}): () => EmulatorClient {
  let client: EmulatorClient | undefined;
  beforeEach(async () => {
    client = new EmulatorClient(await startEmulator({ port: 0, ...options }));
  });
  afterEach(async () => {
    await client?.emulator.close();
    client = undefined;
  });
  return () => {
    if (!client) throw new Error("the emulator is only available inside a test");
    return client;
  };
}

/** A valid create payload; `overrides` replace top-level fields. */
export function payload(displayName: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    display_name: displayName,
    description: `Connect to ${displayName}`,
    auth_patterns: [
      {
        type: "BEARER",
        display_name: "API Token",
        description: "A long-lived token",
        fields: [{ field_name: "token", label: "API Token", input_type: "password", hint: "Your token", required: true }],
      },
    ],
    proxy_url: "https://api.example.com/v1",
    proxy_enabled: true,
    ...overrides,
  };
}

/**
 * An error answer without field violations (anything but an invalid payload or query): its
 * details hold one plain ErrorInfo with the `error_code` the emulator gives `code`.
 */
export function expectErrorBody(answer: Answer, code: number, messagePart?: RegExp | string): void {
  expect(answer.body).toEqual({ code, message: expect.any(String), details: [{ "@type": ERROR_INFO_TYPE, error_code: ERROR_CODES[code as GrpcCodeNumber] }] });
  if (messagePart !== undefined) expect(answer.body.message).toMatch(messagePart);
}

/**
 * A 400 InvalidArgument for an invalid payload or query: its details hold one
 * ErrorInfo whose field violations name exactly the `expected` fields (in any
 * order), each description matching its pattern and, when given, with that
 * constraint (else any non-empty one); the message names them too.
 */
export function expectViolations(answer: Answer, expected: Array<[field: string, description: RegExp, constraint?: string]>): void {
  expect(answer.status).toBe(400);
  expect(answer.body).toEqual({
    code: 3,
    message: expect.any(String),
    details: [
      {
        "@type": ERROR_INFO_TYPE,
        error_code: "INVALID_ARGUMENT",
        validation_error_info: { field_violations: expect.any(Array) },
      },
    ],
  });
  const violations = answer.body.details[0].validation_error_info.field_violations as Array<{ field: string; description: string; constraint: string }>;
  const byField = (a: { field: string }, b: { field: string }) => a.field.localeCompare(b.field);
  expect([...violations].sort(byField)).toEqual(
    [...expected]
      .map(([field, description, constraint]) => ({
        field,
        description: expect.stringMatching(description),
        constraint: constraint ?? expect.stringMatching(/^[a-z_]+(\.[a-z0-9_]+)*$/),
      }))
      .sort(byField),
  );
  for (const [field] of expected) expect(answer.body.message).toContain(field);
}

/** A request through node:http, for what fetch will not send (no Content-Type, chunks). */
export function rawRequest(
  url: string,
  options: { method: string; headers?: Record<string, string>; chunks?: Buffer[] },
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method, headers: options.headers ?? {} });
    req.on("response", (res) => {
      const parts: Buffer[] = [];
      res.on("data", (part: Buffer) => parts.push(part));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(parts).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    for (const chunk of options.chunks ?? []) req.write(chunk);
    req.end();
  });
}
