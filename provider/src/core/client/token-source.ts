/**
 * One access token per environment: fetched once even when many calls ask at the same time,
 * renewed before it expires (a minute before, or a tenth of its lifetime for short-lived
 * tokens), and dropped when Scalekit answers 401.
 */
import { request, type Dispatcher } from "undici";
import { fromApiSpelling } from "../codec";
import { tokenResponseSchema } from "../schema/provider-object";
import { contentTypeOf, readAnswer } from "./answer-reading";
import type { ScalekitCredentials } from "./credentials";
import { apiUrl } from "./environment-url";
import { cancelReason, OperationCancelledError, ScalekitApiError, ScalekitTransportError, readScalekitError, redact } from "./errors";

const renewBeforeExpiryMs = 60_000;
const tokenOperation = "Getting a Scalekit access token";
const tokenAnswer = { what: "token answer (access_token, expires_in)", schema: tokenResponseSchema, respell: fromApiSpelling };

interface CachedToken {
  value: string;
  /** When to fetch a new one: ahead of the real expiry. */
  renewAt: number;
}

/** The moment to renew a token that lives `lifetimeMs` from `now`. */
function renewalTime(now: number, lifetimeMs: number): number {
  return now + lifetimeMs - Math.min(renewBeforeExpiryMs, lifetimeMs / 10);
}

export class TokenSource {
  private cached: CachedToken | undefined;
  private pending: Promise<CachedToken> | undefined;
  /** Every token this source has received, for redaction. */
  readonly issued = new Set<string>();

  constructor(
    private readonly base: URL,
    private readonly credentials: ScalekitCredentials,
    private readonly dispatcher: Dispatcher,
    /** Ends the token request when aborted (the client's cancel). */
    private readonly signal?: AbortSignal,
  ) {}

  /** A valid token, fetching one if there is none or it is about to expire. */
  async token(): Promise<string> {
    if (this.cached && this.cached.renewAt > Date.now()) return this.cached.value;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    this.cached = await this.pending;
    return this.cached.value;
  }

  /** Forget a token Scalekit refused, so that the next call fetches a new one. */
  invalidate(rejected: string): void {
    if (this.cached?.value === rejected) this.cached = undefined;
  }

  private async fetchToken(): Promise<CachedToken> {
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.credentials.clientId,
      client_secret: this.credentials.clientSecret,
    }).toString();
    let response: Dispatcher.ResponseData;
    try {
      response = await request(apiUrl(this.base, "/oauth/token"), {
        method: "POST",
        dispatcher: this.dispatcher,
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body,
        signal: this.signal,
      });
    } catch (error) {
      if (this.signal?.aborted) throw new OperationCancelledError(tokenOperation, cancelReason(this.signal));
      throw new ScalekitTransportError(tokenOperation, redact(describeTransportError(error), [this.credentials.clientSecret]), (error as { code?: string }).code);
    }
    const text = await response.body.text();
    if (response.statusCode !== 200) {
      throw new ScalekitApiError(tokenOperation, response.statusCode, readScalekitError(text, [this.credentials.clientSecret]), response.headers, "POST");
    }
    const answer = { operation: tokenOperation, status: response.statusCode, contentType: contentTypeOf(response.headers), text };
    const { accessToken, expiresIn } = readAnswer(answer, [this.credentials.clientSecret], tokenAnswer);
    this.issued.add(accessToken);
    return { value: accessToken, renewAt: renewalTime(Date.now(), expiresIn * 1000) };
  }
}

/** A connection error as one line: its code and message (for ScalekitTransportError). */
export function describeTransportError(error: unknown): string {
  const failure = error as { code?: string; message?: string };
  return [failure.code, failure.message].filter(Boolean).join(": ") || String(error);
}
