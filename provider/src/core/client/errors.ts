/**
 * Errors from Scalekit's API: the one reader of Scalekit's error bodies (used by every API call
 * and by the token request), the errors the client throws (a failed call, an ambiguous name, a
 * create of unknown outcome), the recogniser and the message for a delete refused because the
 * connector is in use, and the redaction that keeps secrets out of every message. Nothing here
 * loads the HTTP stack, so a program importing the package's error types does not pay for it.
 */

import type { StoredProvider } from "../schema/provider-object";

const grpcCodeNames: Record<number, string> = {
  3: "InvalidArgument",
  5: "NotFound",
  6: "AlreadyExists",
  7: "PermissionDenied",
  8: "ResourceExhausted",
  9: "FailedPrecondition",
  12: "Unimplemented",
  13: "Internal",
  14: "Unavailable",
  16: "Unauthenticated",
};

/** gRPC codes the client acts on. */
const grpcCodes = { permissionDenied: 7, failedPrecondition: 9 } as const;

/** The `@type` of Scalekit's ErrorInfo detail (scalekit-api.md, "Errors"). */
export const errorInfoType = "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo";

/** One objection of Scalekit to a payload: the field (a path like `proxy_url`) and Scalekit's words. */
export interface FieldViolation {
  /** The field Scalekit objected to, as a payload path (`auth_patterns[0].type`). */
  field: string;
  /** Scalekit's words. */
  description: string;
}

/** What an error body says, read by readScalekitError. */
export interface ScalekitErrorBody {
  /** The gRPC code (`code`), when the body has one. */
  grpcCode?: number;
  /** Scalekit's message, or the start of the body when it is not Scalekit's JSON; "" when empty. */
  message: string;
  /** ErrorInfo's `error_code`, when given. */
  errorCode?: string;
  /** ErrorInfo's `validation_error_info.field_violations`, in Scalekit's order. */
  fieldViolations: FieldViolation[];
}

/** Longest message kept from a body, so that an HTML error page does not fill the screen. */
const maxMessageLength = 500;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The value under the proto name or its JSON (lowerCamelCase) name: gRPC-gateway may emit either. */
function field(object: Json, snake: string): unknown {
  if (object[snake] !== undefined) return object[snake];
  return object[snake.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())];
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function violationsOf(list: unknown): FieldViolation[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((violation) => ({
    field: text(field(violation, "field")) ?? "(no field)",
    description: text(field(violation, "description")) ?? "(no description)",
  }));
}

/**
 * Reads an error body from Scalekit, redacting the given secrets everywhere. Understands
 * gRPC-gateway's `{code, message, details}` (snake_case or lowerCamelCase), an ErrorInfo detail
 * (`error_code`, `validation_error_info.field_violations`), google.rpc.BadRequest's
 * `field_violations`, OAuth's `{error, error_description}` (the token endpoint), and anything
 * else as plain text.
 */
export function readScalekitError(body: string, secrets: Iterable<string | undefined> = []): ScalekitErrorBody {
  const secretList = [...secrets];
  const clean = (value: string) => redact(value, secretList);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (!isObject(parsed)) {
    return { message: clean(body).replace(/\s+/g, " ").trim().slice(0, maxMessageLength), fieldViolations: [] };
  }
  const code = typeof parsed.code === "number" && Number.isInteger(parsed.code) ? parsed.code : undefined;
  const message = text(parsed.message) ?? text(parsed.error_description) ?? text(parsed.error) ?? "";
  let errorCode: string | undefined;
  const fieldViolations: FieldViolation[] = [];
  for (const detail of Array.isArray(parsed.details) ? parsed.details : []) {
    if (!isObject(detail)) continue;
    if (detail["@type"] === errorInfoType) {
      errorCode ??= text(field(detail, "error_code"));
      const validation = field(detail, "validation_error_info");
      if (isObject(validation)) fieldViolations.push(...violationsOf(field(validation, "field_violations")));
    } else if (typeof detail["@type"] === "string" && detail["@type"].endsWith("google.rpc.BadRequest")) {
      fieldViolations.push(...violationsOf(field(detail, "field_violations")));
    }
  }
  return {
    grpcCode: code,
    message: clean(message).slice(0, maxMessageLength),
    errorCode: errorCode === undefined ? undefined : clean(errorCode),
    fieldViolations: fieldViolations.map((violation) => ({ field: clean(violation.field), description: clean(violation.description) })),
  };
}

/**
 * What to do next after an answer with this status, or "" when the caller knows better. A 403
 * (or a 400 FailedPrecondition) on a DELETE names both reasons Scalekit refuses a delete.
 */
function adviceFor(status: number, method?: string, grpcCode?: number): string {
  if (status === 401) {
    return "Check scalekit:clientId and scalekit:clientSecret (or SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET): they must be the API client of this environment.";
  }
  if (method === "DELETE" && isInUseAnswer(status, grpcCode)) return inUseAdvice;
  if (status === 403) return "The API client of this environment is not allowed to manage custom connectors; check its permissions in the Scalekit dashboard.";
  if (status === 429) return "Scalekit kept rate limiting after the retries; wait a minute and run the command again.";
  if (status >= 500) return "Scalekit stayed unavailable after the retries; try again in a few minutes.";
  return "";
}

const inUseAdvice =
  "Either the connector still has connections or connected accounts (remove them in the Scalekit dashboard first), " +
  "or the API client of this environment is not allowed to delete connectors (check its permissions in the Scalekit dashboard).";

function isInUseAnswer(status: number, grpcCode: number | undefined): boolean {
  if (status === 403) return grpcCode === undefined || grpcCode === grpcCodes.permissionDenied;
  return status === 400 && grpcCode === grpcCodes.failedPrecondition;
}

function sentence(words: string): string {
  return words.replace(/[.\s]+$/, "");
}

/**
 * True when an ErrorInfo's error_code only repeats the gRPC code's name (`UNAUTHENTICATED` for
 * Unauthenticated, as Scalekit's published 401 does), so the message need not show it twice.
 */
function restatesCodeName(errorCode: string, codeName: string | undefined): boolean {
  return codeName !== undefined && errorCode.replace(/_/g, "").toLowerCase() === codeName.toLowerCase();
}

/** A non-success answer from Scalekit: HTTP status, gRPC code, Scalekit's message and its objections. */
export class ScalekitApiError extends Error {
  readonly grpcCode: number | undefined;
  /** Scalekit's message, redacted ("" when it gave none). */
  readonly serverMessage: string;
  /** ErrorInfo's error_code, when Scalekit gave one. */
  readonly errorCode: string | undefined;
  /** ErrorInfo's field violations (empty when none). */
  readonly fieldViolations: readonly FieldViolation[];

  constructor(
    /** What was being done, in words (`Creating connector "Acme CRM"`). */
    readonly operation: string,
    /** The HTTP status Scalekit answered with. */
    readonly status: number,
    body: ScalekitErrorBody,
    readonly headers?: Record<string, string | string[] | undefined>,
    /** The HTTP method of the refused request, when known. */
    readonly method?: string,
  ) {
    const codeName = body.grpcCode !== undefined ? grpcCodeNames[body.grpcCode] ?? `code ${body.grpcCode}` : undefined;
    const advice = adviceFor(status, method, body.grpcCode);
    const violations = body.fieldViolations.map((violation) => `\n  - ${violation.field}: ${violation.description}`).join("");
    const errorCode = body.errorCode !== undefined && !restatesCodeName(body.errorCode, codeName) ? body.errorCode : undefined;
    super(
      `${operation} failed: Scalekit answered ${status}${codeName ? ` ${codeName}` : ""}${errorCode ? ` (${errorCode})` : ""}: ` +
        `${sentence(body.message) || "(no message)"}.${violations}${advice ? `${violations ? "\n" : " "}${advice}` : ""}`,
    );
    this.name = "ScalekitApiError";
    this.grpcCode = body.grpcCode;
    this.serverMessage = body.message;
    this.errorCode = body.errorCode;
    this.fieldViolations = body.fieldViolations;
  }
}

/** The request never got a definite answer (connection lost, timeout): it may or may not have been applied. */
export class ScalekitTransportError extends Error {
  constructor(
    /** What was being done, in words. */
    readonly operation: string,
    /** Why no answer came (the connection error's own words). */
    readonly causeMessage: string,
    /** The Node or undici error code (ECONNREFUSED, UND_ERR_SOCKET, ...), when there is one. */
    readonly code?: string,
  ) {
    super(`${operation} got no answer from Scalekit (${causeMessage}). Check the environment URL and the network, then try again.`);
    this.name = "ScalekitTransportError";
  }
}

/**
 * A call ended because the client's abort signal fired (the engine's Cancel, or the engine went
 * away) before Scalekit answered, while it was open or waiting to be sent again.
 */
export class OperationCancelledError extends Error {
  constructor(
    /** What was being done, in words. */
    readonly operation: string,
    /** Why, in words (`Pulumi cancelled the operation`), when the signal said. */
    readonly reason?: string,
  ) {
    super(
      `${operation} was cancelled${reason ? ` (${reason})` : ""} before Scalekit answered. ` +
        `A change that had already been sent may have been applied: run \`pulumi refresh\` to see where the stack stands before the next \`pulumi up\`.`,
    );
    this.name = "OperationCancelledError";
  }
}

/** The reason an abort signal carries, when it is words. */
export function cancelReason(signal: AbortSignal | undefined): string | undefined {
  const reason: unknown = signal?.reason;
  if (typeof reason === "string") return reason;
  return reason instanceof Error && reason.name !== "AbortError" ? reason.message : undefined;
}

/**
 * True when Scalekit refused a delete in a way that means "still in use" (or possibly "this API
 * client may not delete connectors": Scalekit answers both with 403): 403 PermissionDenied (code
 * 7, or a 403 without a code) or 400 FailedPrecondition (code 9), on a DELETE or on a request of
 * unknown method. Other 400s, and a 403 on any other operation, are not.
 */
export function isConnectorInUseRefusal(error: unknown): error is ScalekitApiError {
  if (!(error instanceof ScalekitApiError)) return false;
  if (error.method !== undefined && error.method !== "DELETE") return false;
  return isInUseAnswer(error.status, error.grpcCode);
}

/**
 * The message for a delete Scalekit refused (see isConnectorInUseRefusal): which connector,
 * Scalekit's words quoted, both possible causes and what to do about each, and that the
 * connector stays in the Pulumi stack until then.
 */
export function connectorInUseMessage(connector: { identifier: string; displayName?: string }, error: ScalekitApiError): string {
  const name = connector.displayName ? `"${connector.displayName}" (identifier ${connector.identifier})` : `"${connector.identifier}"`;
  const words = sentence(error.serverMessage);
  const codeName = error.grpcCode !== undefined ? grpcCodeNames[error.grpcCode] ?? `code ${error.grpcCode}` : undefined;
  return (
    `Scalekit refused to delete connector ${name} (${error.status}${codeName ? ` ${codeName}` : ""}${words ? `: "${words}"` : ", without a message"}). ` +
    `Either the connector is still in use: connections or connected accounts are still attached to it; remove them in the Scalekit dashboard first. ` +
    `Or the API client of this environment is not allowed to delete connectors; check its permissions in the Scalekit dashboard. ` +
    `Then run the command again. The connector stays in the Pulumi stack until it is deleted.`
  );
}

/**
 * Replaces every occurrence of the given secrets in a text: as written, and in the forms an
 * answer may carry them in: JSON-escaped (a secret with `"`, `\`, a newline or a non-ASCII
 * character inside a JSON error body, also escaped twice when that JSON was itself quoted in a
 * JSON string, `\u` escapes in either case) and URL-encoded (an echoed form or query).
 */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) {
      result = result.replace(writtenForms(secret), "[redacted]");
    }
  }
  return result;
}

/** JSON's short escapes. */
const shortEscapes: Record<string, string> = { '"': '\\"', "\\": "\\\\", "/": "\\/", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A JSON string's content quoted once more into a JSON string: backslashes and quotes escaped. */
function escapedAgain(form: string): string {
  return form.replace(/[\\"]/g, (char) => `\\${char}`);
}

/** The ways JSON may write one UTF-16 unit: as itself, as its short escape, as `\uXXXX` (hex in either case). */
function unitForms(unit: string): string[] {
  const hex = unit.charCodeAt(0).toString(16).padStart(4, "0");
  const forms = [unit, `\\u${hex}`, `\\u${hex.toUpperCase()}`];
  const short = shortEscapes[unit];
  if (short !== undefined) forms.push(short);
  return forms;
}

/** A pattern for a secret in every written form redact covers. */
function writtenForms(secret: string): RegExp {
  let perUnit = "";
  for (let index = 0; index < secret.length; index++) {
    const once = unitForms(secret.charAt(index));
    const forms = new Set([...once, ...once.map(escapedAgain)]);
    perUnit += `(?:${[...forms].map(escapeRegExp).join("|")})`;
  }
  const encoded = [encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
  return new RegExp([perUnit, ...new Set(encoded)].map((form, index) => (index === 0 ? form : escapeRegExp(form))).join("|"), "g");
}

/** Several custom connectors carry the same name (ignoring case and spaces), so "the connector named X" is not one. */
export class AmbiguousConnectorNameError extends Error {
  constructor(
    readonly displayName: string,
    readonly environment: string,
    readonly matches: readonly StoredProvider[],
  ) {
    const listed = matches.map((provider) => `"${provider.displayName}" (${provider.identifier})`).join(", ");
    super(
      `${matches.length} connectors in ${environment} are named like "${displayName}" (names are compared ignoring case and spaces): ${listed}. ` +
        `The provider cannot tell which one is meant. Delete or rename the extra ones in the Scalekit dashboard, then run the command again.`,
    );
    this.name = "AmbiguousConnectorNameError";
  }
}

/** A create got no definite answer, and the look-up that would have settled whether it was stored failed too. */
export class CreateOutcomeUnknownError extends Error {
  constructor(
    readonly displayName: string,
    readonly createFailure: Error,
    readonly lookUpFailure: Error,
  ) {
    super(
      `${createFailure.message} Whether Scalekit stored connector "${displayName}" is unknown: looking for it failed too (${lookUpFailure.message.replace(/\.$/, "")}). ` +
        `Check the connectors in the Scalekit dashboard before running the command again.`,
    );
    this.name = "CreateOutcomeUnknownError";
  }
}
