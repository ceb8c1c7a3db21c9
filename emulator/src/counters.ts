/** How many requests reached each API route (test controls are not counted). */

import { OTHER_ROUTE, ROUTE_KEYS, type RouteKey } from "./routes";
import type { CountersBody } from "./types";

export class Counters {
  private counts = Counters.zero();

  count(route: RouteKey | typeof OTHER_ROUTE): void {
    this.counts[route] += 1;
  }

  read(): CountersBody {
    const routes = { ...this.counts };
    const total = Object.values(routes).reduce((sum, n) => sum + n, 0);
    return { total, routes };
  }

  clear(): void {
    this.counts = Counters.zero();
  }

  private static zero(): CountersBody["routes"] {
    const counts = {} as CountersBody["routes"];
    for (const key of ROUTE_KEYS) counts[key] = 0;
    counts[OTHER_ROUTE] = 0;
    return counts;
  }
}
