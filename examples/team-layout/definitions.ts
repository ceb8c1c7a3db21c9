/**
 * The team's connectors, defined once. Both stacks apply exactly these definitions: Dev first,
 * Production after review. Nothing in here depends on the stack.
 */
import type { CustomConnectorArgs } from "pulumi-scalekit-connectors";

/** Resource name → connector definition. */
export const connectorDefinitions: Record<string, CustomConnectorArgs> = {
  "support-inbox": {
    displayName: "Support Inbox",
    description: "Read and answer support conversations",
    authPatterns: [
      {
        type: "OAUTH",
        displayName: "Sign in with Support Inbox",
        oauthConfig: {
          authorizeUri: "https://app.supportinbox.example/oauth/authorize",
          tokenUri: "https://app.supportinbox.example/oauth/token",
          availableScopes: [
            { scope: "conversations.read", displayName: "Read conversations", required: true },
            { scope: "conversations.reply", displayName: "Reply to conversations" },
          ],
          pkceEnabled: true,
        },
      },
    ],
    proxyUrl: "https://api.supportinbox.example/v1",
    metadata: { owner: "support-tools" },
  },
  "metrics-api": {
    displayName: "Metrics API",
    description: "Query dashboards and time series",
    authPatterns: [
      {
        type: "API_KEY",
        displayName: "API key",
        fields: [{ fieldName: "api_key", label: "API key", inputType: "password", required: true }],
        authHeaderKeyOverride: "X-Metrics-Key",
      },
    ],
    proxyUrl: "https://api.metrics.example/v3",
    metadata: { owner: "sre" },
  },
  "runbook-mcp": {
    displayName: "Runbook MCP",
    description: "Look up and run runbooks from an agent",
    authPatterns: [
      {
        type: "BEARER",
        displayName: "Runbook token",
        isMcp: true,
        fields: [{ fieldName: "token", label: "Token", inputType: "password", required: true }],
      },
    ],
    proxyUrl: "https://mcp.runbooks.example/mcp",
    metadata: { owner: "sre" },
  },
};
