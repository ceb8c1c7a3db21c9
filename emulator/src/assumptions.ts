/**
 * Every behaviour of the emulator that Scalekit has not published, in one
 * place. The published facts (shared/scalekit-api.md: the proto's rules and
 * HTTP bindings, the docs) are implemented where they belong; what is here is
 * either a mode, when several answers are plausible and clients must cope
 * with each of them, or a single documented guess, when the choice does not
 * change what a client has to handle.
 */

import { GrpcCode, type GrpcCodeNumber } from "./grpc-codes";
import type { RandomSource } from "./random";
import type { AuthPattern } from "./types";

// ====================================================================== modes

/**
 * The identifier format is not documented. Each style is one plausible reading:
 * - "lowercase": the display name lower-cased without spaces (`acmecrm`), as
 *   the tool names in Scalekit's examples suggest (`c-myapifymcp_...`);
 * - "suffixed": upper-cased without spaces, ":" and a random 5-digit number
 *   (`ACMECRM:48213`), like the proto's example `GOOGLEWORKSPACE:12345` and its
 *   remark that ":" is "reserved for internal suffixing";
 * - "opaque": `prov_` and random hex, like the docs' placeholders `prov_...`.
 */
export const IDENTIFIER_STYLES = ["lowercase", "suffixed", "opaque"] as const;
export type IdentifierStyle = (typeof IDENTIFIER_STYLES)[number];

/**
 * A create whose display name a custom connector already holds: the docs
 * mention "conflicts (duplicate name)" without a status.
 * - "conflict": 409 AlreadyExists (code 6); a rename onto a taken name too;
 * - "accept": a second connector under a new identifier; renames allowed.
 */
export const DUPLICATE_NAMES_MODES = ["conflict", "accept"] as const;
export type DuplicateNamesMode = (typeof DUPLICATE_NAMES_MODES)[number];

/**
 * Deleting a connector that still has connections or connected accounts: the
 * docs call it "forbidden" without a status.
 * - "permission-denied": 403 PermissionDenied (code 7), as "forbidden" suggests;
 * - "failed-precondition": 400 FailedPrecondition (code 9).
 */
export const DELETE_IN_USE_MODES = ["permission-denied", "failed-precondition"] as const;
export type DeleteInUseMode = (typeof DELETE_IN_USE_MODES)[number];

/**
 * What an update does with the fields it gives: Scalekit's own sources
 * disagree (shared/scalekit-api.md, "Update semantics").
 * - "replace": the PUT replaces the whole definition; a field left out takes
 *   its empty value. The docs ("Create your own connector", 2026-07): "echo
 *   back any other fields you want to keep - omitted fields are not preserved".
 * - "partial": only the fields given change. The OpenAPI (2026-07-06): "Only
 *   the fields provided in the request are modified"; the Python SDK: "only
 *   non-None fields apply", except `metadata`, whose omission "clears all
 *   existing metadata", and `auth_patterns`, which replaces and never merges.
 *   `description`, `icon_src` and `proxy_enabled` are proto3 fields without
 *   presence, so a server cannot tell "" or false from a field left out: under
 *   "partial" an empty description or icon, or proxy_enabled false, keeps the
 *   stored value (a client cannot clear them by an update). `display_name`
 *   and `proxy_url` are required anyway; `metadata` left out (or {}) clears
 *   it, a map given replaces it.
 */
export const UPDATE_SEMANTICS_MODES = ["replace", "partial"] as const;
export type UpdateSemanticsMode = (typeof UPDATE_SEMANTICS_MODES)[number];

/**
 * Whether the server refuses an auth type or a field input type outside the
 * vocabularies below (AUTH_TYPES, FIELD_INPUT_TYPES). The Python SDK's newest
 * tests say "the server owns these vocabularies and validates almost
 * nothing", and its catalogue serves `textarea`, which the docs do not name.
 * - "lenient": any string is accepted and stored as sent;
 * - "strict": a value outside the lists is a field violation (400).
 */
export const VOCABULARIES_MODES = ["lenient", "strict"] as const;
export type VocabulariesMode = (typeof VOCABULARIES_MODES)[number];

/**
 * Whether a rate-limited answer (rate-limit.ts) carries a Retry-After header: Scalekit's
 * rate-limit page publishes none, and asks clients to back off exponentially.
 * - "absent": no Retry-After;
 * - "seconds": Retry-After in whole seconds, until the window admits a request again.
 */
export const RATE_LIMIT_RETRY_AFTER_MODES = ["absent", "seconds"] as const;
export type RateLimitRetryAfterMode = (typeof RATE_LIMIT_RETRY_AFTER_MODES)[number];

/** The modes of one emulator: set at start, changed at run time by `PUT /_emulator/modes`. */
export interface EmulatorModes {
  identifierStyle: IdentifierStyle;
  duplicateNames: DuplicateNamesMode;
  deleteInUse: DeleteInUseMode;
  updateSemantics: UpdateSemanticsMode;
  vocabularies: VocabulariesMode;
  rateLimitRetryAfter: RateLimitRetryAfterMode;
}

/** The accepted values of each mode. */
export const MODE_VALUES: { readonly [K in keyof EmulatorModes]: readonly EmulatorModes[K][] } = {
  identifierStyle: IDENTIFIER_STYLES,
  duplicateNames: DUPLICATE_NAMES_MODES,
  deleteInUse: DELETE_IN_USE_MODES,
  updateSemantics: UPDATE_SEMANTICS_MODES,
  vocabularies: VOCABULARIES_MODES,
  rateLimitRetryAfter: RATE_LIMIT_RETRY_AFTER_MODES,
};

/** The modes an emulator starts with unless told otherwise. */
export const DEFAULT_MODES: Readonly<EmulatorModes> = Object.freeze({
  identifierStyle: "lowercase",
  duplicateNames: "conflict",
  deleteInUse: "permission-denied",
  updateSemantics: "replace",
  vocabularies: "lenient",
  rateLimitRetryAfter: "absent",
});

// ---------------------------------------------------------------- identifiers

/**
 * Assumed: two display names are "the same name" when they are equal ignoring
 * case and spaces ("Acme CRM" and "acmecrm"). This is the key duplicateNames
 * compares.
 */
export function connectorNameKey(displayName: string): string {
  return displayName.toLowerCase().replace(/ /g, "");
}

/**
 * The identifier to try on the given attempt (0, 1, 2, ...) for a new
 * connector; the store takes the first one that no provider, built-in or
 * custom, holds (assumed: identifiers are unique across both kinds, as the
 * listing looks them up across both). Lowercase adds ":2", ":3", ... once the
 * bare name is taken; the random styles draw again.
 */
export function candidateIdentifier(style: IdentifierStyle, displayName: string, random: RandomSource, attempt: number): string {
  switch (style) {
    case "lowercase": {
      const base = connectorNameKey(displayName);
      return attempt === 0 ? base : `${base}:${attempt + 1}`;
    }
    case "suffixed":
      return `${displayName.toUpperCase().replace(/ /g, "")}:${10000 + Math.floor(random() * 90000)}`;
    case "opaque":
      return `prov_${randomHex(random, 16)}`;
  }
}

function randomHex(random: RandomSource, digits: number): string {
  let text = "";
  for (let i = 0; i < digits; i++) text += Math.floor(random() * 16).toString(16);
  return text;
}

/** Assumed: the prefix of server-generated ids (followed by random hex). */
export const PROVIDER_ID_PREFIX = "prv_";

// ---------------------------------------------------------- delete in use

/** The gRPC code (and so the HTTP status) of a refused delete, per mode. */
export const DELETE_IN_USE_CODES: Record<DeleteInUseMode, GrpcCodeNumber> = {
  "permission-denied": GrpcCode.PermissionDenied,
  "failed-precondition": GrpcCode.FailedPrecondition,
};

/** Assumed wording of the refusal to delete a connector that is still in use. */
export function connectorInUseMessage(identifier: string, connections: number, connectedAccounts: number): string {
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;
  return (
    `connector "${identifier}" cannot be deleted while it is in use: it still has ${plural(connections, "connection")} and ` +
    `${plural(connectedAccounts, "connected account")}; remove them in the Scalekit dashboard first, then delete the connector`
  );
}

/** Assumed wording of the 409 for a display name a custom connector already holds. */
export function duplicateNameMessage(displayName: string, holder: { identifier: string; display_name: string }): string {
  return (
    `a custom connector named "${holder.display_name}" (identifier "${holder.identifier}") already exists, ` +
    `and "${displayName}" is the same name; update that connector instead, or choose another display name`
  );
}

// ---------------------------------------------------------- update semantics

/** The definition fields an update under "partial" keeps when the request gives their empty value. */
export const KEPT_WHEN_EMPTY_ON_PARTIAL_UPDATE = ["description", "icon_src", "proxy_enabled"] as const;

// ---------------------------------------------------------------- vocabularies

/**
 * The auth pattern types the docs and the skill name: OAUTH, BASIC, BEARER,
 * API_KEY, and NO_AUTH for public MCP servers. Refused outside this list only
 * under `vocabularies: "strict"`.
 */
export const AUTH_TYPES = ["OAUTH", "BASIC", "BEARER", "API_KEY", "NO_AUTH"] as const;

/**
 * The field input types Scalekit is known to use: `text` and `password` (the
 * docs), `select` (the skill), `textarea` (the Python SDK's catalogue).
 * Refused outside this list only under `vocabularies: "strict"`.
 */
export const FIELD_INPUT_TYPES = ["text", "password", "select", "textarea"] as const;

// ---------------------------------------------------------- the Provider object

/**
 * Assumed: a connector is "custom MCP" when any of its auth patterns has
 * `is_mcp: true` (the notes only say "true when at least one pattern has is_mcp").
 */
export function isCustomMcp(patterns: readonly AuthPattern[]): boolean {
  return patterns.some((pattern) => pattern.is_mcp === true);
}

/** Assumed values of the fields a custom connector cannot write (reserved in the payload). */
export const SERVER_OWNED_FIELDS = {
  display_priority: 0,
  categories: [] as readonly string[],
  coming_soon: false,
} as const;

// ------------------------------------------------------------------- payloads

/*
 * Assumed: unknown top-level payload fields are ignored (not stored, no
 * error), as a protobuf JSON reader that discards unknown fields would do.
 * Every key nested in auth patterns, known or not, is kept as sent (its
 * spelling and any `null` included): the server stores patterns as free-form
 * JSON, and it serves keys beyond the documented pattern (`options` and
 * `header_name` on a field, `allowed_proxy_domains` on a pattern; Python SDK
 * tests).
 */

/** Assumed: a JSON `null` for a field, anywhere, means the same as leaving it out (proto3 JSON). */
export function isLeftOut(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/**
 * Assumed: the server checks the JSON types of the pattern keys it is known to
 * use (strings, booleans, lists, objects; the served ones included), requires
 * `type` in every pattern, and lets a field leave out `input_type`. Which
 * values `type` and `input_type` may take is the mode `vocabularies`.
 */
export const PATTERN_REQUIRED_KEYS: readonly string[] = ["type"];

/** Assumed: `auth_field_mutations` keys are limited to the four credential fields the notes name. */
export const MUTABLE_CREDENTIAL_FIELDS: readonly string[] = ["api_key", "token", "username", "password"];

/*
 * One auth pattern per connector: the official Python SDK refuses more than
 * one ("Currently only a single AuthPattern is supported"), but the server's
 * own proto declares a free-form list with no size rule. The emulator keeps
 * accepting any number of patterns, including an empty list `[]` (a present
 * ListValue satisfies `required`); a client should send exactly one.
 */

// ---------------------------------------------------------------- error details

/**
 * Assumed: the `error_code` of the ErrorInfo in each error answer's `details`.
 * Published: every error answer carries an ErrorInfo, and a 401's
 * `error_code` is `UNAUTHENTICATED`; the others are not published, so they
 * follow the same rule: the gRPC code's name in upper snake case.
 */
export const ERROR_CODES: Readonly<Record<GrpcCodeNumber, string>> = {
  [GrpcCode.InvalidArgument]: "INVALID_ARGUMENT",
  [GrpcCode.NotFound]: "NOT_FOUND",
  [GrpcCode.AlreadyExists]: "ALREADY_EXISTS",
  [GrpcCode.PermissionDenied]: "PERMISSION_DENIED",
  [GrpcCode.ResourceExhausted]: "RESOURCE_EXHAUSTED",
  [GrpcCode.FailedPrecondition]: "FAILED_PRECONDITION",
  [GrpcCode.Unimplemented]: "UNIMPLEMENTED",
  [GrpcCode.Internal]: "INTERNAL",
  [GrpcCode.Unavailable]: "UNAVAILABLE",
  [GrpcCode.Unauthenticated]: "UNAUTHENTICATED",
};

/** Assumed: the `error_code` of the ErrorInfo that a 400 for an invalid payload carries. */
export const VALIDATION_ERROR_CODE = ERROR_CODES[GrpcCode.InvalidArgument];

/**
 * Assumed: the `constraint` of each field violation. That a violation carries
 * `field`, `description` and `constraint` is published; the ids are not. They
 * follow buf.validate's rule ids (the proto's rules are buf.validate rules),
 * plus `type.*` for a value of the wrong JSON type (which a protobuf JSON
 * reader would refuse before buf.validate runs) and `page_token.issued` for a
 * page token this server did not issue. Clients should show them, not branch
 * on them.
 */
export const CONSTRAINTS = {
  required: "required",
  minLength: "string.min_len",
  maxLength: "string.max_len",
  pattern: "string.pattern",
  prefix: "string.prefix",
  inList: "string.in",
  maxPairs: "map.max_pairs",
  definedEnum: "enum.defined_only",
  issuedPageToken: "page_token.issued",
  string: "type.string",
  boolean: "type.bool",
  list: "type.list",
  object: "type.object",
  wholeNumber: "type.uint32",
} as const;
export type Constraint = (typeof CONSTRAINTS)[keyof typeof CONSTRAINTS];

// ------------------------------------------------------------------- listing

/** Assumed: page size used when page_size is absent or 0 (unpublished). */
export const DEFAULT_PAGE_SIZE = 50;

/**
 * Assumed: the largest page, bigger page_size values being clamped to it (the
 * `maxPageSize` option changes it). Unpublished: the docs and the skill list
 * with page_size=1000, the Python SDK's tests with 100; neither says what the
 * server allows.
 */
export const MAX_PAGE_SIZE = 1000;

/*
 * Assumed: the list order is creation order, the built-in providers counting
 * as created first; a deleted and re-created connector moves to the end.
 * Page tokens are cursors on that order, so a connector created or deleted
 * between two page calls neither repeats nor hides another one.
 */

// ---------------------------------------------------------------- HTTP errors

/** Assumed: the largest request body read before answering 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** Assumed: a body over MAX_BODY_BYTES answers 413 with code 3 (InvalidArgument), since the caller must change the request. */
export const PAYLOAD_TOO_LARGE_CODE: GrpcCodeNumber = GrpcCode.InvalidArgument;

/** Assumed: a wrong method on a known path answers 405 with code 12 (Unimplemented) and an Allow header. */
export const METHOD_NOT_ALLOWED_CODE: GrpcCodeNumber = GrpcCode.Unimplemented;

/**
 * Assumed: a JSON endpoint called without `Content-Type: application/json`
 * answers 400 InvalidArgument (not 415), like the form endpoint.
 */
export const WRONG_CONTENT_TYPE_CODE: GrpcCodeNumber = GrpcCode.InvalidArgument;

// ---------------------------------------------------------------- rate limit

/**
 * Published (docs, "API rate limits"): Scalekit's own rate limit is a per-environment budget
 * measured in requests per minute, answered with HTTP 429, and its ErrorInfo's `error_code` is
 * RATE_LIMITED. The budget itself is not published (Scalekit tunes it per account).
 */
export const RATE_LIMIT_ERROR_CODE = "RATE_LIMITED";
export const RATE_LIMIT_WINDOW_MS = 60_000;

/*
 * Assumed, for the rate limit (rate-limit.ts): the window rolls (at most the budget in any
 * window, which is the strictest reading: a client that passes it passes fixed windows too);
 * a refused request does not count against the budget; every API request counts, the token
 * request included; the gRPC code is 8 ResourceExhausted, which gRPC-gateway answers with 429.
 */

/** Assumed: Retry-After of injected 429 answers when the rule gives none, in seconds. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

// ------------------------------------------------------------ tokens, usage

/*
 * Assumed: access tokens live in memory only and are not written to the state
 * file; a restarted emulator has forgotten them, so clients get a 401 and
 * re-authenticate, as Scalekit's SDKs do. (See tokens.ts.)
 */
