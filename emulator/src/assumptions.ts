/**
 * Every behaviour of the emulator that Scalekit has not published, in one
 * place. The published facts (shared/scalekit-api.md: the proto's rules and
 * HTTP bindings, the docs) are implemented where they belong; what is here is
 * either a mode, when several answers are plausible and clients must cope
 * with each of them, or a single documented guess, when the choice does not
 * change what a client has to handle.
 */

import { GrpcCode, type GrpcCodeNumber } from "./errors";
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

/** The modes of one emulator: set at start, changed at run time by `PUT /_emulator/modes`. */
export interface EmulatorModes {
  identifierStyle: IdentifierStyle;
  duplicateNames: DuplicateNamesMode;
  deleteInUse: DeleteInUseMode;
}

/** The accepted values of each mode. */
export const MODE_VALUES: { readonly [K in keyof EmulatorModes]: readonly EmulatorModes[K][] } = {
  identifierStyle: IDENTIFIER_STYLES,
  duplicateNames: DUPLICATE_NAMES_MODES,
  deleteInUse: DELETE_IN_USE_MODES,
};

/** The modes an emulator starts with unless told otherwise. */
export const DEFAULT_MODES: Readonly<EmulatorModes> = Object.freeze({
  identifierStyle: "lowercase",
  duplicateNames: "conflict",
  deleteInUse: "permission-denied",
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
 * Unknown fields nested in auth patterns are kept as sent: the server stores
 * patterns as free-form JSON.
 */

/** Assumed: a JSON `null` for a field means the same as leaving it out (proto3 JSON). */
export function isLeftOut(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/**
 * Assumed: the server checks the JSON types of the documented pattern fields
 * (strings, booleans, lists, objects), requires `type` in every pattern, and
 * lets a field leave out `input_type`.
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

/**
 * Assumed: the `error_code` of the ErrorInfo that a 400 for an invalid payload
 * carries (the ErrorInfo and its field violations are published; this value
 * is not).
 */
export const VALIDATION_ERROR_CODE = "INVALID_ARGUMENT";

// ------------------------------------------------------------------- listing

/** Assumed: page size used when page_size is absent or 0. */
export const DEFAULT_PAGE_SIZE = 50;

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
