/**
 * The definition schema: every rule of scalekit-api.md (the server's and the guidance's) on its
 * own, each failure naming the property path and the rule; valid definitions pass with the
 * defaults applied.
 */
import { toCamelCase, validateDefinition, validateScalekitPayload, type ValidationResult } from "pulumi-scalekit-connectors";
import { basicArgs, bearerArgs, mcpArgs, oauthArgs, oauthPayload, basicPayload, mcpPayload, mcpOauthPayload } from "./support/payloads";

type Args = Record<string, any>;

interface RuleCase {
  rule: string;
  definition: () => Args;
  property: string;
  text: RegExp;
}

function failuresOf(result: ValidationResult): { property: string; rule: string }[] {
  return result.ok ? [] : result.failures;
}

function pattern(type: string, extra: Args = {}): Args {
  return { type, displayName: `${type} pattern`, ...extra };
}

const token = { fieldName: "token", label: "Token", inputType: "password" };
const oauthEndpoints = { authorizeUri: "https://auth.example.com/authorize", tokenUri: "https://auth.example.com/token" };

const serverRules: RuleCase[] = [
  { rule: "display name: letters, digits and spaces only", definition: () => bearerArgs("Ticket-Desk"), property: "displayName", text: /letters, digits and spaces only/ },
  { rule: "display name: not only spaces", definition: () => bearerArgs("   "), property: "displayName", text: /at least one letter or digit/ },
  { rule: "display name: not empty", definition: () => bearerArgs(""), property: "displayName", text: /at least one letter or digit/ },
  { rule: "display name: under 200 characters", definition: () => bearerArgs("A".repeat(200)), property: "displayName", text: /under 200 characters/ },
  { rule: "display name: required", definition: () => ({ ...bearerArgs("x"), displayName: undefined }), property: "displayName", text: /^is required$/ },
  { rule: "display name: a string", definition: () => ({ ...bearerArgs("x"), displayName: 42 }), property: "displayName", text: /must be a string/ },
  { rule: "proxy URL: https", definition: () => bearerArgs("Plain", { proxyUrl: "http://api.example.com" }), property: "proxyUrl", text: /must start with https:\/\// },
  { rule: "proxy URL: not empty", definition: () => bearerArgs("Empty", { proxyUrl: "" }), property: "proxyUrl", text: /must not be empty.*proxy/ },
  { rule: "proxy URL: required", definition: () => ({ ...bearerArgs("x"), proxyUrl: undefined }), property: "proxyUrl", text: /^is required$/ },
  { rule: "proxy enabled: a boolean", definition: () => bearerArgs("Flag", { proxyEnabled: "yes" }), property: "proxyEnabled", text: /must be a boolean/ },
  { rule: "icon: empty or https", definition: () => bearerArgs("Icon", { iconSrc: "http://cdn.example.com/i.png" }), property: "iconSrc", text: /must be empty or start with https:\/\// },
  { rule: "description: a string", definition: () => bearerArgs("Desc", { description: ["no"] }), property: "description", text: /must be a string/ },
  {
    rule: "metadata: at most 20 pairs",
    definition: () => bearerArgs("Meta", { metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`key${i}`, "v"])) }),
    property: "metadata",
    text: /at most 20 pairs/,
  },
  { rule: "metadata: keys at least 3 characters", definition: () => bearerArgs("Meta", { metadata: { ab: "v" } }), property: "metadata.ab", text: /key must be 3 to 25 characters/ },
  { rule: "metadata: keys at most 25 characters", definition: () => bearerArgs("Meta", { metadata: { ["k".repeat(26)]: "v" } }), property: `metadata.${"k".repeat(26)}`, text: /key must be 3 to 25 characters/ },
  { rule: "metadata: values at least 1 character", definition: () => bearerArgs("Meta", { metadata: { owner: "" } }), property: "metadata.owner", text: /value must be 1 to 256 characters/ },
  { rule: "metadata: values at most 256 characters", definition: () => bearerArgs("Meta", { metadata: { owner: "v".repeat(257) } }), property: "metadata.owner", text: /value must be 1 to 256 characters/ },
  { rule: "metadata: values are strings", definition: () => bearerArgs("Meta", { metadata: { priority: 1 } }), property: "metadata.priority", text: /must be a string/ },
  { rule: "auth patterns: at least one", definition: () => bearerArgs("None", { authPatterns: [] }), property: "authPatterns", text: /at least one auth pattern/ },
  { rule: "auth patterns: a list", definition: () => bearerArgs("None", { authPatterns: { type: "BEARER" } }), property: "authPatterns", text: /must be a list/ },
  {
    rule: "auth type: one of the documented types",
    definition: () => bearerArgs("Type", { authPatterns: [pattern("TOKEN", { fields: [token] })] }),
    property: "authPatterns[0].type",
    text: /one of OAUTH, BASIC, BEARER, API_KEY, NO_AUTH/,
  },
  {
    rule: "field input type: text, password or select",
    definition: () => bearerArgs("Input", { authPatterns: [pattern("BEARER", { fields: [{ ...token, inputType: "secret" }] })] }),
    property: "authPatterns[0].fields[0].inputType",
    text: /one of text, password, select/,
  },
  {
    rule: "field name: required",
    definition: () => bearerArgs("Field", { authPatterns: [pattern("BEARER", { fields: [token, { label: "Nameless" }] })] }),
    property: "authPatterns[0].fields[1].fieldName",
    text: /^is required$/,
  },
  {
    rule: "OAuth authorize URI: https",
    definition: () => bearerArgs("Auth", { authPatterns: [pattern("OAUTH", { oauthConfig: { ...oauthEndpoints, authorizeUri: "http://auth.example.com/a" } })] }),
    property: "authPatterns[0].oauthConfig.authorizeUri",
    text: /must start with https:\/\//,
  },
  {
    rule: "OAuth token URI: https",
    definition: () => bearerArgs("Auth", { authPatterns: [pattern("OAUTH", { oauthConfig: { ...oauthEndpoints, tokenUri: "ftp://auth.example.com/t" } })] }),
    property: "authPatterns[0].oauthConfig.tokenUri",
    text: /must start with https:\/\//,
  },
  {
    rule: "OAuth user info URI: https",
    definition: () => bearerArgs("Auth", { authPatterns: [pattern("OAUTH", { oauthConfig: { ...oauthEndpoints, userInfoUri: "http://api.example.com/me" } })] }),
    property: "authPatterns[0].oauthConfig.userInfoUri",
    text: /must start with https:\/\//,
  },
  {
    rule: "field mutations: only api_key, token, username, password",
    definition: () => bearerArgs("Mut", { authPatterns: [pattern("BEARER", { fields: [token], authFieldMutations: { secret: { prefix: "x" } } })] }),
    property: "authPatterns[0].authFieldMutations.secret",
    text: /is not a property/,
  },
  { rule: "no unknown arguments", definition: () => bearerArgs("Typo", { proxyURL: "https://x.example.com" }), property: "proxyURL", text: /is not a property/ },
];

const guidanceRules: RuleCase[] = [
  {
    rule: "MCP: every pattern sets isMcp",
    definition: () => bearerArgs("Mixed", { authPatterns: [pattern("BEARER", { isMcp: true, fields: [token] }), pattern("BEARER", { fields: [token] })] }),
    property: "authPatterns[1].isMcp",
    text: /must be true.*every auth pattern/,
  },
  {
    rule: "NO_AUTH only for MCP",
    definition: () => bearerArgs("Open", { authPatterns: [pattern("NO_AUTH")] }),
    property: "authPatterns[0].type",
    text: /NO_AUTH is only for MCP servers/,
  },
  {
    rule: "NO_AUTH collects no fields",
    definition: () => bearerArgs("Open", { authPatterns: [pattern("NO_AUTH", { isMcp: true, fields: [token] })] }),
    property: "authPatterns[0].fields",
    text: /NO_AUTH patterns collect no fields/,
  },
  {
    rule: "MCP OAuth: no endpoints",
    definition: () => bearerArgs("Dcr", { authPatterns: [pattern("OAUTH", { isMcp: true, oauthConfig: { pkceEnabled: true, ...oauthEndpoints } })] }),
    property: "authPatterns[0].oauthConfig",
    text: /exactly \{ pkceEnabled: true \}, with no endpoints and no scopes/,
  },
  {
    rule: "MCP OAuth: no scopes",
    definition: () => bearerArgs("Dcr", { authPatterns: [pattern("OAUTH", { isMcp: true, oauthConfig: { pkceEnabled: true, availableScopes: [{ scope: "read" }] } })] }),
    property: "authPatterns[0].oauthConfig",
    text: /exactly \{ pkceEnabled: true \}/,
  },
  {
    rule: "MCP OAuth: PKCE on",
    definition: () => bearerArgs("Dcr", { authPatterns: [pattern("OAUTH", { isMcp: true, oauthConfig: { pkceEnabled: false } })] }),
    property: "authPatterns[0].oauthConfig",
    text: /exactly \{ pkceEnabled: true \}/,
  },
  {
    rule: "MCP OAuth: oauthConfig present",
    definition: () => bearerArgs("Dcr", { authPatterns: [pattern("OAUTH", { isMcp: true })] }),
    property: "authPatterns[0].oauthConfig",
    text: /exactly \{ pkceEnabled: true \}/,
  },
  {
    rule: "oauthConfig only on OAUTH (MCP without OAuth)",
    definition: () => bearerArgs("Mcp", { authPatterns: [pattern("BEARER", { isMcp: true, fields: [token], oauthConfig: { pkceEnabled: true } })] }),
    property: "authPatterns[0].oauthConfig",
    text: /oauthConfig belongs only to OAUTH patterns, not BEARER/,
  },
  {
    rule: "oauthConfig only on OAUTH (API key)",
    definition: () => bearerArgs("Key", { authPatterns: [pattern("API_KEY", { fields: [{ fieldName: "api_key" }], oauthConfig: oauthEndpoints })] }),
    property: "authPatterns[0].oauthConfig",
    text: /oauthConfig belongs only to OAUTH patterns, not API_KEY/,
  },
  {
    rule: "named placeholder: a field of that name",
    definition: () => bearerArgs("Tenant", { proxyUrl: "https://{{tenant}}.example.com", authPatterns: [pattern("BEARER", { fields: [token] })] }),
    property: "authPatterns[0].fields",
    text: /proxyUrl uses \{\{tenant\}\}, so this BEARER pattern needs a field named "tenant" in fields with isPathParam: true/,
  },
  {
    rule: "named placeholder: the field is a path parameter",
    definition: () => bearerArgs("Tenant", { proxyUrl: "https://{{tenant}}.example.com", authPatterns: [pattern("BEARER", { fields: [token, { fieldName: "tenant" }] })] }),
    property: "authPatterns[0].fields[1].isPathParam",
    text: /must be true: proxyUrl uses \{\{tenant\}\} as a path parameter/,
  },
  {
    rule: "named placeholder: in accountFields for OAUTH",
    definition: () =>
      bearerArgs("Tenant", {
        proxyUrl: "https://{{tenant}}.example.com",
        authPatterns: [pattern("OAUTH", { oauthConfig: oauthEndpoints, accountFields: [] })],
      }),
    property: "authPatterns[0].accountFields",
    text: /needs a field named "tenant" in accountFields with isPathParam: true/,
  },
  {
    rule: "{{domain}}: a domain field",
    definition: () => bearerArgs("Domain", { proxyUrl: "https://{{domain}}/api", authPatterns: [pattern("BEARER", { fields: [token] })] }),
    property: "authPatterns[0].fields",
    text: /proxyUrl uses \{\{domain\}\}, so this BEARER pattern needs a field named "domain" in fields$/,
  },
  {
    rule: "{{version}}: a version field",
    definition: () => bearerArgs("Version", { proxyUrl: "https://api.example.com/{{version}}", authPatterns: [pattern("BEARER", { fields: [token] })] }),
    property: "authPatterns[0].fields",
    text: /proxyUrl uses \{\{version\}\}, so this BEARER pattern needs a field named "version" in fields$/,
  },
  {
    rule: "OAUTH collects account inputs in accountFields",
    definition: () => bearerArgs("Oauth", { authPatterns: [pattern("OAUTH", { oauthConfig: oauthEndpoints, fields: [{ fieldName: "region" }] })] }),
    property: "authPatterns[0].fields",
    text: /OAUTH patterns collect account inputs in accountFields, not fields/,
  },
  {
    rule: "static patterns collect inputs in fields",
    definition: () => bearerArgs("Static", { authPatterns: [pattern("BEARER", { fields: [token], accountFields: [{ fieldName: "region" }] })] }),
    property: "authPatterns[0].accountFields",
    text: /accountFields are for OAUTH patterns; a BEARER pattern collects its inputs in fields/,
  },
  {
    rule: "OAUTH: token URI required",
    definition: () => bearerArgs("Oauth", { authPatterns: [pattern("OAUTH", { oauthConfig: { authorizeUri: oauthEndpoints.authorizeUri } })] }),
    property: "authPatterns[0].oauthConfig.tokenUri",
    text: /is required for an OAUTH pattern that is not MCP/,
  },
  {
    rule: "OAUTH: authorize URI required",
    definition: () => bearerArgs("Oauth", { authPatterns: [pattern("OAUTH", { oauthConfig: { tokenUri: oauthEndpoints.tokenUri } })] }),
    property: "authPatterns[0].oauthConfig.authorizeUri",
    text: /is required for an OAUTH pattern that is not MCP/,
  },
  {
    rule: "OAUTH: oauthConfig required",
    definition: () => bearerArgs("Oauth", { authPatterns: [pattern("OAUTH")] }),
    property: "authPatterns[0].oauthConfig",
    text: /an OAUTH pattern needs oauthConfig with authorizeUri and tokenUri/,
  },
  {
    rule: "OAuth scopes: no duplicates",
    definition: () => bearerArgs("Oauth", { authPatterns: [pattern("OAUTH", { oauthConfig: { ...oauthEndpoints, availableScopes: [{ scope: "read" }, { scope: "read" }] } })] }),
    property: "authPatterns[0].oauthConfig.availableScopes[1].scope",
    text: /scope "read" is listed twice/,
  },
  {
    rule: "fields: no duplicate names",
    definition: () => bearerArgs("Twice", { authPatterns: [pattern("BEARER", { fields: [token, token] })] }),
    property: "authPatterns[0].fields[1].fieldName",
    text: /field "token" is declared twice/,
  },
  {
    rule: "BEARER: a token field",
    definition: () => bearerArgs("Bearer", { authPatterns: [pattern("BEARER", { fields: [{ fieldName: "access" }] })] }),
    property: "authPatterns[0].fields",
    text: /a BEARER pattern needs a field named "token"/,
  },
  {
    rule: "API_KEY: an api_key field",
    definition: () => bearerArgs("Key", { authPatterns: [pattern("API_KEY", { fields: [{ fieldName: "key" }] })] }),
    property: "authPatterns[0].fields",
    text: /an API_KEY pattern needs a field named "api_key"/,
  },
  {
    rule: "BASIC: a password field",
    definition: () => bearerArgs("Basic", { authPatterns: [pattern("BASIC", { fields: [{ fieldName: "username" }] })] }),
    property: "authPatterns[0].fields",
    text: /a BASIC pattern needs a field named "password"/,
  },
];

describe.each([
  ["server rule", serverRules],
  ["guidance rule", guidanceRules],
] as const)("%s", (_kind, cases) => {
  test.each(cases)("$rule: fails at $property", ({ definition, property, text }) => {
    const failures = failuresOf(validateDefinition(definition()));
    const atProperty = failures.filter((failure) => failure.property === property);
    expect({ failures, found: atProperty.some((failure) => text.test(failure.rule)) }).toEqual({ failures, found: true });
  });
});

describe("valid definitions", () => {
  test.each([
    ["OAuth with every field", oauthArgs()],
    ["BASIC with mutations and placeholders", basicArgs()],
    ["Bearer MCP", mcpArgs()],
    ["a 199-character display name", bearerArgs("A".repeat(199))],
    ["an empty icon", bearerArgs("Icon", { iconSrc: "" })],
    ["metadata at the limits", bearerArgs("Meta", { metadata: { abc: "v", ["k".repeat(25)]: "v".repeat(256) } })],
  ])("%s passes", (_name, definition) => {
    const result = validateDefinition(definition);
    expect(failuresOf(result)).toEqual([]);
    expect(result.ok).toBe(true);
  });

  test("proxyEnabled defaults to true", () => {
    const result = validateDefinition(bearerArgs("Default"));
    expect(result.ok && result.definition.proxyEnabled).toBe(true);
  });

  test("proxyEnabled false is accepted (check warns about it instead)", () => {
    const result = validateDefinition(bearerArgs("Off", { proxyEnabled: false }));
    expect(result.ok && result.definition.proxyEnabled).toBe(false);
  });

  test.each([
    ["full OAuth", oauthPayload()],
    ["BASIC with mutations", basicPayload()],
    ["the MCP example of Scalekit's docs", mcpPayload()],
    ["MCP with OAuth and NO_AUTH", mcpOauthPayload()],
  ])("the %s payload passes in Scalekit's own format", (_name, payload) => {
    expect(failuresOf(validateScalekitPayload(payload))).toEqual([]);
  });
});

describe("a Scalekit JSON payload", () => {
  test("failures are named in snake_case, as the payload was written", () => {
    const payload = oauthPayload();
    payload.auth_patterns[0].oauth_config.token_uri = "http://auth.ticketdesk.example/token";
    payload.metadata.xy = "short key";
    const failures = failuresOf(validateScalekitPayload(payload));
    expect(failures).toEqual(
      expect.arrayContaining([
        { property: "auth_patterns[0].oauth_config.token_uri", rule: "must start with https://" },
        { property: "metadata.xy", rule: "the key must be 3 to 25 characters long" },
      ]),
    );
  });

  test("metadata keys are the user's own and keep their spelling in paths", () => {
    const failures = failuresOf(validateScalekitPayload(bearerPayloadWithMetadata({ teamOwner: "" })));
    expect(failures.map((failure) => failure.property)).toEqual(["metadata.teamOwner"]);
  });

  test("a guidance failure is named in snake_case too, in its path and in its words", () => {
    const payload = mcpPayload();
    payload.auth_patterns.push({ type: "BEARER", fields: [{ field_name: "token" }] });
    expect(failuresOf(validateScalekitPayload(payload))).toEqual([
      { property: "auth_patterns[1].is_mcp", rule: "must be true: an MCP connector sets is_mcp: true in every auth pattern" },
    ]);
  });

  test("the same failure declared with typed arguments keeps camelCase words", () => {
    const payload = mcpPayload();
    payload.auth_patterns.push({ type: "BEARER", fields: [{ field_name: "token" }] });
    expect(failuresOf(validateDefinition(toCamelCase(payload)))).toEqual([
      { property: "authPatterns[1].isMcp", rule: "must be true: an MCP connector sets isMcp: true in every auth pattern" },
    ]);
  });

  test("something that is not an object is refused as a whole", () => {
    expect(failuresOf(validateScalekitPayload(["display_name"]))).toEqual([
      { property: "(payload)", rule: "must be a JSON object in Scalekit's custom provider format" },
    ]);
  });
});

function bearerPayloadWithMetadata(metadata: Record<string, string>): Args {
  return {
    display_name: "Meta",
    auth_patterns: [{ type: "BEARER", fields: [{ field_name: "token" }] }],
    proxy_url: "https://api.example.com",
    metadata,
  };
}
