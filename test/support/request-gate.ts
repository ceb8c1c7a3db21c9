/**
 * A gate in front of a Scalekit environment (an emulator): a small HTTP proxy that forwards every
 * request as it came, except while it is shut, when requests wait at the gate until it opens. A
 * test shuts it to hold a process at its first API call for as long as the test needs (until
 * another process has ended, say), with no timing guess. It also notes the display name of every
 * create (POST /api/v1/custom-providers) it forwards, so a test can tell how often each was sent.
 */
import * as http from "http";
import type { AddressInfo } from "net";

export interface RequestGate {
  /** The environment URL to hand to clients instead of the emulator's. */
  url: string;
  /** Requests arriving from now on wait until `open()`. */
  shut(): void;
  /** Lets every waiting request through, and the ones that follow. */
  open(): void;
  /** How many requests are waiting at the gate now. */
  readonly waiting: number;
  /** Called with each request the gate holds (`POST /oauth/token`), as it starts to wait. */
  onHold?: (request: { method: string; path: string }) => void;
  /** The display name of every create forwarded, in order (`?` when the body had none). */
  readonly createdNames: readonly string[];
  close(): Promise<void>;
}

const createPath = "/api/v1/custom-providers";

export async function startRequestGate(targetUrl: string): Promise<RequestGate> {
  const target = new URL(targetUrl);
  let shut = false;
  const held: Array<() => void> = [];
  const createdNames: string[] = [];

  const forward = (request: http.IncomingMessage, body: Buffer, response: http.ServerResponse): void => {
    if (request.method === "POST" && (request.url ?? "").split("?")[0] === createPath) {
      let name = "?";
      try {
        name = String((JSON.parse(body.toString("utf8")) as { display_name?: unknown }).display_name ?? "?");
      } catch {
        // Not JSON: the emulator will say so; the create is still counted.
      }
      createdNames.push(name);
    }
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    // The emulator dropped the connection: drop ours too, as the client would see it.
    upstream.on("error", () => response.destroy());
    upstream.end(body);
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      if (!shut) return forward(request, body, response);
      held.push(() => forward(request, body, response));
      gate.onHold?.({ method: request.method ?? "", path: (request.url ?? "").split("?")[0]! });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const gate: RequestGate = {
    url: `http://127.0.0.1:${port}`,
    shut: () => {
      shut = true;
    },
    open: () => {
      shut = false;
      for (const release of held.splice(0)) release();
    },
    get waiting() {
      return held.length;
    },
    createdNames,
    close: () =>
      new Promise<void>((resolve) => {
        for (const release of held.splice(0)) release();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return gate;
}
