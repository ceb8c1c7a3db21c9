/**
 * A Scalekit environment for the provider tests: an in-process emulator with a random client
 * secret, behind a small recording proxy that (1) notes every access token the emulator issues,
 * independently of the client under test, so that the secret scans know what to look for,
 * (2) can serve the API under a path prefix, and (3) can answer 401 to every API call.
 */
import { randomBytes } from "crypto";
import * as http from "http";
import type { AddressInfo } from "net";
import type { ScalekitCredentials } from "pulumi-scalekit-connectors/internal";
import { ROUTES, type CountersBody, type EmulatorOptions, type FaultRule, type Provider } from "scalekit-emulator";
import { emulatorControl } from "../../scripts/lib/emulator-control";
import { startWatchedEmulator, type WatchedEmulator } from "../../scripts/lib/emulators";

export interface ProxyOptions {
  /** Serve the API under this path (e.g. "/tenant/scalekit"); requests outside it get 404. */
  prefix?: string;
}

/** A request as it went through the proxy to the emulator, its body as sent. */
export interface SentRequest {
  method: string;
  path: string;
  body: string;
}

export class TestEnvironment {
  /** Every access token the emulator handed out through the proxy. */
  readonly issuedTokens = new Set<string>();
  /** Every API request passed on to the emulator since the last reset, with its body (for what a write sent). */
  readonly sent: SentRequest[] = [];
  /** When true, the proxy answers 401 to every /api/ call, as Scalekit does for a refused token. */
  refuseAllTokens = false;

  private constructor(
    readonly emulator: WatchedEmulator,
    private readonly proxy: http.Server,
    readonly url: string,
  ) {}

  static async start(emulatorOptions: EmulatorOptions = {}, proxyOptions: ProxyOptions = {}): Promise<TestEnvironment> {
    const emulator = await startWatchedEmulator({ clientSecret: `test-secret-${randomBytes(16).toString("hex")}`, ...emulatorOptions });
    const prefix = proxyOptions.prefix ?? "";
    let environment: TestEnvironment | undefined;
    const proxy = http.createServer((request, response) => {
      let path = request.url ?? "/";
      if (prefix) {
        if (!path.startsWith(`${prefix}/`)) {
          response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ code: 5, message: `no route ${path}` }));
          return;
        }
        path = path.slice(prefix.length);
      }
      if (environment?.refuseAllTokens && path.startsWith("/api/")) {
        request.resume();
        response.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ code: 16, message: "token is not valid" }));
        return;
      }
      const upstream = http.request(
        { host: "127.0.0.1", port: emulator.port, method: request.method, path, headers: request.headers },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => chunks.push(chunk));
          answer.on("end", () => {
            const body = Buffer.concat(chunks);
            if (path.startsWith("/oauth/token") && answer.statusCode === 200) {
              const token = (JSON.parse(body.toString("utf8")) as { access_token?: string }).access_token;
              if (token) environment?.issuedTokens.add(token);
            }
            response.writeHead(answer.statusCode ?? 502, answer.headers).end(body);
          });
        },
      );
      // The emulator dropped the connection (an injected fault): drop ours too.
      upstream.on("error", () => response.destroy());
      if (path.startsWith("/api/")) {
        const body: Buffer[] = [];
        request.on("data", (chunk: Buffer) => body.push(chunk));
        request.on("end", () => environment?.sent.push({ method: request.method ?? "GET", path, body: Buffer.concat(body).toString("utf8") }));
      }
      request.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}${prefix}`;
    environment = new TestEnvironment(emulator, proxy, url);
    return environment;
  }

  get credentials(): ScalekitCredentials {
    return { environmentUrl: this.url, clientId: this.emulator.clientId, clientSecret: this.emulator.clientSecret };
  }

  /** The client secret and every token issued: none may ever appear in anything a user sees. */
  secrets(): string[] {
    return [this.emulator.clientSecret, ...this.issuedTokens];
  }

  counters(): Promise<CountersBody> {
    return emulatorControl.routeCounters(this.emulator.url);
  }

  async resetCounters(): Promise<void> {
    await emulatorControl.clearCounters(this.emulator.url);
  }

  async faults(rules: FaultRule[], seed = 7): Promise<void> {
    await emulatorControl.setFaults(this.emulator.url, { seed, rules });
  }

  async clearFaults(): Promise<void> {
    await emulatorControl.clearFaults(this.emulator.url);
  }

  async setUsage(identifier: string, connections: number, connectedAccounts: number): Promise<void> {
    await emulatorControl.setUsage(this.emulator.url, identifier, { connections, connectedAccounts });
  }

  /** Every custom connector the emulator holds (snake_case Provider objects). */
  connectors(): Promise<Provider[]> {
    return emulatorControl.connectors(this.emulator.url);
  }

  async expireTokens(): Promise<void> {
    await emulatorControl.expireTokens(this.emulator.url);
  }

  /** Moves the clock the emulator measures token lifetimes on `seconds` ahead (a reset puts it back). */
  async advanceClock(seconds: number): Promise<void> {
    await emulatorControl.advanceClock(this.emulator.url, seconds);
  }

  /** The JSON bodies of the writes (`method`, e.g. "PUT") sent to `path` through the proxy, oldest first. */
  sentBodies(method: string, path: string): unknown[] {
    return this.sent.filter((request) => request.method === method && request.path === path).map((request) => JSON.parse(request.body) as unknown);
  }

  /** Removes every connector, usage, fault, counter and token. */
  async reset(): Promise<void> {
    await emulatorControl.reset(this.emulator.url);
    this.refuseAllTokens = false;
    this.sent.length = 0;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.proxy.close(() => resolve()));
    this.proxy.closeAllConnections();
    await closed;
    await this.emulator.close();
  }
}

/** Route keys of the emulator's counters and fault rules, by short name. */
export const routes = {
  token: ROUTES.token,
  create: ROUTES.createProvider,
  update: ROUTES.updateProvider,
  remove: ROUTES.deleteProvider,
  list: ROUTES.listProviders,
} as const;
