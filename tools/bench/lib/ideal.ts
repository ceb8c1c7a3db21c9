/**
 * The ideal wall time of a piece of work: the API calls it cannot do without, at the given
 * parallelism and per-request latency, with the order they must respect. A token comes first
 * (one round trip); creates are independent, so N of them take ceil(N / P) round trips; list
 * pages follow a cursor, so they take one round trip each, in sequence.
 */

/** Round trips of 1000-connector pages needed to list N custom connectors. */
export function listPages(n: number, pageSize = 1000): number {
  return Math.max(1, Math.ceil(n / pageSize));
}

/** Up creating N: the token, then N creates P at a time. */
export function idealCreateMs(n: number, parallelism: number, latencyMs: number): number {
  return (1 + Math.ceil(n / parallelism)) * latencyMs;
}

/** Refresh of N: the token, then the list pages one after another. */
export function idealRefreshMs(n: number, latencyMs: number): number {
  return (1 + listPages(n)) * latencyMs;
}
