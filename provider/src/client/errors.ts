/** Errors from Scalekit's API, and the redaction that keeps secrets out of every message. */

const grpcCodeNames: Record<number, string> = {
  3: "InvalidArgument",
  5: "NotFound",
  6: "AlreadyExists",
  7: "PermissionDenied",
  8: "ResourceExhausted",
  9: "FailedPrecondition",
  13: "Internal",
  14: "Unavailable",
  16: "Unauthenticated",
};

/** What to do next after an answer with this status, or "" when the caller knows better. */
export function adviceFor(status: number): string {
  if (status === 401) {
    return "Check scalekit:clientId and scalekit:clientSecret (or SCALEKIT_CLIENT_ID and SCALEKIT_CLIENT_SECRET): they must be the API client of this environment.";
  }
  if (status === 403) return "The API client of this environment is not allowed to manage custom connectors; check its permissions in the Scalekit dashboard.";
  if (status === 429) return "Scalekit kept rate limiting after the retries; wait a minute and run the command again.";
  if (status >= 500) return "Scalekit stayed unavailable after the retries; try again in a few minutes.";
  return "";
}

/** A non-success answer from Scalekit: HTTP status, gRPC code and Scalekit's message. */
export class ScalekitApiError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly grpcCode: number | undefined,
    readonly serverMessage: string,
    readonly headers?: Record<string, string | string[] | undefined>,
  ) {
    const codeName = grpcCode !== undefined ? grpcCodeNames[grpcCode] ?? `code ${grpcCode}` : undefined;
    const advice = adviceFor(status);
    super(`${operation} failed: Scalekit answered ${status}${codeName ? ` ${codeName}` : ""}: ${serverMessage.replace(/\.+$/, "") || "(no message)"}.${advice ? ` ${advice}` : ""}`);
    this.name = "ScalekitApiError";
  }
}

/** The request never got a definite answer (connection lost, timeout): it may or may not have been applied. */
export class ScalekitTransportError extends Error {
  constructor(readonly operation: string, readonly causeMessage: string) {
    super(`${operation} got no answer from Scalekit (${causeMessage}). Check the environment URL and the network, then try again.`);
    this.name = "ScalekitTransportError";
  }
}

/** Replaces every occurrence of the given secrets in a text. */
export function redact(text: string, secrets: Iterable<string | undefined>): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) {
      result = result.split(secret).join("[redacted]");
    }
  }
  return result;
}
