/**
 * Every behaviour that the API notes (shared/scalekit-api.md) mark as
 * **assumed** or leave undocumented, in one place. Change a value here and the
 * emulator follows; each entry says what it decides and why.
 */

import { GrpcCode, type GrpcCodeNumber } from "./errors";
import type { AuthPattern } from "./types";

// ---------------------------------------------------------------- identifiers

/**
 * Assumed: the identifier is the display name lower-cased with spaces removed
 * ("My Asana" -> "myasana"). The server validates display names to letters,
 * digits and spaces, so the result only holds [a-z0-9].
 */
export function deriveIdentifier(displayName: string): string {
  return displayName.toLowerCase().replace(/ /g, "");
}

/**
 * Assumed: a create whose derived identifier equals a built-in (DEFAULT)
 * provider's identifier is refused with 409 too, as identifiers are looked up
 * across both kinds.
 */
export const IDENTIFIERS_SHARED_WITH_DEFAULT_PROVIDERS = true;

/** Assumed: the prefix of server-generated ids (followed by random hex). */
export const PROVIDER_ID_PREFIX = "prv_";

// ---------------------------------------------------------- the Provider object

/**
 * Assumed: a connector is "custom MCP" when any of its auth patterns has
 * `is_mcp: true` (the notes only say "true when its patterns are MCP").
 */
export function isCustomMcp(patterns: readonly AuthPattern[]): boolean {
  return patterns.some((pattern) => pattern.is_mcp === true);
}

/** Assumed values of fields a create leaves out, or that the server owns. */
export const CREATE_DEFAULTS = {
  description: "",
  icon_src: "",
  /** Assumed: proxy_enabled left out of a create is false. */
  proxy_enabled: false,
  /** Assumed: custom connectors are listed with priority 0 and no categories. */
  display_priority: 0,
  categories: [] as string[],
  coming_soon: false,
} as const;

// ------------------------------------------------------------------- payloads

/**
 * Assumed: proxy_url is required on create as it is on update (the notes only
 * say it is required on update).
 */
export const CREATE_REQUIRES_PROXY_URL = true;

/**
 * Assumed: an update that leaves out proxy_enabled keeps the current value
 * (the notes list only description, auth_patterns and icon_src as kept).
 */
export const UPDATE_KEEPS_PROXY_ENABLED_WHEN_OMITTED = true;

/**
 * Assumed: unknown top-level payload fields are ignored (not stored, no
 * error). Unknown fields nested in auth patterns are kept as sent, because the
 * emulator stores patterns as sent after checking the types of known fields.
 */
export const REJECT_UNKNOWN_TOP_LEVEL_FIELDS = false;

/** Assumed: a JSON `null` for a top-level field means the same as leaving it out (proto3 JSON). */
export const NULL_MEANS_OMITTED = true;

/** Assumed: every auth pattern must name its `type`. */
export const PATTERN_TYPE_REQUIRED = true;

/** Assumed: a field may leave out `input_type`; when given it must be text, password or select. */
export const FIELD_INPUT_TYPE_REQUIRED = false;

/** Assumed: `auth_field_mutations` keys are limited to the four credential fields the notes name. */
export const MUTABLE_CREDENTIAL_FIELDS: readonly string[] = ["api_key", "token", "username", "password"];

// ------------------------------------------------------------------- listing

/** Assumed: page size used when page_size is absent or 0. */
export const DEFAULT_PAGE_SIZE = 50;

/**
 * Assumed: the numbers accepted for filter.provider_type, in the order the
 * notes list the names (DEFAULT, CUSTOM, ALL).
 */
export const PROVIDER_TYPE_NUMBERS = { DEFAULT: 0, CUSTOM: 1, ALL: 2 } as const;

/** Assumed: filter.provider_type absent lists every provider. */
export const DEFAULT_PROVIDER_TYPE_FILTER = "ALL" as const;

/** Assumed: an empty `identifier=` query parameter means no identifier filter. */
export const EMPTY_IDENTIFIER_MEANS_NO_FILTER = true;

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

/** Assumed: Retry-After of injected 429 answers when the rule gives none, in seconds. */
export const DEFAULT_RETRY_AFTER_SECONDS = 1;

// ------------------------------------------------------------ tokens, usage

/*
 * Assumed: access tokens live in memory only and are not written to the state
 * file; a restarted emulator has forgotten them, so clients get a 401 and
 * re-authenticate, as Scalekit's SDKs do. (See tokens.ts.)
 */

/** Assumed wording of the refusal to delete a connector that is still in use. */
export function connectorInUseMessage(identifier: string, connections: number, connectedAccounts: number): string {
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;
  return (
    `connector "${identifier}" still has ${plural(connections, "connection")} and ` +
    `${plural(connectedAccounts, "connected account")}; remove them in the Scalekit dashboard first, then delete the connector`
  );
}
