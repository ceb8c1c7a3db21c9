/**
 * A stand-in for a GitHub release's download folder, on 127.0.0.1: serves the files of a local
 * folder at `/releases/download/<tag>/<file>` (the path a release's assets have on github.com),
 * answers 404 to anything else, and records every path it was asked for.
 */
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";

export interface ReleaseServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Every request's method and path, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `folder` as the assets of the release tagged `tag`. */
export async function startReleaseServer(folder: string, tag: string): Promise<ReleaseServer> {
  const requests: string[] = [];
  const prefix = `/releases/download/${tag}/`;
  const server = http.createServer((request, response) => {
    const url = request.url ?? "";
    requests.push(`${request.method} ${url}`);
    const name = url.startsWith(prefix) ? decodeURIComponent(url.slice(prefix.length)) : "";
    const file = path.join(folder, name);
    if (request.method !== "GET" || name === "" || name.includes("/") || !fs.existsSync(file)) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
      return;
    }
    response.writeHead(200, { "content-type": "application/octet-stream", "content-length": fs.statSync(file).size });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
