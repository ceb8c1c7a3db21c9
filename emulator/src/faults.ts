/**
 * Injected faults: latency, 429, 503, a 200 with an HTML maintenance page, "drop the connection
 * after storing", an answer cut in the middle, a listing page with providers left out, and a
 * listing answered in another shape (`{}`, `{"providers": null}`, `providers` renamed `items`).
 * Rules are replaced as a whole by PUT /_emulator/faults. A rule's `limit` caps the failures
 * (not the latency) it may still cause; `listRequests` narrows a rule on the list route to
 * listings or to exact look-ups.
 */

import { DEFAULT_RETRY_AFTER_SECONDS } from "./assumptions";
import { invalidArgument } from "./errors";
import { seededRandom, randomSeed, type RandomSource } from "./random";
import { ANY_ROUTE, ROUTES, ROUTE_KEYS, isRouteKey, type RouteKey } from "./routes";
import type { FaultRule, FaultsBody, FaultsState, ListProvidersResponse, ListRequestKind } from "./types";
import { isPlainObject } from "./validation";

/** An answer sent instead of the API's: an error, or a 200 with an HTML page (`htmlPage`). */
export type InjectedFailure = { status: 429; retryAfterSeconds: number } | { status: 503 } | { status: 200; htmlPage: string };

/** The page a proxy or gateway in front of the API might serve, with status 200, while the API is away. */
export const MAINTENANCE_PAGE = [
  "<!DOCTYPE html>",
  "<html>",
  "<head><title>Down for maintenance</title></head>",
  "<body>",
  "<h1>We'll be back soon</h1>",
  "<p>This service is undergoing scheduled maintenance. Please try again later.</p>",
  "</body>",
  "</html>",
  "",
].join("\n");

/** A handled request's answer body, as the faults leave it: whole, or cut (`cutText`, the JSON's first half). */
export type AlteredAnswer = { body: unknown; cutText?: undefined } | { body: unknown; cutText: string };

interface ActiveRule {
  rule: FaultRule;
  /** Failures the rule may still cause; undefined = no cap. */
  remaining: number | undefined;
}

/** Routes that store something, the only ones dropAfterStoreRate applies to. */
const STORING_ROUTES: readonly RouteKey[] = [ROUTES.createProvider, ROUTES.updateProvider];

/** The only route shortPageRate, the odd listing shapes and listRequests apply to. */
const PAGED_ROUTE: RouteKey = ROUTES.listProviders;

/** Which request a fault applies to: its route and, on the list route, whether it is a listing or an exact look-up. */
export interface FaultTarget {
  route: RouteKey;
  listRequest?: ListRequestKind;
}

/** The target of a request: `identifier` (non-empty) in the query of the list route makes it a look-up. */
export function faultTarget(route: RouteKey, query: URLSearchParams): FaultTarget {
  if (route !== PAGED_ROUTE) return { route };
  const identifier = query.get("identifier");
  return { route, listRequest: identifier !== null && identifier !== "" ? "look-ups" : "listings" };
}

/** Answers of the list route in shapes other than Scalekit's page, in the order they are drawn. */
const ODD_LISTINGS = [
  { rate: "emptyObjectRate", answer: (): unknown => ({}) },
  { rate: "nullProvidersRate", answer: (): unknown => ({ providers: null }) },
  {
    rate: "renamedProvidersRate",
    answer: (page: ListProvidersResponse): unknown => {
      const { providers, ...rest } = page;
      return { items: providers, ...rest };
    },
  },
] as const;

export class FaultInjector {
  private rules: ActiveRule[] = [];
  private random: RandomSource;

  constructor(private readonly initialSeed: number = randomSeed()) {
    this.random = seededRandom(initialSeed);
  }

  /** Replaces every rule (after checking the body) and returns the new state. */
  replace(body: unknown): FaultsState {
    const parsed = parseFaultsBody(body);
    if (parsed.seed !== undefined) this.random = seededRandom(parsed.seed);
    this.rules = parsed.rules.map((rule) => ({ rule, remaining: rule.limit }));
    return this.state();
  }

  state(): FaultsState {
    return {
      rules: this.rules.map(({ rule, remaining }) => (remaining === undefined ? { ...rule } : { ...rule, limit: remaining })),
    };
  }

  clear(): void {
    this.rules = [];
  }

  /** Clears the rules and restarts the random sequence from the first seed. */
  reset(): void {
    this.clear();
    this.random = seededRandom(this.initialSeed);
  }

  /** Total delay for a request on this route, in milliseconds. */
  latencyFor(target: RouteKey | FaultTarget): number {
    return this.matching(target).reduce((sum, { rule }) => sum + (rule.latencyMs ?? 0), 0);
  }

  /** Decides, before anything is stored, whether to answer 429, 503 or a 200 HTML page instead. */
  failureFor(target: RouteKey | FaultTarget): InjectedFailure | undefined {
    for (const active of this.matching(target)) {
      const { rule } = active;
      if (this.roll(active, rule.rate429)) {
        return { status: 429, retryAfterSeconds: rule.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS };
      }
      if (this.roll(active, rule.rate503)) return { status: 503 };
      if (this.roll(active, rule.htmlPageRate)) return { status: 200, htmlPage: MAINTENANCE_PAGE };
    }
    return undefined;
  }

  /** Decides, after a create or update was stored, whether to drop the connection without answering. */
  dropAfterStore(target: RouteKey | FaultTarget): boolean {
    if (!STORING_ROUTES.includes(targetOf(target).route)) return false;
    return this.matching(target).some((active) => this.roll(active, active.rule.dropAfterStoreRate));
  }

  /**
   * Decides, once a request was handled and succeeded (and was not dropped), what of its answer
   * is sent: on the list route a page of two or more providers may lose every second one
   * (shortPageRate), then come in another shape (emptyObjectRate, nullProvidersRate,
   * renamedProvidersRate), then any answer may be cut in the middle (truncatedJsonRate).
   */
  alterAnswer(target: RouteKey | FaultTarget, body: unknown): AlteredAnswer {
    const rules = this.matching(target);
    let altered = body;
    if (targetOf(target).route === PAGED_ROUTE) {
      if ((body as ListProvidersResponse).providers.length >= 2 && rules.some((active) => this.roll(active, active.rule.shortPageRate))) {
        altered = shortPage(body as ListProvidersResponse);
      }
      const odd = ODD_LISTINGS.find(({ rate }) => rules.some((active) => this.roll(active, active.rule[rate])));
      if (odd) altered = odd.answer(altered as ListProvidersResponse);
    }
    if (rules.some((active) => this.roll(active, active.rule.truncatedJsonRate))) return { body: altered, cutText: cutInTheMiddle(JSON.stringify(altered)) };
    return { body: altered };
  }

  private matching(target: RouteKey | FaultTarget): ActiveRule[] {
    const { route, listRequest } = targetOf(target);
    return this.rules.filter(({ rule }) => (rule.route === ANY_ROUTE || rule.route === route) && (rule.listRequests === undefined || rule.listRequests === listRequest));
  }

  /** One draw against `rate`; a hit uses up one of the rule's allowed failures. */
  private roll(active: ActiveRule, rate: number | undefined): boolean {
    if (rate === undefined || rate <= 0) return false;
    if (active.remaining !== undefined && active.remaining <= 0) return false;
    if (this.random() >= rate) return false;
    if (active.remaining !== undefined) active.remaining -= 1;
    return true;
  }
}

function targetOf(target: RouteKey | FaultTarget): FaultTarget {
  return typeof target === "string" ? { route: target } : target;
}

/** The page without its 2nd, 4th, ... provider; total_size and the page tokens as they were. */
export function shortPage(page: ListProvidersResponse): ListProvidersResponse {
  return { ...page, providers: page.providers.filter((_, index) => index % 2 === 0) };
}

/** The first half of a text (never all of it, so a JSON text no longer parses). */
export function cutInTheMiddle(text: string): string {
  return text.slice(0, Math.floor(text.length / 2));
}

// ------------------------------------------------------------ body checking

const RATE_KEYS = [
  "rate429",
  "rate503",
  "htmlPageRate",
  "dropAfterStoreRate",
  "truncatedJsonRate",
  "shortPageRate",
  "emptyObjectRate",
  "nullProvidersRate",
  "renamedProvidersRate",
] as const;
const RULE_KEYS = ["route", "latencyMs", ...RATE_KEYS, "retryAfterSeconds", "limit", "listRequests"];
const LIST_REQUEST_KINDS: readonly ListRequestKind[] = ["listings", "look-ups"];

function parseFaultsBody(body: unknown): FaultsBody {
  if (!isPlainObject(body)) throw invalidArgument(`the faults body must be an object like {"rules": [...]}`);
  const unknown = Object.keys(body).filter((key) => key !== "seed" && key !== "rules");
  if (unknown.length > 0) throw invalidArgument(`unknown field(s) in the faults body: ${unknown.join(", ")}`);
  const { seed, rules } = body;
  if (seed !== undefined && (typeof seed !== "number" || !Number.isFinite(seed))) {
    throw invalidArgument("seed must be a number");
  }
  if (!Array.isArray(rules)) throw invalidArgument(`"rules" must be an array of fault rules`);
  const parsed: FaultsBody = { rules: rules.map((rule, index) => parseRule(rule, `rules[${index}]`)) };
  if (seed !== undefined) parsed.seed = seed;
  return parsed;
}

function parseRule(value: unknown, path: string): FaultRule {
  if (!isPlainObject(value)) throw invalidArgument(`${path} must be an object`);
  const unknown = Object.keys(value).filter((key) => !RULE_KEYS.includes(key));
  if (unknown.length > 0) throw invalidArgument(`${path} has unknown field(s): ${unknown.join(", ")} (known: ${RULE_KEYS.join(", ")})`);
  const { route } = value;
  if (route !== ANY_ROUTE && !isRouteKey(route)) {
    throw invalidArgument(`${path}.route must be "*" or one of: ${ROUTE_KEYS.join(", ")}`);
  }
  const rule: FaultRule = { route };
  const latencyMs = numberField(value, "latencyMs", path, { min: 0 });
  if (latencyMs !== undefined) rule.latencyMs = latencyMs;
  for (const key of RATE_KEYS) {
    const rate = numberField(value, key, path, { min: 0, max: 1 });
    if (rate !== undefined) rule[key] = rate;
  }
  const retryAfter = numberField(value, "retryAfterSeconds", path, { min: 0, integer: true });
  if (retryAfter !== undefined) rule.retryAfterSeconds = retryAfter;
  const limit = numberField(value, "limit", path, { min: 0, integer: true });
  if (limit !== undefined) rule.limit = limit;
  const { listRequests } = value;
  if (listRequests !== undefined) {
    if (route !== PAGED_ROUTE) throw invalidArgument(`${path}.listRequests applies only to the route "${PAGED_ROUTE}"`);
    if (!(LIST_REQUEST_KINDS as readonly unknown[]).includes(listRequests)) {
      throw invalidArgument(`${path}.listRequests must be "listings" or "look-ups", got ${JSON.stringify(listRequests)}`);
    }
    rule.listRequests = listRequests as ListRequestKind;
  }
  return rule;
}

function numberField(
  source: Record<string, unknown>,
  key: string,
  path: string,
  bounds: { min: number; max?: number; integer?: boolean },
): number | undefined {
  const value = source[key];
  if (value === undefined) return undefined;
  const what = `${bounds.integer ? "a whole number" : "a number"} from ${bounds.min}${bounds.max === undefined ? " up" : ` to ${bounds.max}`}`;
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    value < bounds.min ||
    (bounds.max !== undefined && value > bounds.max) ||
    (bounds.integer && !Number.isInteger(value))
  ) {
    throw invalidArgument(`${path}.${key} must be ${what}, got ${JSON.stringify(value)}`);
  }
  return value;
}
