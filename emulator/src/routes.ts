/**
 * The API routes the emulator serves, keyed the way counters and fault rules
 * name them ("METHOD /path/{param}"), and the matching of a request to one.
 */

export const ROUTES = {
  token: "POST /oauth/token",
  createProvider: "POST /api/v1/custom-providers",
  updateProvider: "PUT /api/v1/custom-providers/{identifier}",
  deleteProvider: "DELETE /api/v1/custom-providers/{identifier}",
  listProviders: "GET /api/v1/providers",
} as const;

export type RouteKey = (typeof ROUTES)[keyof typeof ROUTES];

/** Every API route key, in a stable order. */
export const ROUTE_KEYS: readonly RouteKey[] = Object.values(ROUTES);

/** Counter key for requests that matched no API route (unknown path or wrong method). */
export const OTHER_ROUTE = "other";

/** Fault rules with this route apply to every API route. */
export const ANY_ROUTE = "*";

/** Prefix of the unauthenticated test controls. */
export const CONTROL_PREFIX = "/_emulator/";

export type RouteMatch =
  | { kind: "route"; key: RouteKey; identifier?: string }
  | { kind: "wrongMethod"; allow: string[] }
  | { kind: "unknown" };

const CUSTOM_PROVIDER_PATH = /^\/api\/v1\/custom-providers\/([^/]+)$/;

/** Finds the API route for a method and a path (path without query string). */
export function matchApiRoute(method: string, path: string): RouteMatch {
  const pick = (allowed: Partial<Record<string, RouteKey>>, identifier?: string): RouteMatch => {
    const key = allowed[method];
    if (key !== undefined) return identifier === undefined ? { kind: "route", key } : { kind: "route", key, identifier };
    return { kind: "wrongMethod", allow: Object.keys(allowed) };
  };

  if (path === "/oauth/token") return pick({ POST: ROUTES.token });
  if (path === "/api/v1/custom-providers") return pick({ POST: ROUTES.createProvider });
  if (path === "/api/v1/providers") return pick({ GET: ROUTES.listProviders });
  const custom = CUSTOM_PROVIDER_PATH.exec(path);
  if (custom) {
    const identifier = safeDecode(custom[1] ?? "");
    if (identifier === undefined) return { kind: "unknown" };
    return pick({ PUT: ROUTES.updateProvider, DELETE: ROUTES.deleteProvider }, identifier);
  }
  return { kind: "unknown" };
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function isRouteKey(value: unknown): value is RouteKey {
  return typeof value === "string" && (ROUTE_KEYS as readonly string[]).includes(value);
}
