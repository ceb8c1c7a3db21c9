/**
 * HTTP transport on undici: one connection pool per client, undici's RetryAgent for the retries
 * (429 with Retry-After, 502/503/504 and connection errors) of the requests that are safe to
 * repeat: GET, PUT, DELETE and the token request. A create (POST) is never repeated here; the
 * client reconciles it. Exponential backoff with jitter, bounded, and timeouts on every request.
 */
import { Agent, RetryAgent, type Dispatcher } from "undici";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
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
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 6, minDelayMs: 200, maxDelayMs: 10_000, maxRetryAfterMs: 60_000 };
export const defaultTimeoutMs = 30_000;

export const retryableStatuses = [429, 502, 503, 504];
const retryableErrorCodes = [
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
];
const idempotentMethods: Dispatcher.HttpMethod[] = ["GET", "PUT", "DELETE"];
/** Asking for another token changes nothing in Scalekit, so that POST is safe to repeat. */
const tokenPathSuffix = "/oauth/token";

/** True for the requests that a repetition cannot apply twice. */
export function safeToRepeat(method: string, path: string): boolean {
  if (idempotentMethods.includes(method as Dispatcher.HttpMethod)) return true;
  return method === "POST" && path.split("?")[0].endsWith(tokenPathSuffix);
}

type Headers = Record<string, string | string[] | undefined>;

interface RetryableError extends Error {
  statusCode?: number;
  code?: string;
  headers?: Headers;
}

/** Retry-After in milliseconds (seconds or an HTTP date), or undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
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

/** True when a failed attempt deserves another one (status or connection error). */
function isRetryable(failure: RetryableError): boolean {
  return retryableStatuses.includes(failure.statusCode ?? 0) || retryableErrorCodes.includes(failure.code ?? "");
}

export function createDispatcher(options: TransportOptions = {}): Dispatcher {
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const timeout = options.timeoutMs ?? defaultTimeoutMs;
  const agent = new Agent({ headersTimeout: timeout, bodyTimeout: timeout, connectTimeout: timeout, connections: options.connections ?? 16 });
  return new RetryAgent(agent, {
    // Hand the last answer (a 503, say) back instead of throwing, so the client reports it.
    throwOnError: false,
    maxRetries: policy.maxRetries,
    // The retry function below decides, with safeToRepeat; these lists only document it.
    methods: [...idempotentMethods, "POST"],
    statusCodes: retryableStatuses,
    errorCodes: retryableErrorCodes,
    retry(error, { state, opts }, callback) {
      const failure = error as RetryableError;
      const delay = safeToRepeat(opts.method, opts.path) && isRetryable(failure) && state.counter <= policy.maxRetries ? retryDelayMs(policy, state.counter, failure.headers) : undefined;
      if (delay === undefined) {
        callback(error);
        return;
      }
      setTimeout(() => callback(null), delay);
    },
  });
}
