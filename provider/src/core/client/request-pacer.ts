/**
 * Keeps a request budget (request-budget.ts): requests to Scalekit leave one at a time, each at
 * least 60 000 / budget milliseconds after the one before, so that no span of time holds more
 * than its share of the budget, whatever window Scalekit counts in. One pacer per budget per
 * process (sharedPacer), for every client and every call of the process, the token requests
 * included. It sits below undici's RetryAgent as a dispatcher interceptor (pacedBy), so that each
 * retry of a request is paced too.
 */
import type { Dispatcher } from "undici";

export class RequestPacer {
  /** The least time between the starts of two requests. */
  readonly intervalMs: number;
  /** When the last request was let through (on Date.now's clock). */
  private lastStart = Number.NEGATIVE_INFINITY;
  /** The requests waiting their turn, as one chain: each waits for the one before it. */
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly maxRequestsPerMinute: number) {
    this.intervalMs = 60_000 / maxRequestsPerMinute;
  }

  /**
   * Resolves when the next request may start. The interval is measured from the moment the
   * previous request was let through, so a busy event loop never lets several through at once.
   * When `signal` aborts, the wait ends at once (the request then ends with its own abort).
   */
  turn(signal?: AbortSignal): Promise<void> {
    const next = this.queue.then(async () => {
      const wait = this.lastStart + this.intervalMs - Date.now();
      if (wait > 0) await delay(wait, signal);
      this.lastStart = Date.now();
    });
    this.queue = next;
    return next;
  }
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

const pacers = new Map<number, RequestPacer>();

/** The process's pacer for this budget: every client given the same budget shares it. */
export function sharedPacer(maxRequestsPerMinute: number): RequestPacer {
  let pacer = pacers.get(maxRequestsPerMinute);
  if (!pacer) {
    pacer = new RequestPacer(maxRequestsPerMinute);
    pacers.set(maxRequestsPerMinute, pacer);
  }
  return pacer;
}

/** A dispatcher interceptor that sends each request (each attempt of it) on the pacer's turn. */
export function pacedBy(pacer: RequestPacer, signal?: AbortSignal): Dispatcher.DispatcherComposeInterceptor {
  return (dispatch) => (options, handler) => {
    pacer
      .turn(signal)
      .then(() => dispatch(options, handler))
      .catch((error: Error) => {
        if (handler.onResponseError) handler.onResponseError(undefined as never, error);
        else handler.onError?.(error);
      });
    return true;
  };
}
