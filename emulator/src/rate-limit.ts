/**
 * The rate limit: Scalekit's published answer to a client that sends more requests than its
 * environment's budget (docs, "API rate limits": a per-environment budget measured in requests
 * per minute, answered with HTTP 429 and the `error_code` RATE_LIMITED). Off unless set, by the
 * `rateLimit` option or `PUT /_emulator/rate-limit`. Every API request counts (the token request
 * too, not the test controls); at most `requests` of them are admitted in any window of
 * `windowMs` milliseconds on the emulator's clock (which `POST /_emulator/clock/advance` moves).
 * A window shorter than Scalekit's minute is a test control: the same rate over a shorter window
 * is a stricter limit. What is assumed (the rolling window, refused requests not counted, the
 * gRPC code, Retry-After) is in assumptions.ts.
 */

import { RATE_LIMIT_ERROR_CODE, RATE_LIMIT_WINDOW_MS, type RateLimitRetryAfterMode } from "./assumptions";
import { ApiError, ERROR_INFO_TYPE, GrpcCode, invalidArgument } from "./errors";
import type { RateLimitSetting, RateLimitState } from "./types";
import { isPlainObject } from "./validation";

export class RateLimiter {
  private setting: RateLimitSetting | undefined;
  /** When each admitted request of the current window arrived, oldest first. */
  private admitted: number[] = [];

  constructor(
    private readonly initial: RateLimitSetting | undefined,
    private readonly clock: () => number,
  ) {
    this.setting = initial;
  }

  state(): RateLimitState {
    return this.setting ? { ...this.setting } : { requests: null };
  }

  /** `PUT /_emulator/rate-limit`: a new budget, counted from now. */
  replace(body: unknown): RateLimitState {
    this.setting = parseRateLimit(body, "the rate limit body");
    this.admitted = [];
    return this.state();
  }

  /** No limit (`DELETE /_emulator/rate-limit`). */
  clear(): RateLimitState {
    this.setting = undefined;
    this.admitted = [];
    return this.state();
  }

  /** Back to the limit the emulator started with. */
  reset(): void {
    this.setting = this.initial;
    this.admitted = [];
  }

  /** Admits one API request, or throws the 429 when the window already holds `requests` of them. */
  admit(retryAfter: RateLimitRetryAfterMode): void {
    if (!this.setting) return;
    const now = this.clock();
    const { requests, windowMs } = this.setting;
    while (this.admitted.length > 0 && this.admitted[0]! <= now - windowMs) this.admitted.shift();
    if (this.admitted.length < requests) {
      this.admitted.push(now);
      return;
    }
    const freeInMs = this.admitted[0]! + windowMs - now;
    throw rateLimited(requests, windowMs, retryAfter === "seconds" ? Math.max(1, Math.ceil(freeInMs / 1000)) : undefined);
  }
}

/** The 429: code 8 ResourceExhausted with an ErrorInfo whose error_code is RATE_LIMITED; Retry-After only when given. */
function rateLimited(requests: number, windowMs: number, retryAfterSeconds: number | undefined): ApiError {
  const window = windowMs === RATE_LIMIT_WINDOW_MS ? "a minute" : `${windowMs} ms`;
  return new ApiError(GrpcCode.ResourceExhausted, `rate limit exceeded: this environment allows ${requests} requests in ${window}; back off and retry`, {
    details: [{ "@type": ERROR_INFO_TYPE, error_code: RATE_LIMIT_ERROR_CODE }],
    ...(retryAfterSeconds === undefined ? {} : { headers: { "Retry-After": String(retryAfterSeconds) } }),
  });
}

/** A rate limit setting from an option or a control body: `{"requests": N}` and optionally `"windowMs"` (default a minute). */
export function parseRateLimit(value: unknown, what: string): RateLimitSetting {
  if (!isPlainObject(value)) throw invalidArgument(`${what} must be an object like {"requests": 300, "windowMs": 60000}`);
  const unknown = Object.keys(value).filter((key) => key !== "requests" && key !== "windowMs");
  if (unknown.length > 0) throw invalidArgument(`${what} has unknown field(s): ${unknown.join(", ")} (known: requests, windowMs)`);
  const whole = (key: "requests" | "windowMs", fallback?: number): number => {
    const field = value[key] ?? fallback;
    if (typeof field !== "number" || !Number.isSafeInteger(field) || field < 1) {
      throw invalidArgument(`${what}: ${key} must be a whole number from 1 up, got ${JSON.stringify(value[key])}`);
    }
    return field;
  };
  return { requests: whole("requests"), windowMs: whole("windowMs", RATE_LIMIT_WINDOW_MS) };
}
