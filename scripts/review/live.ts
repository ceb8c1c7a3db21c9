import type { ConnectorJson } from "./compare";
import type { EnvironmentCredentials } from "./credentials";

async function answer(response: Response, what: string): Promise<Record<string, unknown>> {
  const text = await response.text();
  if (!response.ok) {
    let message = text;
    try {
      message = String((JSON.parse(text) as { message?: unknown }).message ?? text);
    } catch {
      // not JSON: keep the text
    }
    throw new Error(`${what} answered ${response.status}: ${message.slice(0, 300)}`);
  }
  return JSON.parse(text) as Record<string, unknown>;
}

/** Every custom connector of one Scalekit environment (all pages), read-only. */
export async function listCustomConnectors(credentials: EnvironmentCredentials): Promise<ConnectorJson[]> {
  const base = credentials.environmentUrl.replace(/\/+$/, "");
  const token = await answer(
    await fetch(`${base}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: credentials.clientId, client_secret: credentials.clientSecret }),
    }),
    "POST /oauth/token",
  );
  const connectors: ConnectorJson[] = [];
  let pageToken = "";
  do {
    const query = new URLSearchParams({ "filter.provider_type": "CUSTOM", page_size: "100" });
    if (pageToken) query.set("page_token", pageToken);
    const page = await answer(
      await fetch(`${base}/api/v1/providers?${query}`, { headers: { authorization: `Bearer ${String(token.access_token)}` } }),
      "GET /api/v1/providers",
    );
    connectors.push(...((page.providers as ConnectorJson[] | undefined) ?? []));
    pageToken = typeof page.next_page_token === "string" ? page.next_page_token : "";
  } while (pageToken);
  return connectors;
}
