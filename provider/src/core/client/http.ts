/**
 * HTTP transport on undici: one connection pool per client, undici's RetryAgent for every retry
 * of the client, by the rules of retryRules: what certainly was not applied (429 with
 * Retry-After, a refused connection) for every request, and 502/503/504 and lost connections for
 * the requests that are safe to repeat (GET, PUT, DELETE and the token request). A create whose
 * outcome is unknown is not repeated here; operations.ts settles it. Exponential backoff with
 * jitter, bounded, and timeouts on every request. A wait between attempts (a Retry-After of a
 * minute, say) ends at once when the transport's abort signal fires. With a request budget, every
 * attempt waits its turn of the process's pacer (request-pacer.ts) first.
 */
import { Agent, RetryAgent, type Dispatcher } from "undici";
import { pacedBy, sharedPacer } from "./request-pacer";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /**
   * Retries of a request Scalekit keeps rate limiting (429), in place of maxRetries: Scalekit
   * counts its budget per minute, so a backoff capped at maxDelayMs must be allowed to reach past
   * a minute before the 429 is reported.
   */
  maxRateLimitedRetries: number;
  /** First backoff step, in milliseconds. */
  minDelayMs: number;
  /** Longest backoff between two attempts when Scalekit gives no Retry-After. */
  maxDelayMs: number;
  /** Longest Retry-After worth waiting for; beyond it the 429 is reported instead. */
  maxRetryAfterMs: number;
}

export interface TransportOptions {
  retry?: Partial<RetryPolicy>;
  /** Milliseconds to connect, then to wait for response headers, then for the body. */
  timeoutMs?: number;
  /** Concurrent connections to the environment. */
  connections?: number;
  /**
   * Ends every wait between attempts at once when aborted, with the attempt's failure reported
   * instead (the client gives each request the same signal, which ends an open request).
   */
  signal?: AbortSignal;
  /** The request budget (request-budget.ts): at most this many requests a minute, shared by the process. Default: no budget. */
  maxRequestsPerMinute?: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 6, maxRateLimitedRetries: 20, minDelayMs: 200, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 };
const defaultTimeoutMs = 30_000;

/**
 * The retry rules of the transport, one place for the whole client. A failed attempt is sent
 * again when a rule covers it, within maxRetries (maxRateLimitedRetries for a 429) and with the backoff of retryDelayMs:
 *
 * - rateLimited: 429. Scalekit refused before doing anything, so every request may be sent
 *   again, after Retry-After (a Retry-After beyond maxRetryAfterMs is reported instead).
 * - neverSent: the connection was refused or could not be opened in time. Nothing reached
 *   Scalekit, so every request may be sent again.
 * - unavailable: 502, 503, 504. The request may or may not have been applied: only requests that
 *   are safe to repeat (safeToRepeat) are sent again.
 * - connectionLost: the connection broke or timed out after the request may have left. Same as
 *   unavailable: only requests that are safe to repeat.
 *
 * Nothing else is retried here: not a 500 (an internal error may well come back), not a 4xx, and
 * not a create (POST of a connector) that got 502/503/504 or lost its connection: whether Scalekit
 * stored it is unknown, and the create operation (operations.ts) settles that by looking for it by
 * display name.
 */
export const retryRules = {
  rateLimited: { statuses: [429], requests: "every" },
  neverSent: { errorCodes: ["ECONNREFUSED", "UND_ERR_CONNECT_TIMEOUT"], requests: "every" },
  unavailable: { statuses: [502, 503, 504], requests: "safe to repeat" },
  connectionLost: {
    errorCodes: ["ECONNRESET", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"],
    requests: "safe to repeat",
  },
} as const satisfies Record<string, { statuses?: readonly number[]; errorCodes?: readonly string[]; requests: "every" | "safe to repeat" }>;

type RetryRuleName = keyof typeof retryRules;

/** One failed attempt as the transport sees it: an answer's status, or a connection error's code. */
interface AttemptFailure {
  status?: number;
  code?: string;
}

/** Statuses any rule retries (for undici's options; the decision is retryRuleFor's). */
const retryableStatuses: number[] = [...retryRules.rateLimited.statuses, ...retryRules.unavailable.statuses];
const retryableErrorCodes: string[] = [...retryRules.neverSent.errorCodes, ...retryRules.connectionLost.errorCodes];
const idempotentMethods: Dispatcher.HttpMethod[] = ["GET", "PUT", "DELETE"];
/** Asking for another token changes nothing in Scalekit, so that POST is safe to repeat. */
const tokenPathSuffix = "/oauth/token";

/** True for the requests that a repetition cannot apply twice: GET, PUT, DELETE and the token request. */
function safeToRepeat(method: string, path: string): boolean {
  if (idempotentMethods.includes(method as Dispatcher.HttpMethod)) return true;
  return method === "POST" && path.split("?")[0].endsWith(tokenPathSuffix);
}

/** True when a connection error means the request never reached Scalekit (rule neverSent). */
export function requestNeverSent(code: string | undefined): boolean {
  return code !== undefined && (retryRules.neverSent.errorCodes as readonly string[]).includes(code);
}

/** The rule that lets this failed attempt be sent again, or undefined when none does. */
export function retryRuleFor(method: string, path: string, failure: AttemptFailure): RetryRuleName | undefined {
  for (const name of Object.keys(retryRules) as RetryRuleName[]) {
    const rule: { statuses?: readonly number[]; errorCodes?: readonly string[]; requests: string } = retryRules[name];
    const matches = failure.status !== undefined ? rule.statuses?.includes(failure.status) : failure.code !== undefined && rule.errorCodes?.includes(failure.code);
    if (matches && (rule.requests === "every" || safeToRepeat(method, path))) return name;
  }
  return undefined;
}

/** True when this failed attempt may be sent again (a rule of retryRules covers it). */
export function shouldRetry(method: string, path: string, failure: AttemptFailure): boolean {
  return retryRuleFor(method, path, failure) !== undefined;
}

type Headers = Record<string, string | string[] | undefined>;

interface RetryableError extends Error {
  statusCode?: number;
  code?: string;
  headers?: Headers;
}

/** Retry-After in milliseconds (seconds or an HTTP date), or undefined when absent or unreadable. */
function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const raw = headers?.["retry-after"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before retry number `attempt` (1-based), or undefined when it is not worth waiting.
 * With a Retry-After: at least that long (plus up to one backoff step of jitter, so that
 * concurrent callers do not come back together), unless it exceeds maxRetryAfterMs. Without:
 * exponential backoff capped at maxDelayMs, with jitter over the upper half of the step.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, headers?: Headers, random: () => number = Math.random): number | undefined {
  const told = retryAfterMs(headers);
  if (told !== undefined) {
    return told > policy.maxRetryAfterMs ? undefined : told + random() * policy.minDelayMs;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

export function createDispatcher(options: TransportOptions = {}): Dispatcher {
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  // undici's own cap; the retry function below applies the rule's.
  const maxRetries = Math.max(policy.maxRetries, policy.maxRateLimitedRetries);
  const timeout = options.timeoutMs ?? defaultTimeoutMs;
  const agent = new Agent({ headersTimeout: timeout, bodyTimeout: timeout, connectTimeout: timeout, connections: options.connections ?? 16 });
  // The pacer sits below the retries, so that every attempt counts against the budget.
  const sender = options.maxRequestsPerMinute === undefined ? agent : agent.compose(pacedBy(sharedPacer(options.maxRequestsPerMinute), options.signal));
  return new RetryAgent(sender, {
    // Hand the last answer (a 503, say) back instead of throwing, so the client reports it.
    throwOnError: false,
    maxRetries,
    // The retry function below decides, with retryRuleFor; these lists only document it.
    methods: [...idempotentMethods, "POST"],
    statusCodes: retryableStatuses,
    errorCodes: retryableErrorCodes,
    retry(error, { state, opts }, callback) {
      const failure = error as RetryableError;
      // undici reports an answer >= 300 as an error with its statusCode; a connection error has only a code.
      const attempt: AttemptFailure = failure.statusCode !== undefined ? { status: failure.statusCode } : { code: failure.code };
      const rule = retryRuleFor(opts.method, opts.path, attempt);
      const allowed = rule !== undefined && state.counter <= (rule === "rateLimited" ? policy.maxRateLimitedRetries : policy.maxRetries);
      const delay = allowed ? retryDelayMs(policy, state.counter, failure.headers) : undefined;
      if (delay === undefined || options.signal?.aborted) {
        callback(error);
        return;
      }
      waitUnlessAborted(delay, options.signal, (aborted) => callback(aborted ? error : null));
    },
  });
}

/** Calls `done(false)` after `ms`, or `done(true)` as soon as `signal` aborts, whichever comes first. */
export function waitUnlessAborted(ms: number, signal: AbortSignal | undefined, done: (aborted: boolean) => void): void {
  const onAbort = () => {
    clearTimeout(timer);
    done(true);
  };
  const timer = setTimeout(() => {
    signal?.removeEventListener("abort", onAbort);
    done(false);
  }, ms);
  signal?.addEventListener("abort", onAbort, { once: true });
}
