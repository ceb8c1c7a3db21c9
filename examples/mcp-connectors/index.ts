/**
 * Connectors to MCP servers. Every auth pattern of an MCP connector sets `isMcp: true`.
 * Credentials: the stack's scalekit:* config, or SCALEKIT_ENVIRONMENT_URL / _CLIENT_ID / _CLIENT_SECRET.
 */
import { CustomConnector } from "pulumi-scalekit-connectors";

/**
 * OAuth with dynamic client registration: the MCP server registers Scalekit as a client itself,
 * so `oauthConfig` is exactly `{ pkceEnabled: true }` (no endpoints, no scopes).
 */
const wikiMcp = new CustomConnector("wiki-mcp", {
  displayName: "Team Wiki MCP",
  description: "Search and edit pages of the team wiki from an agent",
  authPatterns: [
    {
      type: "OAUTH",
      displayName: "Sign in with Team Wiki",
      description: "OAuth with dynamic client registration",
      isMcp: true,
      oauthConfig: { pkceEnabled: true },
    },
  ],
  proxyUrl: "https://mcp.teamwiki.example/mcp",
});

/** A long-lived token the user pastes once. */
const deployMcp = new CustomConnector("deploy-mcp", {
  displayName: "Deploy Bot MCP",
  description: "Start and watch deployments",
  authPatterns: [
    {
      type: "BEARER",
      displayName: "API token",
      description: "A token from the Deploy Bot settings page",
      isMcp: true,
      fields: [{ fieldName: "token", label: "API token", inputType: "password", required: true }],
    },
  ],
  proxyUrl: "https://mcp.deploybot.example/mcp",
});

/** A public MCP server: NO_AUTH, which is for MCP servers only and collects no fields. */
const currencyMcp = new CustomConnector("currency-mcp", {
  displayName: "Open Currency MCP",
  description: "Exchange rates from a public MCP server",
  authPatterns: [{ type: "NO_AUTH", displayName: "No authentication", isMcp: true }],
  proxyUrl: "https://mcp.opencurrency.example/mcp",
});

/** Scalekit's identifier of each connector, and whether Scalekit sees it as an MCP connector. */
export const connectors = {
  wikiMcp: { identifier: wikiMcp.identifier, isMcp: wikiMcp.isCustomMcp },
  deployMcp: { identifier: deployMcp.identifier, isMcp: deployMcp.isCustomMcp },
  currencyMcp: { identifier: currencyMcp.identifier, isMcp: currencyMcp.isCustomMcp },
};
