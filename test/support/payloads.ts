/**
 * Connector definitions for the provider tests, in Scalekit's snake_case payload format (as in
 * Scalekit's docs) and, for the mapping tests, the same connectors written by hand in camelCase:
 * the pairs are files of test/fixtures/connectors/ (`<name>.payload.json`, `<name>.args.json`).
 */
import * as fs from "fs";
import * as path from "path";
import type { NormalizedDefinition } from "pulumi-scalekit-connectors";
import { normalizeDefinition, validateDefinition } from "pulumi-scalekit-connectors/internal";
import { testFixturesDir } from "../../scripts/lib/paths";

/** A typed declaration's canonical definition, as the provider derives it; an invalid one fails the test. */
export function canonical(declaration: unknown): NormalizedDefinition {
  const result = validateDefinition(declaration);
  if (!result.ok) throw new Error(`invalid: ${JSON.stringify(result.failures)}`);
  return normalizeDefinition(result.definition);
}

/** A definition fixture, a fresh copy, under another display name when one is given. */
function fixture(name: string, form: "payload" | "args", displayName: string | undefined): Record<string, any> {
  const definition = JSON.parse(fs.readFileSync(path.join(testFixturesDir, "connectors", `${name}.${form}.json`), "utf8")) as Record<string, any>;
  if (displayName !== undefined) definition[form === "payload" ? "display_name" : "displayName"] = displayName;
  return definition;
}

/** OAuth with every documented field, a named path parameter and metadata ("Ticket Desk"). */
export const oauthPayload = (displayName?: string): Record<string, any> => fixture("ticket-desk", "payload", displayName);
/** The same connector, written by hand with Pulumi's camelCase arguments. */
export const oauthArgs = (displayName?: string): Record<string, any> => fixture("ticket-desk", "args", displayName);

/** BASIC auth with field mutations and the {{domain}} and {{version}} placeholders ("Legacy Billing"). */
export const basicPayload = (displayName?: string): Record<string, any> => fixture("legacy-billing", "payload", displayName);
export const basicArgs = (displayName?: string): Record<string, any> => fixture("legacy-billing", "args", displayName);

/** The Bearer MCP example of Scalekit's docs (scalekit-api.md), unchanged ("Example MCP"). */
export const mcpPayload = (displayName?: string): Record<string, any> => fixture("example-mcp", "payload", displayName);
export const mcpArgs = (displayName?: string): Record<string, any> => fixture("example-mcp", "args", displayName);

/** An MCP server with OAuth by dynamic client registration, and one without any auth ("Notes MCP"). */
export const mcpOauthPayload = (displayName?: string): Record<string, any> => fixture("notes-mcp", "payload", displayName);

/** A small valid BEARER connector, typed. */
export function bearerArgs(displayName: string, extra: Record<string, any> = {}): Record<string, any> {
  return {
    displayName,
    authPatterns: [{ type: "BEARER", displayName: "Token", fields: [{ fieldName: "token", label: "Token", inputType: "password", required: true }] }],
    proxyUrl: "https://api.example.com/v1",
    ...extra,
  };
}

/** The same, as a Scalekit payload. */
export function bearerPayload(displayName: string, extra: Record<string, any> = {}): Record<string, any> {
  return {
    display_name: displayName,
    auth_patterns: [{ type: "BEARER", display_name: "Token", fields: [{ field_name: "token", label: "Token", input_type: "password", required: true }] }],
    proxy_url: "https://api.example.com/v1",
    ...extra,
  };
}

/**
 * A BASIC connector whose password field has a default: a credential Scalekit holds (the core's
 * credentialPaths), or a placeholder for one. As a Scalekit payload; `extra` adds or overrides
 * top-level keys (description, proxy_url, proxy_enabled, metadata).
 */
export function basicWithDefaultPassword(displayName: string, password: unknown, extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    display_name: displayName,
    auth_patterns: [
      {
        type: "BASIC",
        display_name: "Basic Auth",
        fields: [
          { field_name: "username", label: "User", input_type: "text", required: true },
          { field_name: "password", label: "Password", input_type: "password" },
        ],
        auth_field_mutations: { password: { default: password } },
      },
    ],
    proxy_url: "https://helpdesk.example/api",
    ...extra,
  };
}
