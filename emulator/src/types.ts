/**
 * The shapes the emulator reads and answers: the Provider object, the
 * create/update payload, and the bodies of the test controls.
 */

import type { RouteKey } from "./routes";

/**
 * What a client needs to reach one Scalekit environment. The same name and shape as
 * pulumi-scalekit-connectors' `ScalekitCredentials` (the two packages do not depend on each
 * other), so that a running emulator's `credentials` go wherever the provider's are expected.
 */
export interface ScalekitCredentials {
  environmentUrl: string;
  clientId: string;
  clientSecret: string;
}

/** One request the emulator answered (or dropped), as `EmulatorOptions.onRequest` receives it. */
export interface RequestRecord {
  method: string;
  /** The path, without the query. */
  path: string;
  /** The HTTP status answered, or "dropped" when the connection closed without one. */
  outcome: number | "dropped";
  /** When the request arrived and when its connection closed (ms since the epoch). */
  startedAt: number;
  endedAt: number;
}

/**
 * The auth types Scalekit documents, and any other string: the server owns the
 * vocabulary (see `vocabularies` in assumptions.ts).
 */
export type AuthType = "OAUTH" | "BASIC" | "BEARER" | "API_KEY" | "NO_AUTH" | (string & {});
/** The input types Scalekit is known to use, and any other string (see `vocabularies`). */
export type FieldInputType = "text" | "password" | "select" | "textarea" | (string & {});

/** One choice of a `select` field, as Scalekit serves it (Python SDK tests). */
export interface FieldOption {
  value?: string;
  display_name?: string;
  description?: string;
  default?: boolean;
  [extra: string]: unknown;
}

/**
 * An input of an auth pattern. Every key may also arrive as JSON `null`
 * (proto3 JSON for "left out"); patterns are stored as sent.
 */
export interface AuthField {
  field_name?: string;
  label?: string;
  input_type?: FieldInputType;
  hint?: string;
  required?: boolean;
  is_path_param?: boolean;
  /** The choices of a `select` field (served by Scalekit, not in the docs). */
  options?: FieldOption[];
  /** The header this field is sent in ("multi-header API_KEY mode"; served by Scalekit, not in the docs). */
  header_name?: string;
  [extra: string]: unknown;
}

export interface OAuthScope {
  scope?: string;
  display_name?: string;
  description?: string;
  required?: boolean;
  [extra: string]: unknown;
}

export interface OAuthConfig {
  authorize_uri?: string;
  token_uri?: string;
  user_info_uri?: string;
  available_scopes?: OAuthScope[];
  pkce_enabled?: boolean;
  allow_use_scalekit_credentials?: boolean;
  custom_scope_name?: string;
  [extra: string]: unknown;
}

export interface FieldMutation {
  prefix?: string;
  suffix?: string;
  default?: string;
  [extra: string]: unknown;
}

export interface AuthPattern {
  type: AuthType;
  display_name?: string;
  description?: string;
  fields?: AuthField[];
  account_fields?: AuthField[];
  oauth_config?: OAuthConfig;
  is_mcp?: boolean;
  auth_header_key_override?: string;
  auth_field_mutations?: Record<string, FieldMutation>;
  /** Host names the proxy may call (served by Scalekit, not in the docs). */
  allowed_proxy_domains?: string[];
  [extra: string]: unknown;
}

/** A connector as the API returns it. */
export interface Provider {
  id: string;
  identifier: string;
  display_name: string;
  description: string;
  categories: string[];
  auth_patterns: AuthPattern[];
  icon_src: string;
  display_priority: number;
  coming_soon: boolean;
  proxy_url: string;
  proxy_enabled: boolean;
  is_custom: boolean;
  is_custom_mcp: boolean;
  metadata: Record<string, string>;
}

/**
 * The create / update payload after validation: the whole definition, a field
 * left out holding its empty value ("" / false / {}); what an update makes of
 * an empty value depends on the mode `updateSemantics`.
 */
export interface ProviderInput {
  display_name: string;
  description: string;
  auth_patterns: AuthPattern[];
  proxy_url: string;
  proxy_enabled: boolean;
  icon_src: string;
  metadata: Record<string, string>;
}

export interface ListProvidersResponse {
  providers: Provider[];
  next_page_token: string;
  prev_page_token: string;
  total_size: number;
}

/** The token answer as the docs publish it. */
export interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
}

// ---- test controls (/_emulator/...) ----

/** `GET /_emulator/counters`. */
export interface CountersBody {
  total: number;
  routes: Record<RouteKey | "other", number>;
}

/** One fault rule of `PUT /_emulator/faults`. */
export interface FaultRule {
  /** A route key such as "POST /api/v1/custom-providers", or "*" for every API route. */
  route: RouteKey | "*";
  /** Delay every matching request by this many milliseconds. */
  latencyMs?: number;
  /** Probability (0..1) of answering 429 ResourceExhausted with Retry-After. */
  rate429?: number;
  /** Retry-After value of injected 429 answers, in seconds (default 1). */
  retryAfterSeconds?: number;
  /** Probability (0..1) of answering 503 Unavailable. */
  rate503?: number;
  /** Creates and updates only: probability (0..1) of applying the change and then dropping the connection without an answer. */
  dropAfterStoreRate?: number;
  /**
   * Probability (0..1) of answering 200 with an HTML maintenance page (`content-type: text/html`)
   * instead of the API's answer, as a proxy or gateway in front of Scalekit might. Decided before
   * anything is read or stored: nothing is stored.
   */
  htmlPageRate?: number;
  /**
   * Probability (0..1) of cutting a successful answer in the middle: the request is handled (a
   * create or update is stored), then only the first half of its JSON is sent, with its own status
   * and a matching Content-Length. Requests that fail are never cut.
   */
  truncatedJsonRate?: number;
  /**
   * `GET /api/v1/providers` only: probability (0..1) of leaving every second provider (the 2nd,
   * 4th, ...) out of a page that holds two or more, `total_size` and the page tokens unchanged.
   * A page of one provider (an exact look-up) is never shortened.
   */
  shortPageRate?: number;
  /**
   * `GET /api/v1/providers` only: probability (0..1) of answering 200 `{}` (what a gateway, or an
   * API version that left every field out, might send) instead of the page.
   */
  emptyObjectRate?: number;
  /** `GET /api/v1/providers` only: probability (0..1) of answering 200 `{"providers": null}` instead of the page. */
  nullProvidersRate?: number;
  /**
   * `GET /api/v1/providers` only: probability (0..1) of answering the page with `providers`
   * renamed `items` (as a future API version might), every other key as it was.
   */
  renamedProvidersRate?: number;
  /**
   * `GET /api/v1/providers` only: the rule applies only to listings (no `identifier`), or only to
   * exact look-ups (`identifier=...`). Absent: to both.
   */
  listRequests?: ListRequestKind;
  /** How many injected failures (429, 503, HTML page, drop, cut answer, short page, odd listing; not latency) this rule may still cause. Absent: no cap. */
  limit?: number;
}

/** What a `GET /api/v1/providers` asks for: the listing, or the exact look-up of one identifier. */
export type ListRequestKind = "listings" | "look-ups";

/** Body of `PUT /_emulator/faults`. */
export interface FaultsBody {
  seed?: number;
  rules: FaultRule[];
}

/** Answer of `GET` and `PUT /_emulator/faults`: the rules, `limit` being what is left of each cap. */
export interface FaultsState {
  rules: FaultRule[];
}

/** Body of `PUT /_emulator/connectors/{identifier}/usage`. */
export interface UsageBody {
  connections: number;
  connectedAccounts: number;
}

/** Answer of `GET` and `PUT /_emulator/connectors/{identifier}/usage`. */
export interface UsageState extends UsageBody {
  identifier: string;
}

/** Answer of `GET /_emulator/connectors`. */
export interface ConnectorsDump {
  providers: Provider[];
}

/** Answer of `POST /_emulator/tokens/expire`. */
export interface ExpireTokensResult {
  expired: number;
}

/** A rate limit: at most `requests` API requests in any `windowMs` milliseconds (the `rateLimit` option, `PUT /_emulator/rate-limit`). */
export interface RateLimitSetting {
  requests: number;
  /** Default 60000: Scalekit's minute. Shorter windows are a test control. */
  windowMs: number;
}

/** Answer of `GET`, `PUT` and `DELETE /_emulator/rate-limit`: the limit, or `{"requests": null}` for none. */
export type RateLimitState = RateLimitSetting | { requests: null };

/** Body of `POST /_emulator/clock/advance`. */
export interface ClockAdvanceBody {
  seconds: number;
}

/** Answer of `POST /_emulator/clock/advance`: how far the token clock is ahead of the real time, in all. */
export interface ClockState {
  advancedSeconds: number;
}

/** Answer of `GET /_emulator/idle`, given once no API request is in flight. */
export interface IdleState {
  inFlight: 0;
}
