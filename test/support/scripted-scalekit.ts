/**
 * A stand-in for Scalekit (or a proxy in front of it) on 127.0.0.1 whose answers to a create or an
 * update a test writes: a token for any client, an empty listing, and `answerWrite` for
 * `POST /api/v1/custom-providers` and `PUT /api/v1/custom-providers/{identifier}`, given the
 * request's body as it arrived. `"hold"` keeps the request open without an answer until the
 * server closes. `nextWrite()` resolves once the next write has been answered (or held).
 */
import * as http from "http";
import type { AddressInfo } from "net";

export interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export class ScriptedScalekit {
  readonly clientSecret = `scripted-secret-${Math.random().toString(36).slice(2)}`;
  readonly tokens: string[] = [];
  /** Writes answered so far. */
  writes = 0;
  private server!: http.Server;
  private writeWaiters: (() => void)[] = [];

  private constructor(private readonly answerWrite: (body: string) => RawAnswer | "hold") {}

  static async start(answerWrite: (body: string) => RawAnswer | "hold"): Promise<ScriptedScalekit> {
    const scripted = new ScriptedScalekit(answerWrite);
    scripted.server = http.createServer((request, response) => scripted.answer(request, response));
    await new Promise<void>((resolve) => scripted.server.listen(0, "127.0.0.1", resolve));
    return scripted;
  }

  get credentials() {
    return { environmentUrl: `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`, clientId: "skc_scripted", clientSecret: this.clientSecret };
  }

  /** The credentials as stack config (`scalekit:...`), as a door's configure receives them. */
  get config(): { get(key: string): string | undefined } {
    const { environmentUrl, clientId, clientSecret } = this.credentials;
    const values: Record<string, string> = { "scalekit:environmentUrl": environmentUrl, "scalekit:clientId": clientId, "scalekit:clientSecret": clientSecret };
    return { get: (key) => values[key] };
  }

  private answer(request: http.IncomingMessage, response: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = (request.url ?? "/").split("?")[0];
      const body = Buffer.concat(chunks).toString("utf8");
      let answer: RawAnswer | "hold";
      if (request.method === "POST" && path === "/oauth/token") {
        const token = `tok_${Math.random().toString(36).slice(2)}`;
        this.tokens.push(token);
        answer = { status: 200, contentType: "application/json", body: JSON.stringify({ access_token: token, token_type: "Bearer", expires_in: 3600 }) };
      } else if (request.method === "GET" && path === "/api/v1/providers") {
        answer = { status: 200, contentType: "application/json", body: JSON.stringify({ providers: [], next_page_token: "", total_size: 0 }) };
      } else if ((request.method === "POST" && path === "/api/v1/custom-providers") || (request.method === "PUT" && path?.startsWith("/api/v1/custom-providers/"))) {
        this.writes += 1;
        answer = this.answerWrite(body);
        const waiters = this.writeWaiters;
        this.writeWaiters = [];
        setImmediate(() => waiters.forEach((resolve) => resolve()));
      } else {
        answer = { status: 404, contentType: "application/json", body: JSON.stringify({ code: 5, message: `no route ${request.method} ${path}` }) };
      }
      if (answer === "hold") return;
      response.writeHead(answer.status, { "content-type": answer.contentType, ...answer.headers }).end(answer.body);
    });
  }

  /** Resolves once the next write has been answered (or held). */
  nextWrite(): Promise<void> {
    return new Promise((resolve) => this.writeWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
