/**
 * The Scalekit custom connector API: list, look up, create, update, delete. Every call carries
 * a bearer token from the environment's TokenSource; a 401 renews the token once. Retries are the
 * transport's (http.ts, retryRules), and a create is one POST: whether a create whose answer was
 * lost was stored is settled by the operations (operations.ts, create), from the environment's
 * listing. The client uses only identifiers Scalekit returned.
 */
import { request, type Dispatcher } from "undici";
import type { z } from "zod";
import { sameConnectorName } from "../connector-name";
import { fromApiSpelling, type ScalekitPayload } from "../codec";
import { listProvidersResponseSchema, providerEnvelopeSchema, type StoredProvider } from "../schema/provider-object";
import { answerObject, contentTypeOf, ListingTally, readAnswer, UnreadableAnswerError, type AnswerShape, type SuccessAnswer } from "./answer-reading";
import type { ScalekitCredentials } from "./credentials";
import { apiUrl, checkEnvironmentUrl } from "./environment-url";
import { cancelReason, OperationCancelledError, ScalekitApiError, ScalekitTransportError, readScalekitError, redact } from "./errors";
import { createDispatcher, defaultRetryPolicy, requestNeverSent, retryDelayMs, waitUnlessAborted, type RetryPolicy, type TransportOptions } from "./http";
import { TokenSource, describeTransportError } from "./token-source";

export interface ScalekitClientOptions extends TransportOptions {
  /**
   * Secret values the caller knows of besides the client's own (credentials a declaration holds),
   * redacted from every message before it is cut to length.
   */
  knownSecrets?: () => Iterable<string>;
  /**
   * Cancels every call of this client when aborted: open requests end, waits between retries and
   * every pause end, and each call fails with an OperationCancelledError.
   */
  signal?: AbortSignal;
}

/** Largest page the list endpoint serves; one page per this many connectors. */
const listPageSize = 1000;

const providersPath = "/api/v1/providers";
const customProvidersPath = "/api/v1/custom-providers";

/** The connectors among `providers` whose display name names the same connector as `displayName` (sameConnectorName). */
export function connectorsNamed(providers: readonly StoredProvider[], displayName: string): StoredProvider[] {
  return providers.filter((provider) => sameConnectorName(provider.displayName, displayName));
}

export class ScalekitClient {
  readonly base: URL;
  private readonly dispatcher: Dispatcher;
  private readonly tokens: TokenSource;
  private readonly retryPolicy: RetryPolicy;
  private readonly knownSecrets: () => Iterable<string>;
  private readonly signal: AbortSignal | undefined;

  constructor(private readonly credentials: ScalekitCredentials, options: ScalekitClientOptions = {}) {
    this.base = checkEnvironmentUrl(credentials.environmentUrl);
    this.dispatcher = createDispatcher(options);
    this.signal = options.signal;
    this.tokens = new TokenSource(this.base, credentials, this.dispatcher, this.signal);
    this.retryPolicy = { ...defaultRetryPolicy, ...options.retry };
    this.knownSecrets = options.knownSecrets ?? (() => []);
  }

  /** Every value that must never appear in a message: the client secret, the tokens issued, and what the caller knows (knownSecrets). */
  secrets(): string[] {
    return [this.credentials.clientSecret, ...this.tokens.issued, ...this.knownSecrets()];
  }

  /**
   * Every custom connector of the environment, one page per 1000 connectors. Strict, since a
   * connector missing from it may be taken for gone (by name, for adoption and pull, where no
   * exact look-up exists): a page that is not Scalekit's JSON is an UnreadableAnswerError, and
   * fewer connectors than `total_size` says is an IncompleteListingError (answer-reading.ts).
   */
  async listCustomProviders(): Promise<StoredProvider[]> {
    return this.listPages("Listing Scalekit connectors", { "filter.provider_type": "CUSTOM", page_size: String(listPageSize) });
  }

  /**
   * The custom connector with this identifier (one Scalekit returned), or undefined: the exact
   * look-up (`?identifier=`), read as strictly as the listing, so that undefined is Scalekit's
   * word that the connector is gone.
   */
  async findByIdentifier(identifier: string): Promise<StoredProvider | undefined> {
    const found = await this.listPages(`Looking up connector ${identifier}`, { "filter.provider_type": "CUSTOM", identifier });
    return found.find((provider) => provider.identifier === identifier);
  }

  /** Every page of a listing with this query, held to the `total_size` the pages state (ListingTally). */
  private async listPages(operation: string, query: Record<string, string>): Promise<StoredProvider[]> {
    const all: StoredProvider[] = [];
    const tally = new ListingTally(operation);
    let pageToken = "";
    do {
      const pageQuery = pageToken ? { ...query, page_token: pageToken } : query;
      const page = await this.read(operation, "GET", providersPath, { query: pageQuery }, listingPage);
      tally.addPage(page.providers.length, page.totalSize, page.nextPageToken === "");
      all.push(...page.providers);
      pageToken = page.nextPageToken;
    } while (pageToken);
    return all;
  }

  /**
   * Creates a connector and returns it as Scalekit stored it: one POST. Rate limits and refused
   * connections are retried by the transport (nothing was stored); a failure that leaves it
   * unknown whether Scalekit stored it (createOutcomeUnknown) is the caller's to settle.
   */
  async create(payload: ScalekitPayload): Promise<StoredProvider> {
    return (await this.read(creatingConnector(payload.display_name), "POST", customProvidersPath, { body: payload }, connectorEnvelope)).provider;
  }

  /**
   * Replaces a connector's definition (the payload must carry every field, see toScalekitPayload).
   * Messages name it by the payload's display name and its identifier.
   */
  async update(identifier: string, payload: ScalekitPayload): Promise<StoredProvider> {
    const operation = `Updating connector ${describeConnector(identifier, payload.display_name)}`;
    const path = `${customProvidersPath}/${encodeURIComponent(identifier)}`;
    return (await this.read(operation, "PUT", path, { body: payload }, connectorEnvelope)).provider;
  }

  /**
   * Deletes a connector; "absent" when Scalekit no longer has it. A refusal because it is in use
   * is a ScalekitApiError that isConnectorInUseRefusal recognises (see connectorInUseMessage).
   * `displayName`, when known, names the connector in messages.
   */
  async delete(identifier: string, displayName?: string): Promise<"deleted" | "absent"> {
    try {
      // Scalekit answers `{}`; a body that is not a JSON object (a proxy's page) is no evidence of a delete.
      answerObject(await this.call(`Deleting connector ${describeConnector(identifier, displayName)}`, "DELETE", `${customProvidersPath}/${encodeURIComponent(identifier)}`, {}), this.secrets());
      return "deleted";
    } catch (error) {
      if (error instanceof ScalekitApiError && error.status === 404) return "absent";
      throw error;
    }
  }

  /** True when `error`, thrown by `create` of the connector `displayName`, leaves it unknown whether Scalekit stored it (createOutcomeUnknown). */
  createOutcomeUnknown(error: unknown, displayName: string): error is ScalekitApiError | ScalekitTransportError | UnreadableAnswerError {
    return createOutcomeUnknown(error, displayName);
  }

  /**
   * The wait before a create is sent again for the `resend`th time (1-based), after `failure`
   * and a listing that showed it stored nothing: the transport's backoff (Retry-After included),
   * within its maxRetries; undefined when those are spent.
   */
  resendDelay(resend: number, failure: Error): number | undefined {
    if (resend > this.retryPolicy.maxRetries) return undefined;
    return retryDelayMs(this.retryPolicy, resend, failure instanceof ScalekitApiError ? failure.headers : undefined);
  }

  /** Releases the connection pool. */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  /** One call whose 2xx answer must have this shape (answer-reading.ts, readAnswer). */
  private async read<S extends z.ZodType>(operation: string, method: Dispatcher.HttpMethod, path: string, options: CallOptions, shape: AnswerShape<S>): Promise<z.output<S>> {
    return readAnswer(await this.call(operation, method, path, options), this.secrets(), shape);
  }

  /** Waits `ms` (between two attempts of the caller's), or fails with an OperationCancelledError as soon as the client is cancelled. */
  pause(operation: string, ms: number): Promise<void> {
    const signal = this.signal;
    return new Promise((resolve, reject) => {
      const cancelled = () => reject(new OperationCancelledError(operation, cancelReason(signal)));
      if (signal?.aborted) cancelled();
      else waitUnlessAborted(ms, signal, (aborted) => (aborted ? cancelled() : resolve()));
    });
  }

  /** An answer's body; a cancel while it arrives is an OperationCancelledError, not a transport failure. */
  private async bodyText(operation: string, response: Dispatcher.ResponseData): Promise<string> {
    try {
      return await response.body.text();
    } catch (error) {
      if (this.signal?.aborted) throw new OperationCancelledError(operation, cancelReason(this.signal));
      throw error;
    }
  }

  /** One call: its 2xx answer as it arrived (for answer-reading.ts to read), or a ScalekitApiError. */
  private async call(operation: string, method: Dispatcher.HttpMethod, path: string, options: CallOptions): Promise<SuccessAnswer> {
    for (let renewed = false; ; renewed = true) {
      if (this.signal?.aborted) throw new OperationCancelledError(operation, cancelReason(this.signal));
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
          signal: this.signal,
        });
      } catch (error) {
        if (this.signal?.aborted) throw new OperationCancelledError(operation, cancelReason(this.signal));
        throw new ScalekitTransportError(operation, redact(describeTransportError(error), this.secrets()), (error as { code?: string }).code);
      }
      const text = await this.bodyText(operation, response);
      if (response.statusCode === 401 && !renewed) {
        this.tokens.invalidate(token);
        continue;
      }
      if (response.statusCode >= 200 && response.statusCode < 300) {
        return { operation, status: response.statusCode, contentType: contentTypeOf(response.headers), text };
      }
      throw new ScalekitApiError(operation, response.statusCode, readScalekitError(text, this.secrets()), response.headers, method);
    }
  }
}

interface CallOptions {
  query?: Record<string, string>;
  body?: unknown;
}

/** A page of `GET /api/v1/providers`. */
const listingPage = { what: "listing page", schema: listProvidersResponseSchema, respell: fromApiSpelling };
/** The answer of a create or an update, `{"provider": Provider}`. */
const connectorEnvelope = { what: "connector answer ({\"provider\": ...})", schema: providerEnvelopeSchema, respell: fromApiSpelling };

/** The operation a create's messages name: `Creating connector "Acme CRM"`. */
function creatingConnector(displayName: string): string {
  return `Creating connector "${displayName}"`;
}

/**
 * True when `error`, thrown by `create` of the connector named `displayName`, leaves it unknown
 * whether Scalekit stored it: no definite answer to the POST (a lost connection or a timeout, not
 * a refused one: that request never left), 500/502/503/504, or a 2xx whose body is not
 * Scalekit's JSON (cut short after storing, or a proxy's page). A failure of the token request
 * is not: no create was sent.
 */
export function createOutcomeUnknown(error: unknown, displayName: string): error is ScalekitApiError | ScalekitTransportError | UnreadableAnswerError {
  const own = error instanceof ScalekitApiError || error instanceof ScalekitTransportError || error instanceof UnreadableAnswerError;
  if (!own || error.operation !== creatingConnector(displayName)) return false;
  if (error instanceof UnreadableAnswerError) return true;
  if (error instanceof ScalekitTransportError) return !requestNeverSent(error.code);
  return unknownOutcomeStatuses.includes(error.status);
}

const unknownOutcomeStatuses = [500, 502, 503, 504];

/** How messages name a connector: `"Acme CRM" (acmecrm)` when the display name is known, else `acmecrm`. */
function describeConnector(identifier: string, displayName: string | undefined): string {
  return displayName ? `"${displayName}" (${identifier})` : identifier;
}

