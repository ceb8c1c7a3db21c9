/**
 * The baseline: Scalekit's documented curl workflow, one request at a time. Every operation
 * gets a token, lists the environment's custom connectors (following pages), then sends its
 * writes one connector after another. It runs the real `curl` when one is on PATH (one process
 * per request, as a shell script would), otherwise the same requests with in-process fetch.
 */
import { execFile } from "child_process";
import type { ScalekitCredentials } from "../../../scripts/lib/credentials";
import { findOnPath } from "../../../scripts/lib/find-program";

export type BaselineOperation = "create" | "check" | "refresh" | "update" | "destroy";

interface HttpAnswer {
  status: number;
  body: string;
}

type Sender = (method: string, url: string, headers: Record<string, string>, body?: string) => Promise<HttpAnswer>;

function curlSender(curl: string): Sender {
  return (method, url, headers, body) =>
    new Promise((resolve, reject) => {
      const args = ["-sS", "-X", method, url, "-w", "\n%{http_code}"];
      for (const [name, value] of Object.entries(headers)) args.push("-H", `${name}: ${value}`);
      if (body !== undefined) args.push("--data-binary", "@-");
      const child = execFile(curl, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout) => {
        if (error) return reject(error);
        const cut = stdout.lastIndexOf("\n");
        resolve({ status: Number(stdout.slice(cut + 1)), body: stdout.slice(0, cut) });
      });
      child.stdin?.end(body ?? "");
    });
}

const fetchSender: Sender = async (method, url, headers, body) => {
  // A new connection per request, as separate curl commands would have.
  const response = await fetch(url, { method, headers: { ...headers, connection: "close" }, ...(body === undefined ? {} : { body }) });
  return { status: response.status, body: await response.text() };
};

/** How the baseline sends requests: "curl" or "fetch". */
export function baselineTransport(): { name: "curl" | "fetch"; send: Sender } {
  const curl = findOnPath("curl");
  return curl ? { name: "curl", send: curlSender(curl) } : { name: "fetch", send: fetchSender };
}

class CurlWorkflow {
  private token = "";

  constructor(
    private readonly target: ScalekitCredentials,
    private readonly send: Sender,
  ) {}

  private async expect(answer: Promise<HttpAnswer>, status: number, what: string): Promise<string> {
    const result = await answer;
    if (result.status !== status) throw new Error(`baseline ${what} answered ${result.status}: ${result.body.slice(0, 300)}`);
    return result.body;
  }

  async authenticate(): Promise<void> {
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: this.target.clientId, client_secret: this.target.clientSecret });
    const body = await this.expect(
      this.send("POST", `${this.target.environmentUrl}/oauth/token`, { "content-type": "application/x-www-form-urlencoded" }, form.toString()),
      200,
      "token",
    );
    this.token = (JSON.parse(body) as { access_token: string }).access_token;
  }

  private get auth(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  /** Display name → identifier of every custom connector. */
  async list(): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    let pageToken = "";
    do {
      const query = new URLSearchParams({ "filter.provider_type": "CUSTOM", page_size: "1000", page_token: pageToken });
      const body = await this.expect(this.send("GET", `${this.target.environmentUrl}/api/v1/providers?${query}`, this.auth), 200, "list");
      const page = JSON.parse(body) as { providers: { identifier: string; display_name: string }[]; next_page_token: string };
      for (const provider of page.providers) found.set(provider.display_name, provider.identifier);
      pageToken = page.next_page_token;
    } while (pageToken !== "");
    return found;
  }

  create(payload: string): Promise<string> {
    return this.expect(this.send("POST", `${this.target.environmentUrl}/api/v1/custom-providers`, { ...this.auth, "content-type": "application/json" }, payload), 201, "create");
  }

  update(identifier: string, payload: string): Promise<string> {
    const url = `${this.target.environmentUrl}/api/v1/custom-providers/${encodeURIComponent(identifier)}`;
    return this.expect(this.send("PUT", url, { ...this.auth, "content-type": "application/json" }, payload), 200, "update");
  }

  remove(identifier: string): Promise<string> {
    return this.expect(this.send("DELETE", `${this.target.environmentUrl}/api/v1/custom-providers/${encodeURIComponent(identifier)}`, this.auth), 200, "delete");
  }
}

export interface BaselineRun {
  operation: BaselineOperation;
  wallMs: number;
}

/**
 * Runs one operation of the curl workflow over the definitions in `payloads` (file contents):
 * create = create every missing one; check and refresh = list; update = PUT `updated` (the
 * first definition changed); destroy = delete every listed one that a definition names.
 */
export async function runBaseline(
  target: ScalekitCredentials,
  send: Sender,
  operation: BaselineOperation,
  payloads: string[],
  updated?: string,
): Promise<BaselineRun> {
  const started = performance.now();
  const flow = new CurlWorkflow(target, send);
  await flow.authenticate();
  const existing = await flow.list();
  const names = payloads.map((text) => (JSON.parse(text) as { display_name: string }).display_name);
  if (operation === "create") {
    for (const [index, payload] of payloads.entries()) {
      if (!existing.has(names[index]!)) await flow.create(payload);
    }
  } else if (operation === "update") {
    if (updated === undefined) throw new Error("the update baseline needs the updated payload");
    const identifier = existing.get((JSON.parse(updated) as { display_name: string }).display_name);
    if (identifier === undefined) throw new Error("the connector to update does not exist");
    await flow.update(identifier, updated);
  } else if (operation === "destroy") {
    for (const name of names) {
      const identifier = existing.get(name);
      if (identifier !== undefined) await flow.remove(identifier);
    }
  }
  return { operation, wallMs: performance.now() - started };
}
