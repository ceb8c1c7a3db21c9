/**
 * The request budget: how many requests a process may send to Scalekit in a minute. Set by the
 * stack config `scalekit:maxRequestsPerMinute` (the plugin's `Provider` argument
 * `maxRequestsPerMinute`), else the environment variable SCALEKIT_MAX_REQUESTS_PER_MINUTE;
 * unlimited when neither is set. A value that is not a positive whole number is an
 * InvalidRequestBudgetError, raised before any request. How the budget is kept: request-pacer.ts.
 */
import type { ConfigSource } from "./credentials";

/** The budget's field (the plugin's config key), stack config key, environment variable and what it means (the plugin schema's words). */
export const requestBudgetSetting = {
  field: "maxRequestsPerMinute",
  configKey: "scalekit:maxRequestsPerMinute",
  envVar: "SCALEKIT_MAX_REQUESTS_PER_MINUTE",
  description: "At most this many requests to Scalekit a minute, spread evenly, for every call of the plugin process; no limit when unset.",
} as const;

/** The request budget is set to something other than a positive whole number. */
export class InvalidRequestBudgetError extends Error {
  constructor(where: string, value: unknown) {
    super(
      `${where} is ${JSON.stringify(value)}: it must be a positive whole number of requests per minute, such as 300. ` +
        `Correct it, or remove it to send requests without a budget.`,
    );
    this.name = "InvalidRequestBudgetError";
  }
}

/**
 * The budget a value sets: a positive whole number, given as a number or as its decimal digits
 * (stack config and environment variables are text); undefined for no value (absent or empty).
 * Throws an InvalidRequestBudgetError naming `where` for anything else.
 */
export function readRequestBudget(value: unknown, where: string): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const budget = typeof value === "string" && /^\s*[0-9]+\s*$/.test(value) ? Number(value) : value;
  if (typeof budget !== "number" || !Number.isSafeInteger(budget) || budget < 1) throw new InvalidRequestBudgetError(where, value);
  return budget;
}

/** The budget from the stack config, else from the environment; undefined (no budget) when neither sets one. */
export function resolveRequestBudget(config: ConfigSource | undefined, env: NodeJS.ProcessEnv = process.env): number | undefined {
  const configured = config?.get(requestBudgetSetting.configKey);
  if (configured !== undefined && configured !== "") return readRequestBudget(configured, `The stack config ${requestBudgetSetting.configKey}`);
  return readRequestBudget(env[requestBudgetSetting.envVar], `The environment variable ${requestBudgetSetting.envVar}`);
}
