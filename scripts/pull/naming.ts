/**
 * Which live connectors a folder of definitions declares already, and what a new definition file
 * is called. Names are compared the provider's way (ignoring case and spaces), through the
 * provider's own comparison, so that pull and `pulumi up --config adoptExisting=true` agree on
 * "the connector with this name".
 */
import { sameConnectorName } from "pulumi-scalekit-connectors/internal";

/** An existing definition file, as far as naming is concerned. */
export interface DeclaringFile {
  /** Path as shown to the user, e.g. `connectors/acme-crm.json`. */
  file: string;
  /** Its payload (any JSON; only a string `display_name` declares a connector). */
  payload: unknown;
}

/** The display name a definition file declares, if it has one. */
export function declaredName(payload: unknown): string | undefined {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) return undefined;
  const name = (payload as Record<string, unknown>).display_name;
  return typeof name === "string" && name.trim() !== "" ? name : undefined;
}

/** The files among `files` whose display_name names the connector `displayName`. */
export function filesDeclaring(displayName: string, files: readonly DeclaringFile[]): DeclaringFile[] {
  return files.filter((entry) => {
    const name = declaredName(entry.payload);
    return name !== undefined && sameConnectorName(name, displayName);
  });
}

/**
 * A file's base name for a display name: lower case, words (runs of letters and digits) joined
 * by `-`. "Acme CRM" → `acme-crm`, "  Pager  Relay MCP " → `pager-relay-mcp`. A name without a
 * letter or digit (which no valid display name is) becomes `connector`.
 */
export function fileBaseName(displayName: string): string {
  const words = displayName.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.length > 0 ? words.join("-") : "connector";
}

/**
 * The first free file name for a display name: `<base>.json`, else `<base>-2.json`,
 * `<base>-3.json`, ... `taken` holds the names already used (in the folder and by files written
 * in this run); names are compared ignoring case, as some file systems do.
 */
export function chooseFileName(displayName: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((name) => name.toLowerCase()));
  const base = fileBaseName(displayName);
  for (let n = 1; ; n++) {
    const candidate = `${base}${n === 1 ? "" : `-${n}`}.json`;
    if (!used.has(candidate)) return candidate;
  }
}
