/** The rules for a Scalekit environment URL: https, or http to this machine only; a path prefix is kept. */

const loopbackHosts = new Set(["localhost", "[::1]", "::1"]);

function isLoopback(hostname: string): boolean {
  return loopbackHosts.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** Parses and checks an environment URL; returns it without a trailing slash. */
export function checkEnvironmentUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`The Scalekit environment URL "${raw}" is not a URL. Use the environment's URL from the Scalekit dashboard, like https://yourcompany.scalekit.dev.`);
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    throw new Error(
      `The Scalekit environment URL ${url.origin} uses plain http, which would send the client secret unencrypted. Use https:// (plain http is accepted only for a local emulator on 127.0.0.1 or localhost).`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`The Scalekit environment URL must start with https:// (got ${url.protocol}).`);
  }
  url.pathname = url.pathname.replace(/\/+$/, "");
  url.search = "";
  url.hash = "";
  return url;
}

/** Joins an API path to the environment URL, keeping any path prefix the URL carries. */
export function apiUrl(base: URL, path: string, query?: Record<string, string>): URL {
  const url = new URL(base.href);
  url.pathname = `${base.pathname.replace(/\/+$/, "")}${path}`;
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
  return url;
}
