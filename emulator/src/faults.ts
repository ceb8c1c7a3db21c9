/**
 * Injected faults: latency, 429, 503 and "drop the connection after storing".
 * Rules are replaced as a whole by PUT /_emulator/faults. A rule's `limit`
 * caps the failures (not the latency) it may still cause.
 */

import { DEFAULT_RETRY_AFTER_SECONDS } from "./assumptions";
import { invalidArgument } from "./errors";
import { seededRandom, randomSeed, type RandomSource } from "./random";
import { ANY_ROUTE, ROUTES, ROUTE_KEYS, isRouteKey, type RouteKey } from "./routes";
import type { FaultRule, FaultsBody, FaultsState } from "./types";
import { isPlainObject } from "./validation";

export type InjectedFailure = { status: 429; retryAfterSeconds: number } | { status: 503 };

interface ActiveRule {
  rule: FaultRule;
  /** Failures the rule may still cause; undefined = no cap. */
  remaining: number | undefined;
}

/** Routes that store something, the only ones dropAfterStoreRate applies to. */
const STORING_ROUTES: readonly RouteKey[] = [ROUTES.createProvider, ROUTES.updateProvider];

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
  latencyFor(route: RouteKey): number {
    return this.matching(route).reduce((sum, { rule }) => sum + (rule.latencyMs ?? 0), 0);
  }

  /** Decides, before anything is stored, whether to answer 429 or 503 instead. */
  failureFor(route: RouteKey): InjectedFailure | undefined {
    for (const active of this.matching(route)) {
      const { rule } = active;
      if (this.roll(active, rule.rate429)) {
        return { status: 429, retryAfterSeconds: rule.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS };
      }
      if (this.roll(active, rule.rate503)) return { status: 503 };
    }
    return undefined;
  }

  /** Decides, after a create or update was stored, whether to drop the connection without answering. */
  dropAfterStore(route: RouteKey): boolean {
    if (!STORING_ROUTES.includes(route)) return false;
    return this.matching(route).some((active) => this.roll(active, active.rule.dropAfterStoreRate));
  }

  private matching(route: RouteKey): ActiveRule[] {
    return this.rules.filter(({ rule }) => rule.route === ANY_ROUTE || rule.route === route);
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

// ------------------------------------------------------------ body checking

const RULE_KEYS = ["route", "latencyMs", "rate429", "retryAfterSeconds", "rate503", "dropAfterStoreRate", "limit"];

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
  for (const key of ["rate429", "rate503", "dropAfterStoreRate"] as const) {
    const rate = numberField(value, key, path, { min: 0, max: 1 });
    if (rate !== undefined) rule[key] = rate;
  }
  const retryAfter = numberField(value, "retryAfterSeconds", path, { min: 0, integer: true });
  if (retryAfter !== undefined) rule.retryAfterSeconds = retryAfter;
  const limit = numberField(value, "limit", path, { min: 0, integer: true });
  if (limit !== undefined) rule.limit = limit;
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
