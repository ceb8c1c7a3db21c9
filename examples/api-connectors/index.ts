/**
 * API connectors of every auth type Scalekit offers for APIs, declared with the typed camelCase
 * arguments of CustomConnector (the same tree as Scalekit's JSON payload, in camelCase).
 * Credentials: the stack's scalekit:* config, or SCALEKIT_ENVIRONMENT_URL / _CLIENT_ID / _CLIENT_SECRET.
 */
import { CustomConnector } from "pulumi-scalekit-connectors";

/** OAuth 2.0: users sign in to their own workspace; the workspace subdomain is a path parameter. */
const projectBoard = new CustomConnector("project-board", {
  displayName: "Project Board",
  description: "Read and move cards on Project Board",
  authPatterns: [
    {
      type: "OAUTH",
      displayName: "Sign in with Project Board",
      description: "Users grant access to their workspace",
      accountFields: [
        { fieldName: "domain", label: "Workspace", inputType: "text", hint: "The part before .projectboard.example", required: true, isPathParam: true },
      ],
      oauthConfig: {
        authorizeUri: "https://auth.projectboard.example/oauth/authorize",
        tokenUri: "https://auth.projectboard.example/oauth/token",
        userInfoUri: "https://api.projectboard.example/v1/me",
        availableScopes: [
          { scope: "cards:read", displayName: "Read cards", description: "List and read cards", required: true },
          { scope: "cards:write", displayName: "Move cards", description: "Create, move and close cards" },
        ],
        pkceEnabled: true,
      },
    },
  ],
  proxyUrl: "https://{{domain}}.projectboard.example/api/v1",
  metadata: { owner: "platform-team" },
});

/** Basic: a username and a password, sent as `Authorization: Basic base64(username:password)`. */
const payrollHub = new CustomConnector("payroll-hub", {
  displayName: "Payroll Hub",
  description: "Read pay runs and employees",
  authPatterns: [
    {
      type: "BASIC",
      displayName: "API user",
      description: "An API user created under Settings, API access",
      fields: [
        { fieldName: "username", label: "API user", inputType: "text", required: true },
        { fieldName: "password", label: "API password", inputType: "password", required: true },
      ],
    },
  ],
  proxyUrl: "https://api.payrollhub.example/v2",
});

/** Bearer: one token, sent as `Authorization: Bearer <token>`. */
const incidentDesk = new CustomConnector("incident-desk", {
  displayName: "Incident Desk",
  description: "Open and resolve incidents",
  authPatterns: [
    {
      type: "BEARER",
      displayName: "API token",
      fields: [{ fieldName: "token", label: "API token", inputType: "password", hint: "Starts with idk_", required: true }],
    },
  ],
  proxyUrl: "https://api.incidentdesk.example",
});

/**
 * API key in a header of its own (`X-Api-Key` instead of `Authorization`), with a prefix the
 * service expects in front of the key.
 */
const geoLookup = new CustomConnector("geo-lookup", {
  displayName: "Geo Lookup",
  description: "Geocode addresses and look up time zones",
  authPatterns: [
    {
      type: "API_KEY",
      displayName: "API key",
      fields: [{ fieldName: "api_key", label: "API key", inputType: "password", required: true }],
      authHeaderKeyOverride: "X-Api-Key",
      authFieldMutations: { apiKey: { prefix: "key-" } },
    },
  ],
  proxyUrl: "https://api.geolookup.example/v1",
});

/** Scalekit's identifier of each connector, chosen by Scalekit at creation. */
export const identifiers = {
  projectBoard: projectBoard.identifier,
  payrollHub: payrollHub.identifier,
  incidentDesk: incidentDesk.identifier,
  geoLookup: geoLookup.identifier,
};
