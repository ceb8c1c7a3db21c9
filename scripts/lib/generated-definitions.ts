/**
 * Generated connector definitions, for the benchmark and the fault suites: N valid Scalekit
 * payloads, one JSON file each, cycling through the auth shapes of the project's own examples
 * (Bearer, API key, Basic, OAuth with a domain path parameter, MCP with OAuth, MCP without auth).
 */
import * as fs from "fs";
import * as path from "path";

export type Payload = Record<string, unknown>;

/** Zero-padded so that files sort in creation order. */
function number(index: number): string {
  return String(index + 1).padStart(4, "0");
}

/** The file base name of connector `index` (0-based), e.g. `bench-0001`. */
export function definitionName(index: number, prefix = "bench"): string {
  return `${prefix}-${number(index)}`;
}

/** The display name of connector `index`; the emulator derives the identifier from it. */
export function displayName(index: number, label = "Bench Connector"): string {
  return `${label} ${number(index)}`;
}

const tokenField = { field_name: "token", label: "API token", input_type: "password", hint: "Your token", required: true };

const shapes: ((name: string) => Omit<Payload, "display_name" | "description">)[] = [
  () => ({
    auth_patterns: [{ type: "BEARER", display_name: "API token", description: "A long-lived token", fields: [tokenField] }],
    proxy_url: "https://api.example.com/v1",
    proxy_enabled: true,
  }),
  () => ({
    auth_patterns: [
      {
        type: "API_KEY",
        display_name: "API key",
        description: "The key from the developer console",
        fields: [{ field_name: "api_key", label: "API key", input_type: "password", hint: "32 characters", required: true }],
        auth_header_key_override: "X-Api-Key",
      },
    ],
    proxy_url: "https://api.example.org/v2",
    proxy_enabled: true,
    metadata: { owner: "bench-team" },
  }),
  () => ({
    auth_patterns: [
      {
        type: "BASIC",
        display_name: "Username and password",
        description: "An API user",
        fields: [
          { field_name: "username", label: "User", input_type: "text", hint: "api@example.com", required: true },
          { field_name: "password", label: "Password", input_type: "password", hint: "Shown once", required: true },
        ],
      },
    ],
    proxy_url: "https://ledger.example.net/api",
    proxy_enabled: true,
  }),
  (name) => ({
    auth_patterns: [
      {
        type: "OAUTH",
        display_name: "OAuth 2.0",
        description: "Users sign in and grant access",
        account_fields: [
          { field_name: "domain", label: "Subdomain", input_type: "text", hint: "mycompany", required: true, is_path_param: true },
        ],
        oauth_config: {
          authorize_uri: "https://login.example.com/oauth2/authorize",
          token_uri: "https://login.example.com/oauth2/token",
          available_scopes: [{ scope: "read", display_name: "Read", description: `Read ${name}`, required: true }],
          pkce_enabled: true,
        },
      },
    ],
    proxy_url: "https://{{domain}}.example.com/api",
    proxy_enabled: true,
    icon_src: "https://assets.example.com/icon.png",
  }),
  () => ({
    auth_patterns: [
      { type: "OAUTH", display_name: "Sign in", description: "Dynamic client registration", is_mcp: true, oauth_config: { pkce_enabled: true } },
    ],
    proxy_url: "https://mcp.example.com/mcp",
    proxy_enabled: true,
  }),
  () => ({
    auth_patterns: [{ type: "NO_AUTH", display_name: "No authentication", description: "A public server", is_mcp: true }],
    proxy_url: "https://mcp.example.org/mcp",
    proxy_enabled: true,
  }),
];

/** The valid payload of connector `index`. */
export function definition(index: number, label = "Bench Connector"): Payload {
  const name = displayName(index, label);
  return { display_name: name, description: `Synthetic connector ${number(index)}`, ...shapes[index % shapes.length]!(name) };
}

export interface WrittenDefinitions {
  dir: string;
  /** File base names, in order. */
  names: string[];
}

/** Writes N definitions into `dir` (emptied first), one `<name>.json` each. */
export function writeGeneratedDefinitions(dir: string, count: number, options: { prefix?: string; label?: string } = {}): WrittenDefinitions {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const names: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const name = definitionName(index, options.prefix);
    fs.writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(definition(index, options.label), null, 2)}\n`);
    names.push(name);
  }
  return { dir, names };
}
