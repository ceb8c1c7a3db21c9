/**
 * The emulator's HTTP server: routes each request to the test controls or to
 * an API route, applies counters and injected faults to API routes, turns
 * every failure into a gRPC-gateway error answer, and keeps serving whatever
 * a handler throws.
 */

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleApi, type ApiDependencies } from "./api";
import { handleControl, type ControlDependencies } from "./controls";
import { Counters } from "./counters";
import { ApiError, GrpcCode, notFound } from "./errors";
import { FaultInjector, faultTarget, type InjectedFailure } from "./faults";
import { InFlight } from "./in-flight";
import { JSON_TYPE, sendError, sendJson } from "./http";
import {
  MAX_PAGE_SIZE,
  METHOD_NOT_ALLOWED_CODE,
  type DeleteInUseMode,
  type DuplicateNamesMode,
  type IdentifierStyle,
  type RateLimitRetryAfterMode,
  type UpdateSemanticsMode,
  type VocabulariesMode,
} from "./assumptions";
import { ModeSettings, pickModes } from "./modes";
import { RateLimiter, parseRateLimit } from "./rate-limit";
import { StateWriter, loadState } from "./persistence";
import { derivedSeed, randomSeed } from "./random";
import { CONTROL_PREFIX, OTHER_ROUTE, matchApiRoute } from "./routes";
import { ConnectorStore } from "./store";
import { TOKEN_TTL_SECONDS, TokenIssuer } from "./tokens";
import type { RateLimitSetting, RequestRecord, ScalekitCredentials } from "./types";

export interface EmulatorOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  /** Default "skc_emulator_client". */
  clientId?: string;
  /** Default "emulator-secret-not-for-production". */
  clientSecret?: string;
  /** Lifetime of access tokens; default 86399, as Scalekit's docs show. */
  tokenTtlSeconds?: number;
  /** JSON state file: loaded at start if present, rewritten atomically after every change. */
  statePath?: string;
  /** Largest page; bigger page_size values are clamped to it. Default 1000 (assumed: unpublished). */
  maxPageSize?: number;
  /** Seed of the random generator (fault injection, generated identifiers), for repeatable tests. Default: random. */
  seed?: number;
  /** Format of the identifiers of new connectors (see assumptions.ts). Default "lowercase". */
  identifierStyle?: IdentifierStyle;
  /** A create (or rename) onto a name a custom connector holds: 409, or accepted. Default "conflict". */
  duplicateNames?: DuplicateNamesMode;
  /** Deleting a connector in use: 403 PermissionDenied, or 400 FailedPrecondition. Default "permission-denied". */
  deleteInUse?: DeleteInUseMode;
  /** What an update does with the fields it leaves empty: replace the whole definition, or keep them (see assumptions.ts). Default "replace". */
  updateSemantics?: UpdateSemanticsMode;
  /** Auth types and input types outside the known lists: accepted and stored, or refused. Default "lenient". */
  vocabularies?: VocabulariesMode;
  /**
   * Scalekit's rate limit (rate-limit.ts): at most `requests` API requests in any `windowMs`
   * (default 60000) milliseconds, the rest answered 429 RATE_LIMITED. Default: no limit.
   * `windowMs` shorter than a minute is a test control, for tests that cannot wait minutes.
   */
  rateLimit?: { requests: number; windowMs?: number };
  /** A rate-limited answer with or without Retry-After (see assumptions.ts). Default "absent". */
  rateLimitRetryAfter?: RateLimitRetryAfterMode;
  /** Receives one line per request (`GET /api/v1/providers 200 3ms`), and one per internal error. */
  log?: (line: string) => void;
  /** Receives every request once it is answered or dropped, the test controls' included. */
  onRequest?: (request: RequestRecord) => void;
}

export interface RunningEmulator {
  /** "http://127.0.0.1:PORT" */
  url: string;
  port: number;
  clientId: string;
  clientSecret: string;
  /** `url`, `clientId` and `clientSecret` as a client takes them. */
  credentials: ScalekitCredentials;
  /** Stops accepting, closes open sockets, flushes the state file. */
  close(): Promise<void>;
}

/** The random stream of generated identifiers, apart from the fault injection one. */
const IDENTIFIER_STREAM = 1;

export const EMULATOR_DEFAULTS = {
  port: 0,
  host: "127.0.0.1",
  clientId: "skc_emulator_client",
  clientSecret: "emulator-secret-not-for-production",
  tokenTtlSeconds: TOKEN_TTL_SECONDS,
  maxPageSize: MAX_PAGE_SIZE,
} as const;

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const port = options.port ?? EMULATOR_DEFAULTS.port;
  const host = options.host ?? EMULATOR_DEFAULTS.host;
  const clientId = options.clientId ?? EMULATOR_DEFAULTS.clientId;
  const clientSecret = options.clientSecret ?? EMULATOR_DEFAULTS.clientSecret;
  const tokenTtlSeconds = options.tokenTtlSeconds ?? EMULATOR_DEFAULTS.tokenTtlSeconds;
  const maxPageSize = options.maxPageSize ?? EMULATOR_DEFAULTS.maxPageSize;
  checkOptions(port, tokenTtlSeconds, maxPageSize);
  const modes = new ModeSettings(pickModes(options));
  const seed = options.seed ?? randomSeed();

  const store = new ConnectorStore(derivedSeed(seed, IDENTIFIER_STREAM));
  let writer: StateWriter | undefined;
  if (options.statePath !== undefined) {
    const state = await loadState(options.statePath);
    if (state) store.restore(state);
    writer = new StateWriter(options.statePath, () => store.snapshot());
    await writer.prepare();
  }
  const persist = (): Promise<void> => (writer ? writer.save() : Promise.resolve());

  const tokens = new TokenIssuer({ clientId, clientSecret }, tokenTtlSeconds);
  const rateLimit = new RateLimiter(startingRateLimit(options.rateLimit), () => tokens.now());
  const faults = new FaultInjector(seed);
  const counters = new Counters();
  const delays = new Delays();
  const inFlight = new InFlight();
  let closed = false;

  const apiDeps: ApiDependencies = { store, tokens, modes, maxPageSize, persist };
  const controlDeps: ControlDependencies = { store, tokens, faults, counters, modes, inFlight, rateLimit, persist };

  const serveApi = async (req: IncomingMessage, res: ServerResponse, method: string, path: string, query: string): Promise<void> => {
    const match = matchApiRoute(method, path);
    if (match.kind === "unknown") {
      counters.count(OTHER_ROUTE);
      throw notFound(`no route for ${method} ${path}`);
    }
    if (match.kind === "wrongMethod") {
      counters.count(OTHER_ROUTE);
      throw new ApiError(METHOD_NOT_ALLOWED_CODE, `${method} is not allowed on ${path}; use ${match.allow.join(" or ")}`, {
        status: 405,
        headers: { Allow: match.allow.join(", ") },
      });
    }
    const route = match.key;
    counters.count(route);
    rateLimit.admit(modes.get().rateLimitRetryAfter);
    const target = faultTarget(route, new URLSearchParams(query));

    const latency = faults.latencyFor(target);
    if (latency > 0) await delays.wait(latency);
    if (closed) return;

    const failure = faults.failureFor(target);
    if (failure?.status === 200) {
      sendText(res, 200, "text/html; charset=utf-8", failure.htmlPage);
      return;
    }
    if (failure) throw injectedError(failure);

    const request = { route, query: new URLSearchParams(query), req, ...(match.identifier === undefined ? {} : { identifier: match.identifier }) };
    const result = await handleApi(apiDeps, request);
    if (faults.dropAfterStore(target)) {
      res.socket?.destroy();
      return;
    }
    const answer = faults.alterAnswer(target, result.body);
    if (answer.cutText !== undefined) sendText(res, result.status, JSON_TYPE, answer.cutText);
    else sendJson(res, result.status, answer.body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = Date.now();
    const method = req.method ?? "GET";
    const [path = "/", query = ""] = splitUrl(req.url ?? "/");
    if (!path.startsWith(CONTROL_PREFIX)) {
      inFlight.start();
      res.once("close", () => inFlight.end());
    }
    if (options.log || options.onRequest) {
      res.on("close", () => {
        const record: RequestRecord = { method, path, outcome: res.headersSent ? res.statusCode : "dropped", startedAt: started, endedAt: Date.now() };
        options.onRequest?.(record);
        options.log?.(`${method} ${path} ${record.outcome} ${record.endedAt - started}ms`);
      });
    }
    try {
      if (path.startsWith(CONTROL_PREFIX)) {
        sendJson(res, 200, await handleControl(controlDeps, method, path, req));
      } else {
        await serveApi(req, res, method, path, query);
      }
    } catch (error) {
      if (error instanceof ApiError) {
        sendError(res, error);
      } else {
        const message = error instanceof Error ? error.message : String(error);
        options.log?.(`internal error on ${method} ${path}: ${error instanceof Error && error.stack ? error.stack : message}`);
        sendError(res, new ApiError(GrpcCode.Internal, `internal emulator error: ${message}`));
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy()); // last resort: never let a request crash the process
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      closed = true;
      delays.cancelAll();
      inFlight.releaseAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await writer?.flush();
    })();
    return closing;
  };

  return { url, port: address.port, clientId, clientSecret, credentials: { environmentUrl: url, clientId, clientSecret }, close };
}

function checkOptions(port: number, tokenTtlSeconds: number, maxPageSize: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be a whole number from 0 to 65535, got ${port}`);
  if (!(tokenTtlSeconds > 0)) throw new RangeError(`tokenTtlSeconds must be above 0, got ${tokenTtlSeconds}`);
  if (!Number.isInteger(maxPageSize) || maxPageSize < 1) throw new RangeError(`maxPageSize must be a whole number from 1 up, got ${maxPageSize}`);
}

/** The `rateLimit` option, checked as a control body is; a bad one is a RangeError, as other bad options are. */
function startingRateLimit(option: EmulatorOptions["rateLimit"]): RateLimitSetting | undefined {
  if (option === undefined) return undefined;
  try {
    return parseRateLimit(option, "the rateLimit option");
  } catch (error) {
    throw new RangeError((error as Error).message);
  }
}

function splitUrl(url: string): [string, string] {
  const at = url.indexOf("?");
  return at === -1 ? [url, ""] : [url.slice(0, at), url.slice(at + 1)];
}

/** An injected answer whose body is not the API's JSON (an HTML page, a cut answer), with a matching Content-Length. */
function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { "Content-Type": contentType, "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function injectedError(failure: Exclude<InjectedFailure, { status: 200 }>): ApiError {
  if (failure.status === 429) {
    return new ApiError(GrpcCode.ResourceExhausted, `rate limit exceeded (injected); retry after ${failure.retryAfterSeconds} s`, {
      headers: { "Retry-After": String(failure.retryAfterSeconds) },
    });
  }
  return new ApiError(GrpcCode.Unavailable, "the service is unavailable (injected); retry later");
}

/** Timers for injected latency, all cancelled when the server closes. */
class Delays {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve();
      }, ms);
      this.pending.set(timer, resolve);
    });
  }

  cancelAll(): void {
    for (const [timer, resolve] of this.pending) {
      clearTimeout(timer);
      resolve();
    }
    this.pending.clear();
  }
}
