/**
 * The Scalekit custom connector API: list, look up, create, update, delete. Every call carries
 * a bearer token from the environment's TokenSource; a 401 renews the token once. Reads, updates
 * and deletes are retried by the transport; a create is never sent twice blindly: after an
 * answer that leaves it unknown whether Scalekit stored it, the connector is looked up first.
 */
import { request, type Dispatcher } from "undici";
import { deriveIdentifier } from "../identifier";
import { toCamelCase } from "../schema/case-mapping";
import { listProvidersResponseSchema, providerEnvelopeSchema, storedProviderSchema, type StoredProvider } from "../schema/provider-object";
import type { ScalekitPayload } from "../mapping";
import type { ScalekitCredentials } from "./credentials";
import { apiUrl, checkEnvironmentUrl } from "./environment-url";
import { ScalekitApiError, ScalekitTransportError, redact } from "./errors";
import { createDispatcher, defaultRetryPolicy, retryDelayMs, type RetryPolicy, type TransportOptions } from "./http";
import { TokenSource, safeJson } from "./token-source";

export type ScalekitClientOptions = TransportOptions;

/** Largest page the list endpoint serves; one page per this many connectors. */
export const listPageSize = 1000;

const providersPath = "/api/v1/providers";
const customProvidersPath = "/api/v1/custom-providers";

export class ScalekitClient {
  readonly base: URL;
  private readonly dispatcher: Dispatcher;
  private readonly tokens: TokenSource;
  private readonly retryPolicy: RetryPolicy;

  constructor(private readonly credentials: ScalekitCredentials, options: ScalekitClientOptions = {}) {
    this.base = checkEnvironmentUrl(credentials.environmentUrl);
    this.dispatcher = createDispatcher(options);
    this.tokens = new TokenSource(this.base, credentials, this.dispatcher);
    this.retryPolicy = { ...defaultRetryPolicy, ...options.retry };
  }

  /** Every value that must never appear in a message: the client secret and the tokens issued. */
  secrets(): string[] {
    return [this.credentials.clientSecret, ...this.tokens.issued];
  }

  /** Every custom connector of the environment, one page per 1000 connectors. */
  async listCustomProviders(): Promise<StoredProvider[]> {
    const all: StoredProvider[] = [];
    let pageToken = "";
    do {
      const query: Record<string, string> = { "filter.provider_type": "CUSTOM", page_size: String(listPageSize) };
      if (pageToken) query.page_token = pageToken;
      const page = listProvidersResponseSchema.parse(toCamelCase(await this.call("Listing Scalekit connectors", "GET", providersPath, { query })));
      all.push(...page.providers.map(parseProvider));
      pageToken = page.nextPageToken;
    } while (pageToken);
    return all;
  }

  /** The custom connector with this identifier, or undefined. */
  async findByIdentifier(identifier: string): Promise<StoredProvider | undefined> {
    const answer = await this.call(`Looking up connector ${identifier}`, "GET", providersPath, {
      query: { "filter.provider_type": "CUSTOM", identifier },
    });
    const page = listProvidersResponseSchema.parse(toCamelCase(answer));
    return page.providers.map(parseProvider).find((provider) => provider.identifier === identifier);
  }

  /**
   * Creates a connector. A 429 is a definite "not stored": the POST is sent again after
   * Retry-After. A failure without a definite answer (connection lost, timeout, 500/502/503/504)
   * is reconciled by looking the connector up: found, it is the result (never POSTed again);
   * absent, the POST may be sent again. Bounded by the retry policy.
   */
  async create(payload: ScalekitPayload): Promise<StoredProvider> {
    const identifier = deriveIdentifier(payload.display_name);
    const operation = `Creating connector ${identifier}`;
    for (let attempt = 1; ; attempt++) {
      try {
        return parseEnvelope(await this.call(operation, "POST", customProvidersPath, { body: payload }));
      } catch (error) {
        const rateLimited = error instanceof ScalekitApiError && error.status === 429;
        const indefinite = isIndefinite(error);
        if ((!rateLimited && !indefinite) || attempt > this.retryPolicy.maxRetries) throw error;
        if (indefinite) {
          const stored = await this.findByIdentifier(identifier);
          if (stored) return stored;
        }
        const delay = retryDelayMs(this.retryPolicy, attempt, error instanceof ScalekitApiError ? error.headers : undefined);
        if (delay === undefined) throw error;
        await sleep(delay);
      }
    }
  }

  /** Replaces a connector's definition (the payload must carry every field, see toScalekitPayload). */
  async update(identifier: string, payload: ScalekitPayload): Promise<StoredProvider> {
    const answer = await this.call(`Updating connector ${identifier}`, "PUT", `${customProvidersPath}/${encodeURIComponent(identifier)}`, { body: payload });
    return parseEnvelope(answer);
  }

  /** Deletes a connector; "absent" when Scalekit no longer has it. */
  async delete(identifier: string): Promise<"deleted" | "absent"> {
    try {
      await this.call(`Deleting connector ${identifier}`, "DELETE", `${customProvidersPath}/${encodeURIComponent(identifier)}`, {});
      return "deleted";
    } catch (error) {
      if (error instanceof ScalekitApiError && error.status === 404) return "absent";
      throw error;
    }
  }

  /** Releases the connection pool. */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private async call(operation: string, method: Dispatcher.HttpMethod, path: string, options: { query?: Record<string, string>; body?: unknown }): Promise<unknown> {
    for (let renewed = false; ; renewed = true) {
      const token = await this.tokens.token();
      let response: Dispatcher.ResponseData;
      try {
        response = await request(apiUrl(this.base, path, options.query), {
          method,
          dispatcher: this.dispatcher,
          headers: {
            authorization: `Bearer ${token}`,
            accept: "application/json",
            ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
          },
          body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
        });
      } catch (error) {
        throw new ScalekitTransportError(operation, redact(describeTransportError(error), this.secrets()));
      }
      const text = await response.body.text();
      if (response.statusCode === 401 && !renewed) {
        this.tokens.invalidate(token);
        continue;
      }
      if (response.statusCode >= 200 && response.statusCode < 300) return safeJson(text) ?? {};
      const parsed = safeJson(text) as { code?: number; message?: string } | undefined;
      const message = redact(String(parsed?.message ?? text).slice(0, 500), this.secrets());
      throw new ScalekitApiError(operation, response.statusCode, parsed?.code, message, response.headers);
    }
  }
}

function parseProvider(raw: unknown): StoredProvider {
  return storedProviderSchema.parse(raw);
}

function parseEnvelope(answer: unknown): StoredProvider {
  return parseProvider(providerEnvelopeSchema.parse(toCamelCase(answer)).provider);
}

/** True when a failed create may or may not have been stored. */
function isIndefinite(error: unknown): boolean {
  if (error instanceof ScalekitTransportError) return true;
  return error instanceof ScalekitApiError && [500, 502, 503, 504].includes(error.status);
}

function describeTransportError(error: unknown): string {
  const failure = error as { code?: string; message?: string };
  return [failure.code, failure.message].filter(Boolean).join(": ") || String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
