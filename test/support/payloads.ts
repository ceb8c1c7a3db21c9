/**
 * Connector definitions for the provider tests, in Scalekit's snake_case payload format (as in
 * Scalekit's docs) and, for the mapping tests, the same connectors written by hand in camelCase.
 */

/** OAuth with every documented field, a named path parameter and metadata. */
export function oauthPayload(displayName = "Ticket Desk"): Record<string, any> {
  return {
    display_name: displayName,
    description: "Tickets and customers of a Ticket Desk tenant",
    auth_patterns: [
      {
        type: "OAUTH",
        display_name: "Sign in with Ticket Desk",
        description: "Users grant access to their tenant",
        account_fields: [
          { field_name: "tenant", label: "Tenant", input_type: "text", hint: "acme in acme.ticketdesk.example", required: true, is_path_param: true },
        ],
        oauth_config: {
          authorize_uri: "https://auth.ticketdesk.example/authorize",
          token_uri: "https://auth.ticketdesk.example/token",
          user_info_uri: "https://api.ticketdesk.example/me",
          available_scopes: [
            { scope: "tickets.read", display_name: "Read tickets", description: "List and read tickets", required: true },
            { scope: "tickets.write", display_name: "Update tickets", description: "Reply to and close tickets", required: false },
          ],
          pkce_enabled: true,
          allow_use_scalekit_credentials: true,
          custom_scope_name: "scope",
        },
        auth_header_key_override: "X-Desk-Authorization",
      },
    ],
    proxy_url: "https://{{tenant}}.ticketdesk.example/api",
    proxy_enabled: true,
    icon_src: "https://assets.ticketdesk.example/icon.png",
    metadata: { owner: "support-tools", tier: "gold" },
  };
}

/** The same connector, written by hand with Pulumi's camelCase arguments. */
export function oauthArgs(displayName = "Ticket Desk"): Record<string, any> {
  return {
    displayName,
    description: "Tickets and customers of a Ticket Desk tenant",
    authPatterns: [
      {
        type: "OAUTH",
        displayName: "Sign in with Ticket Desk",
        description: "Users grant access to their tenant",
        accountFields: [{ fieldName: "tenant", label: "Tenant", inputType: "text", hint: "acme in acme.ticketdesk.example", required: true, isPathParam: true }],
        oauthConfig: {
          authorizeUri: "https://auth.ticketdesk.example/authorize",
          tokenUri: "https://auth.ticketdesk.example/token",
          userInfoUri: "https://api.ticketdesk.example/me",
          availableScopes: [
            { scope: "tickets.read", displayName: "Read tickets", description: "List and read tickets", required: true },
            { scope: "tickets.write", displayName: "Update tickets", description: "Reply to and close tickets", required: false },
          ],
          pkceEnabled: true,
          allowUseScalekitCredentials: true,
          customScopeName: "scope",
        },
        authHeaderKeyOverride: "X-Desk-Authorization",
      },
    ],
    proxyUrl: "https://{{tenant}}.ticketdesk.example/api",
    proxyEnabled: true,
    iconSrc: "https://assets.ticketdesk.example/icon.png",
    metadata: { owner: "support-tools", tier: "gold" },
  };
}

/** BASIC auth with field mutations and the {{domain}} and {{version}} placeholders. */
export function basicPayload(displayName = "Legacy Billing"): Record<string, any> {
  return {
    display_name: displayName,
    description: "Invoices from the legacy billing system",
    auth_patterns: [
      {
        type: "BASIC",
        display_name: "Username and password",
        description: "A service account of the billing system",
        fields: [
          { field_name: "domain", label: "Host", input_type: "text", required: true },
          { field_name: "version", label: "API version", input_type: "select", hint: "v1 or v2", required: true },
          { field_name: "username", label: "Username", input_type: "text", required: true },
          { field_name: "password", label: "Password", input_type: "password", required: true },
        ],
        auth_field_mutations: {
          username: { prefix: "svc-", default: "reader" },
          password: { suffix: "!" },
        },
      },
    ],
    proxy_url: "https://{{domain}}/billing/{{version}}",
    proxy_enabled: true,
    metadata: { owner: "finance" },
  };
}

export function basicArgs(displayName = "Legacy Billing"): Record<string, any> {
  return {
    displayName,
    description: "Invoices from the legacy billing system",
    authPatterns: [
      {
        type: "BASIC",
        displayName: "Username and password",
        description: "A service account of the billing system",
        fields: [
          { fieldName: "domain", label: "Host", inputType: "text", required: true },
          { fieldName: "version", label: "API version", inputType: "select", hint: "v1 or v2", required: true },
          { fieldName: "username", label: "Username", inputType: "text", required: true },
          { fieldName: "password", label: "Password", inputType: "password", required: true },
        ],
        authFieldMutations: {
          username: { prefix: "svc-", default: "reader" },
          password: { suffix: "!" },
        },
      },
    ],
    proxyUrl: "https://{{domain}}/billing/{{version}}",
    proxyEnabled: true,
    metadata: { owner: "finance" },
  };
}

/** The Bearer MCP example of Scalekit's docs (scalekit-api.md), unchanged. */
export function mcpPayload(displayName = "Example MCP"): Record<string, any> {
  return {
    display_name: displayName,
    description: "Connect to an example MCP server",
    auth_patterns: [
      {
        type: "BEARER",
        display_name: "API Token",
        description: "Authenticate with a long-lived token",
        is_mcp: true,
        fields: [{ field_name: "token", label: "API Token", input_type: "password", hint: "Your token", required: true }],
      },
    ],
    proxy_url: "https://mcp.example.com/mcp",
    proxy_enabled: true,
  };
}

export function mcpArgs(displayName = "Example MCP"): Record<string, any> {
  return {
    displayName,
    description: "Connect to an example MCP server",
    authPatterns: [
      {
        type: "BEARER",
        displayName: "API Token",
        description: "Authenticate with a long-lived token",
        isMcp: true,
        fields: [{ fieldName: "token", label: "API Token", inputType: "password", hint: "Your token", required: true }],
      },
    ],
    proxyUrl: "https://mcp.example.com/mcp",
    proxyEnabled: true,
  };
}

/** An MCP server with OAuth by dynamic client registration, and one without any auth. */
export function mcpOauthPayload(displayName = "Notes MCP"): Record<string, any> {
  return {
    display_name: displayName,
    description: "Notes over MCP",
    auth_patterns: [
      { type: "OAUTH", display_name: "Sign in", is_mcp: true, oauth_config: { pkce_enabled: true } },
      { type: "NO_AUTH", display_name: "Public notes", is_mcp: true },
    ],
    proxy_url: "https://mcp.notes.example/mcp",
    proxy_enabled: true,
  };
}

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
