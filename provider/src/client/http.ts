/**
 * HTTP transport on undici: one connection pool per client, undici's RetryAgent for the retries
 * (429 with Retry-After, 502/503/504 and connection errors, for GET, PUT and DELETE only), with
 * exponential backoff and full jitter, and timeouts on every request.
 */
import { Agent, RetryAgent, type Dispatcher } from "undici";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff step, in milliseconds. */
  minDelayMs: number;
  /** Longest wait between two attempts, Retry-After included. */
  maxDelayMs: number;
}

export interface TransportOptions {
  retry?: Partial<RetryPolicy>;
  /** Milliseconds to wait for response headers, then for the body. */
  timeoutMs?: number;
  /** Concurrent connections to the environment. */
  connections?: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxRetries: 6, minDelayMs: 200, maxDelayMs: 10_000 };

const retryableStatuses = [429, 502, 503, 504];
const retryableErrorCodes = ["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"];
const idempotentMethods: Dispatcher.HttpMethod[] = ["GET", "PUT", "DELETE"];

interface RetryableError extends Error {
  statusCode?: number;
  code?: string;
  headers?: Record<string, string | string[] | undefined>;
}

function retryAfterMs(headers: RetryableError["headers"]): number | undefined {
  const raw = headers?.["retry-after"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The wait before retry number `attempt` (1-based): Retry-After when given, else full-jitter backoff. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, headers?: RetryableError["headers"], random: () => number = Math.random): number {
  const told = retryAfterMs(headers);
  if (told !== undefined) return Math.min(policy.maxDelayMs, told + random() * policy.minDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

export function createDispatcher(options: TransportOptions = {}): Dispatcher {
  const policy: RetryPolicy = { ...defaultRetryPolicy, ...options.retry };
  const timeout = options.timeoutMs ?? 30_000;
  const agent = new Agent({ headersTimeout: timeout, bodyTimeout: timeout, connectTimeout: timeout, connections: options.connections ?? 16 });
  return new RetryAgent(agent, {
    throwOnError: false,
    maxRetries: policy.maxRetries,
    methods: idempotentMethods,
    statusCodes: retryableStatuses,
    errorCodes: retryableErrorCodes,
    retry(error, { state, opts }, callback) {
      const failure = error as RetryableError;
      const method = opts.method as Dispatcher.HttpMethod;
      const retryable =
        idempotentMethods.includes(method) &&
        (retryableStatuses.includes(failure.statusCode ?? 0) || retryableErrorCodes.includes(failure.code ?? ""));
      if (!retryable || state.counter > policy.maxRetries) {
        callback(error);
        return;
      }
      setTimeout(() => callback(null), retryDelayMs(policy, state.counter, failure.headers));
    },
  });
}
