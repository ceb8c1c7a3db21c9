/**
 * Client-credential access tokens: random, held in memory, valid for a fixed
 * number of seconds. The answer has the published shape (docs):
 * `{"access_token", "token_type": "Bearer", "expires_in": 86399, "scope": "openid"}`.
 */

import { randomBytes, timingSafeEqual } from "node:crypto";
import { unauthenticated } from "./errors";
import type { ScalekitCredentials, TokenResponse } from "./types";

/** Published (docs): the lifetime of an access token, "typically 24 hours". */
export const TOKEN_TTL_SECONDS = 86399;

/** Published (docs): the scope a client-credentials token answer names. */
export const TOKEN_SCOPE = "openid";

export class TokenIssuer {
  /** access token -> expiry time (ms since epoch, on this issuer's clock) */
  private readonly tokens = new Map<string, number>();
  /** How far this issuer's clock has been moved ahead of `clock` (POST /_emulator/clock/advance). */
  private advancedMs = 0;

  constructor(
    private readonly credentials: Pick<ScalekitCredentials, "clientId" | "clientSecret">,
    private readonly ttlSeconds: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The emulator's clock: the real time, moved ahead by POST /_emulator/clock/advance. */
  now(): number {
    return this.clock() + this.advancedMs;
  }

  /** Moves the clock token lifetimes are measured on `seconds` ahead; returns how far it is ahead in all. */
  advanceClock(seconds: number): number {
    this.advancedMs += seconds * 1000;
    return this.advancedMs / 1000;
  }

  /** Puts the clock back to the real time (a reset). */
  resetClock(): void {
    this.advancedMs = 0;
  }

  /** Answers a token request given its form fields; wrong grant type or credentials are a 401. */
  issue(form: URLSearchParams): TokenResponse {
    const grantType = form.get("grant_type");
    if (grantType !== "client_credentials") {
      throw unauthenticated(
        grantType === null
          ? `grant_type is missing; send grant_type=client_credentials`
          : `grant_type "${grantType}" is not supported; send grant_type=client_credentials`,
      );
    }
    const clientId = form.get("client_id") ?? "";
    const clientSecret = form.get("client_secret") ?? "";
    if (!sameText(clientId, this.credentials.clientId) || !sameText(clientSecret, this.credentials.clientSecret)) {
      throw unauthenticated("client_id or client_secret is wrong for this environment");
    }
    this.dropExpired();
    const accessToken = randomBytes(32).toString("base64url");
    this.tokens.set(accessToken, this.now() + this.ttlSeconds * 1000);
    return { access_token: accessToken, token_type: "Bearer", expires_in: this.ttlSeconds, scope: TOKEN_SCOPE };
  }

  /** Checks an Authorization header value; throws a 401 unless it carries a live token. */
  authenticate(authorization: string | undefined): void {
    if (authorization === undefined || authorization.trim() === "") {
      throw unauthenticated("the Authorization header is missing; send Authorization: Bearer <access_token> from POST /oauth/token");
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) throw unauthenticated("the Authorization header must read: Bearer <access_token>");
    const expiresAt = this.tokens.get(match[1] as string);
    if (expiresAt === undefined) throw unauthenticated("the access token is not valid; request a new one from POST /oauth/token");
    if (this.now() >= expiresAt) {
      this.tokens.delete(match[1] as string);
      throw unauthenticated("the access token has expired; request a new one from POST /oauth/token");
    }
  }

  /** Makes every issued token invalid; returns how many were live. */
  expireAll(): number {
    this.dropExpired();
    const count = this.tokens.size;
    this.tokens.clear();
    return count;
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [token, expiresAt] of this.tokens) if (now >= expiresAt) this.tokens.delete(token);
  }
}

function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
