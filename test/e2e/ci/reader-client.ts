/**
 * A stand-in for a Scalekit client that may only read, in front of an emulator: its own address,
 * client id and secret, which it trades for the emulator's own at `POST /oauth/token`; every `GET`
 * passes through; anything else is refused as a permission denial (403, gRPC code 7) and recorded.
 * Scalekit documents no such client (examples/ci/README.md): this is what the recipe assumes one
 * would do, so that the test shows the pull-request and drift jobs need no more than reading.
 * Listens on 127.0.0.1 only.
 */
import * as http from "http";
import type { AddressInfo } from "net";
import type { WatchedEmulator } from "../../../scripts/lib/emulators";

export interface ReaderClient {
  credentials: { environmentUrl: string; clientId: string; clientSecret: string };
  /** `METHOD /path` of every request it refused. */
  refused: string[];
  close(): Promise<void>;
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function answer(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

export async function startReaderClient(emulator: WatchedEmulator, clientId: string, clientSecret: string): Promise<ReaderClient> {
  const refused: string[] = [];
  const target = new URL(emulator.url);

  const forward = (request: http.IncomingMessage, body: Buffer, response: http.ServerResponse): void => {
    const headers = { ...request.headers, host: target.host, "content-length": String(body.length) };
    const upstream = http.request({ hostname: target.hostname, port: target.port, path: request.url, method: request.method, headers }, (reply) => {
      response.writeHead(reply.statusCode ?? 502, reply.headers);
      reply.pipe(response);
    });
    upstream.on("error", (error) => answer(response, 502, { code: 14, message: `the reader stand-in could not reach the emulator: ${error.message}` }));
    upstream.end(body);
  };

  const server = http.createServer((request, response) => {
    void readBody(request).then((body) => {
      const where = new URL(request.url ?? "/", "http://reader").pathname;
      if (request.method === "POST" && where === "/oauth/token") {
        const form = new URLSearchParams(body.toString("utf8"));
        if (form.get("client_id") !== clientId || form.get("client_secret") !== clientSecret) {
          answer(response, 401, { error: "invalid_client", error_description: "not the reader client" });
          return;
        }
        form.set("client_id", emulator.clientId);
        form.set("client_secret", emulator.clientSecret);
        forward(request, Buffer.from(form.toString(), "utf8"), response);
      } else if (request.method === "GET") {
        forward(request, body, response);
      } else {
        refused.push(`${request.method} ${where}`);
        answer(response, 403, { code: 7, message: "this client may only read", details: [{ "@type": "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo", error_code: "PERMISSION_DENIED" }] });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    credentials: { environmentUrl: `http://127.0.0.1:${port}`, clientId, clientSecret },
    refused,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
