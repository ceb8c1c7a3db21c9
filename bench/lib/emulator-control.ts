/**
 * The emulator's unauthenticated test controls, as small typed calls: counters, reset, fault
 * rules, the list of custom connectors. Shared by the benchmarks and the fault tests.
 */
import { ROUTES, type ConnectorsDump, type CountersBody, type FaultsBody, type Provider } from "scalekit-emulator";

async function control<T>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { "content-type": "application/json" };
  }
  const response = await fetch(`${baseUrl}/_emulator/${path}`, init);
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} /_emulator/${path} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Per-route API call counts, with the totals the benchmarks print. */
export interface CallCounts {
  total: number;
  token: number;
  list: number;
  create: number;
  update: number;
  remove: number;
  /** create + update + delete */
  writes: number;
}

export function callCounts(body: CountersBody): CallCounts {
  const routes = body.routes as Record<string, number | undefined>;
  const at = (key: string): number => routes[key] ?? 0;
  const create = at(ROUTES.createProvider);
  const update = at(ROUTES.updateProvider);
  const remove = at(ROUTES.deleteProvider);
  return {
    total: body.total,
    token: at(ROUTES.token),
    list: at(ROUTES.listProviders),
    create,
    update,
    remove,
    writes: create + update + remove,
  };
}

export const emulatorControl = {
  counters: async (baseUrl: string): Promise<CallCounts> => callCounts(await control<CountersBody>(baseUrl, "GET", "counters")),
  clearCounters: (baseUrl: string): Promise<unknown> => control(baseUrl, "DELETE", "counters"),
  reset: (baseUrl: string): Promise<unknown> => control(baseUrl, "POST", "reset"),
  setFaults: (baseUrl: string, faults: FaultsBody): Promise<unknown> => control(baseUrl, "PUT", "faults", faults),
  clearFaults: (baseUrl: string): Promise<unknown> => control(baseUrl, "DELETE", "faults"),
  connectors: async (baseUrl: string): Promise<Provider[]> => (await control<ConnectorsDump>(baseUrl, "GET", "connectors")).providers,
};

/** Latency on every API route (the token included), and nothing else. */
export function latencyFaults(latencyMs: number): FaultsBody {
  return { rules: latencyMs > 0 ? [{ route: "*", latencyMs }] : [] };
}
