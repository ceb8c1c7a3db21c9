/**
 * A running emulator's test controls (`/_emulator/...`, no token needed) as small typed calls:
 * counters, reset, fault rules, modes, the stored connectors, usage, token expiry, the token clock,
 * waiting for no request in flight. The one client of
 * the controls for the bench, the quick start and the tests (the emulator's own tests call the
 * HTTP routes themselves, test/support/emulator-api.ts).
 */
import {
  CONTROL_PATHS,
  ROUTES,
  type ClockState,
  type ConnectorsDump,
  type CountersBody,
  type EmulatorModes,
  type FaultsBody,
  type FaultsState,
  type IdleState,
  type Provider,
  type UsageBody,
} from "scalekit-emulator";

async function control<T>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

/** API calls by kind, with the totals the benchmark prints. */
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
  return { total: body.total, token: at(ROUTES.token), list: at(ROUTES.listProviders), create, update, remove, writes: create + update + remove };
}

export const emulatorControl = {
  /** API calls by route since the last reset of the counters. */
  routeCounters: (baseUrl: string): Promise<CountersBody> => control<CountersBody>(baseUrl, "GET", CONTROL_PATHS.counters),
  /** The same, by kind. */
  counters: async (baseUrl: string): Promise<CallCounts> => callCounts(await emulatorControl.routeCounters(baseUrl)),
  clearCounters: (baseUrl: string): Promise<unknown> => control(baseUrl, "DELETE", CONTROL_PATHS.counters),
  /** Removes every connector, usage, fault, counter and token; the modes go back to the start's. */
  reset: (baseUrl: string): Promise<unknown> => control(baseUrl, "POST", CONTROL_PATHS.reset),
  /**
   * Replaces every fault rule: latency, 429, 503, drop after store, and answers that are not the
   * API's JSON or not its listing's shape (htmlPageRate, truncatedJsonRate, shortPageRate,
   * emptyObjectRate, nullProvidersRate, renamedProvidersRate; listRequests narrows a rule to
   * listings or look-ups); see the emulator README.
   */
  setFaults: (baseUrl: string, faults: FaultsBody): Promise<FaultsState> => control<FaultsState>(baseUrl, "PUT", CONTROL_PATHS.faults, faults),
  /** The fault rules in force, each `limit` being what is left of it (so a test can tell a fault was served). */
  faults: (baseUrl: string): Promise<FaultsState> => control<FaultsState>(baseUrl, "GET", CONTROL_PATHS.faults),
  clearFaults: (baseUrl: string): Promise<unknown> => control(baseUrl, "DELETE", CONTROL_PATHS.faults),
  /** Every custom connector stored, as Scalekit's Provider objects. */
  connectors: async (baseUrl: string): Promise<Provider[]> => (await control<ConnectorsDump>(baseUrl, "GET", CONTROL_PATHS.connectors)).providers,
  setUsage: (baseUrl: string, identifier: string, usage: UsageBody): Promise<unknown> =>
    control(baseUrl, "PUT", CONTROL_PATHS.usage.replace("{identifier}", encodeURIComponent(identifier)), usage),
  expireTokens: (baseUrl: string): Promise<unknown> => control(baseUrl, "POST", CONTROL_PATHS.expireTokens),
  /** Moves the clock the emulator measures token lifetimes on `seconds` ahead (a reset puts it back). */
  advanceClock: (baseUrl: string, seconds: number): Promise<ClockState> => control<ClockState>(baseUrl, "POST", CONTROL_PATHS.clockAdvance, { seconds }),
  /** Resolves once the emulator has no API request in flight. */
  idle: (baseUrl: string): Promise<IdleState> => control<IdleState>(baseUrl, "GET", CONTROL_PATHS.idle),
  /** The modes in force (how the emulator answers what Scalekit leaves undocumented). */
  modes: (baseUrl: string): Promise<EmulatorModes> => control<EmulatorModes>(baseUrl, "GET", CONTROL_PATHS.modes),
  /** Changes some modes until the next reset (which restores the start's). */
  setModes: (baseUrl: string, modes: Partial<EmulatorModes>): Promise<EmulatorModes> => control<EmulatorModes>(baseUrl, "PUT", CONTROL_PATHS.modes, modes),
};

/** Latency on every API route (the token included), and nothing else. */
export function latencyFaults(latencyMs: number): FaultsBody {
  return { rules: latencyMs > 0 ? [{ route: "*", latencyMs }] : [] };
}
