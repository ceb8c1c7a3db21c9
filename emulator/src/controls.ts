/**
 * The test controls under /_emulator/: no authentication, not counted, never
 * faulted. Bodies are read as JSON whatever their Content-Type.
 */

import type { IncomingMessage } from "node:http";
import type { Counters } from "./counters";
import { ApiError, invalidArgument, notFound } from "./errors";
import type { FaultInjector } from "./faults";
import { parseJson, readBody } from "./http";
import { METHOD_NOT_ALLOWED_CODE, type EmulatorModes } from "./assumptions";
import type { ModeSettings } from "./modes";
import type { ConnectorStore } from "./store";
import type { TokenIssuer } from "./tokens";
import type { InFlight } from "./in-flight";
import type { RateLimiter } from "./rate-limit";
import type { ClockAdvanceBody, ClockState, ConnectorsDump, ExpireTokensResult, IdleState, RateLimitState, UsageBody, UsageState } from "./types";
import { isPlainObject } from "./validation";

export const CONTROL_PATHS = {
  reset: "/_emulator/reset",
  counters: "/_emulator/counters",
  faults: "/_emulator/faults",
  modes: "/_emulator/modes",
  connectors: "/_emulator/connectors",
  usage: "/_emulator/connectors/{identifier}/usage",
  expireTokens: "/_emulator/tokens/expire",
  clockAdvance: "/_emulator/clock/advance",
  rateLimit: "/_emulator/rate-limit",
  idle: "/_emulator/idle",
} as const;

export interface ControlDependencies {
  store: ConnectorStore;
  tokens: TokenIssuer;
  faults: FaultInjector;
  counters: Counters;
  modes: ModeSettings;
  inFlight: InFlight;
  rateLimit: RateLimiter;
  persist: () => Promise<void>;
}

type ControlHandler = (deps: ControlDependencies, req: IncomingMessage, identifier: string) => Promise<unknown> | unknown;

/** The identifier segment may hold ":" as it is or percent-encoded (%3A). */
const USAGE_PATH = /^\/_emulator\/connectors\/([^/]+)\/usage$/;

const HANDLERS: Record<string, Record<string, ControlHandler>> = {
  [CONTROL_PATHS.reset]: {
    POST: async (deps) => {
      deps.store.reset();
      deps.faults.reset();
      deps.counters.clear();
      deps.tokens.expireAll();
      deps.tokens.resetClock();
      deps.modes.reset();
      deps.rateLimit.reset();
      await deps.persist();
      return {};
    },
  },
  [CONTROL_PATHS.counters]: {
    GET: (deps) => deps.counters.read(),
    DELETE: (deps) => {
      deps.counters.clear();
      return deps.counters.read();
    },
  },
  [CONTROL_PATHS.faults]: {
    GET: (deps) => deps.faults.state(),
    PUT: async (deps, req) => deps.faults.replace(parseJson(await readBody(req))),
    DELETE: (deps) => {
      deps.faults.clear();
      return deps.faults.state();
    },
  },
  [CONTROL_PATHS.modes]: {
    GET: (deps): EmulatorModes => deps.modes.get(),
    PUT: async (deps, req): Promise<EmulatorModes> => deps.modes.change(parseJson(await readBody(req))),
  },
  [CONTROL_PATHS.connectors]: {
    GET: (deps): ConnectorsDump => ({ providers: deps.store.customProviders() }),
  },
  [CONTROL_PATHS.usage]: {
    GET: (deps, _req, identifier): UsageState => ({ identifier, ...deps.store.getUsage(identifier) }),
    PUT: async (deps, req, identifier): Promise<UsageState> => {
      const usage = parseUsage(parseJson(await readBody(req)));
      const stored = deps.store.setUsage(identifier, usage);
      await deps.persist();
      return { identifier, ...stored };
    },
  },
  [CONTROL_PATHS.expireTokens]: {
    POST: (deps): ExpireTokensResult => ({ expired: deps.tokens.expireAll() }),
  },
  [CONTROL_PATHS.clockAdvance]: {
    POST: async (deps, req): Promise<ClockState> => ({ advancedSeconds: deps.tokens.advanceClock(parseClockAdvance(parseJson(await readBody(req))).seconds) }),
  },
  [CONTROL_PATHS.rateLimit]: {
    GET: (deps): RateLimitState => deps.rateLimit.state(),
    PUT: async (deps, req): Promise<RateLimitState> => deps.rateLimit.replace(parseJson(await readBody(req))),
    DELETE: (deps): RateLimitState => deps.rateLimit.clear(),
  },
  [CONTROL_PATHS.idle]: {
    GET: async (deps): Promise<IdleState> => {
      await deps.inFlight.idle();
      return { inFlight: 0 };
    },
  },
};

/** Answers a control request; unknown paths are 404, wrong methods 405. */
export async function handleControl(deps: ControlDependencies, method: string, path: string, req: IncomingMessage): Promise<unknown> {
  let key = path;
  let identifier = "";
  const usage = USAGE_PATH.exec(path);
  if (usage) {
    key = CONTROL_PATHS.usage;
    identifier = decodeSegment(usage[1] ?? "");
  }
  const methods = HANDLERS[key];
  if (methods === undefined) {
    throw notFound(`no emulator control at ${path}; see the emulator README for the list`);
  }
  const handler = methods[method];
  if (handler === undefined) {
    const allow = Object.keys(methods);
    throw new ApiError(METHOD_NOT_ALLOWED_CODE, `${method} is not allowed on ${path}; use ${allow.join(" or ")}`, {
      status: 405,
      headers: { Allow: allow.join(", ") },
    });
  }
  return handler(deps, req, identifier);
}

function parseUsage(body: unknown): UsageBody {
  if (!isPlainObject(body)) throw invalidArgument(`the usage body must be an object like {"connections": 1, "connectedAccounts": 2}`);
  const unknown = Object.keys(body).filter((key) => key !== "connections" && key !== "connectedAccounts");
  if (unknown.length > 0) throw invalidArgument(`unknown field(s) in the usage body: ${unknown.join(", ")}`);
  const count = (key: "connections" | "connectedAccounts"): number => {
    const value = body[key] ?? 0;
    if (!Number.isInteger(value) || (value as number) < 0) {
      throw invalidArgument(`${key} must be a whole number from 0 up, got ${JSON.stringify(value)}`);
    }
    return value as number;
  };
  return { connections: count("connections"), connectedAccounts: count("connectedAccounts") };
}

function parseClockAdvance(body: unknown): ClockAdvanceBody {
  if (!isPlainObject(body)) throw invalidArgument(`the clock body must be an object like {"seconds": 60}`);
  const unknown = Object.keys(body).filter((key) => key !== "seconds");
  if (unknown.length > 0) throw invalidArgument(`unknown field(s) in the clock body: ${unknown.join(", ")}`);
  const seconds = body.seconds;
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds <= 0) {
    throw invalidArgument(`seconds must be a number above 0 (the clock only moves forward), got ${JSON.stringify(seconds)}`);
  }
  return { seconds };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
