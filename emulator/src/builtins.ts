/**
 * A few built-in (DEFAULT) providers, so that filter.provider_type has
 * something to tell apart. They are listed but cannot be updated or deleted
 * through the custom provider endpoints.
 */

import type { AuthPattern, Provider } from "./types";

function oauthPattern(scopes: string[]): AuthPattern {
  return {
    type: "OAUTH",
    display_name: "OAuth 2.0",
    description: "Sign in and grant access",
    oauth_config: {
      available_scopes: scopes.map((scope) => ({ scope, display_name: scope, description: "", required: false })),
      pkce_enabled: false,
      allow_use_scalekit_credentials: true,
    },
  };
}

function builtIn(identifier: string, displayName: string, category: string, proxyUrl: string, scopes: string[], priority: number): Provider {
  return {
    id: `prv_default_${identifier}`,
    identifier,
    display_name: displayName,
    description: `Connect to ${displayName}`,
    categories: [category],
    auth_patterns: [oauthPattern(scopes)],
    icon_src: `https://cdn.scalekit.example/icons/${identifier}.svg`,
    display_priority: priority,
    coming_soon: false,
    proxy_url: proxyUrl,
    proxy_enabled: true,
    is_custom: false,
    is_custom_mcp: false,
    metadata: {},
  };
}

/** Fresh copies of the built-in providers, in their fixed order. */
export function builtInProviders(): Provider[] {
  return [
    builtIn("gmail", "Gmail", "email", "https://gmail.googleapis.com", ["https://www.googleapis.com/auth/gmail.readonly"], 10),
    builtIn("slack", "Slack", "communication", "https://slack.com/api", ["channels:read", "chat:write"], 20),
    builtIn("github", "GitHub", "developer tools", "https://api.github.com", ["repo", "read:user"], 30),
  ];
}
