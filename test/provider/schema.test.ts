/**
 * The declaration pipeline (parseDeclaration): every rule on its own, as an error (Scalekit's
 * server or guidance) or a warning (this provider's advice), with its path, printed in both
 * declared forms (typed camelCase, payload snake_case), and the words that name properties
 * spelled the same way. The limits at their boundaries, the one-pattern rule, credentials
 * supplied by mutation defaults, and user data (metadata keys, placeholders) printed as written.
 */
import * as fs from "fs";
import * as path from "path";
import {
  authPatternsPerConnector,
  declarationRules,
  formatPropertyPath,
  parseDeclaration,
  toSnakeCase,
  validateDefinition,
  validateScalekitPayload,
  type DeclaredForm,
  type Finding,
} from "pulumi-scalekit-connectors/internal";
import { repoRoot } from "../../scripts/lib/paths";
import { basicArgs, basicPayload, bearerArgs, bearerPayload, mcpArgs, mcpOauthPayload, mcpPayload, oauthArgs, oauthPayload } from "../support/payloads";

type Args = Record<string, any>;

interface RuleCase {
  name: string;
  /** The definition as typed arguments; the payload form is its snake_case twin. */
  typed: () => Args;
  ruleId: string;
  /** The property as printed for typed arguments, and for a payload. */
  property: [typed: string, payload: string];
  /** The rule's words, for typed arguments and for a payload (the same pattern when one is given). */
  text: RegExp | [typed: RegExp, payload: RegExp];
}

function pattern(type: string, extra: Args = {}): Args {
  return { type, displayName: `${type} pattern`, ...extra };
}

const token = { fieldName: "token", label: "Token", inputType: "password" };
const endpoints = { authorizeUri: "https://auth.example.com/authorize", tokenUri: "https://auth.example.com/token" };

function printedAll(findings: readonly Finding[], form: DeclaredForm): string[] {
  return findings.map((finding) => `${formatPropertyPath(finding.path, form)}: ${finding.rule} [${finding.ruleId}]`);
}

function declared(rule: RuleCase, form: DeclaredForm): unknown {
  return form === "typed" ? rule.typed() : toSnakeCase(rule.typed());
}

function textFor(rule: RuleCase, form: DeclaredForm): RegExp {
  return Array.isArray(rule.text) ? rule.text[form === "typed" ? 0 : 1] : rule.text;
}

/** Asserts that the rule is reported, in the given list, at the property, with the words. */
function expectReported(rule: RuleCase, form: DeclaredForm, severity: "error" | "warning"): void {
  const result = parseDeclaration(declared(rule, form), form);
  const failures = result.ok ? [] : result.failures;
  const list = severity === "error" ? failures : result.warnings;
  const property = rule.property[form === "typed" ? 0 : 1];
  const text = textFor(rule, form);
  const found = list.some((finding) => finding.ruleId === rule.ruleId && formatPropertyPath(finding.path, form) === property && text.test(finding.rule));
  expect({ found, reported: printedAll(list, form) }).toEqual({ found: true, reported: printedAll(list, form) });
  if (severity === "warning") expect(printedAll(failures, form)).toEqual([]);
  else expect(result.ok).toBe(false);
}

const serverRules: RuleCase[] = [
  { name: "display name: letters, digits and spaces only", typed: () => bearerArgs("Ticket-Desk"), ruleId: "schema", property: ["displayName", "display_name"], text: /letters, digits and spaces only/ },
  { name: "display name: not only spaces", typed: () => bearerArgs("   "), ruleId: "schema", property: ["displayName", "display_name"], text: /at least one letter or digit/ },
  { name: "display name: not empty", typed: () => bearerArgs(""), ruleId: "schema", property: ["displayName", "display_name"], text: /at least one letter or digit/ },
  { name: "display name: at most 200 characters", typed: () => bearerArgs("A".repeat(201)), ruleId: "schema", property: ["displayName", "display_name"], text: /^must be at most 200 characters long$/ },
  { name: "display name: required", typed: () => ({ ...bearerArgs("x"), displayName: undefined }), ruleId: "schema", property: ["displayName", "display_name"], text: /^is required$/ },
  { name: "display name: a string", typed: () => ({ ...bearerArgs("x"), displayName: 42 }), ruleId: "schema", property: ["displayName", "display_name"], text: /^must be a string$/ },
  { name: "proxy URL: https", typed: () => bearerArgs("Plain", { proxyUrl: "http://api.example.com" }), ruleId: "schema", property: ["proxyUrl", "proxy_url"], text: /^must start with https:\/\/$/ },
  { name: "proxy URL: not empty", typed: () => bearerArgs("Empty", { proxyUrl: "" }), ruleId: "schema", property: ["proxyUrl", "proxy_url"], text: /^must not be empty.*proxy/ },
  { name: "proxy URL: required", typed: () => ({ ...bearerArgs("x"), proxyUrl: undefined }), ruleId: "schema", property: ["proxyUrl", "proxy_url"], text: /^is required$/ },
  {
    name: "proxy URL: at most 2048 characters",
    typed: () => bearerArgs("Long", { proxyUrl: `https://${"a".repeat(2049 - 8)}` }),
    ruleId: "schema",
    property: ["proxyUrl", "proxy_url"],
    text: /^must be at most 2048 characters long$/,
  },
  { name: "proxy enabled: a boolean", typed: () => bearerArgs("Flag", { proxyEnabled: "yes" }), ruleId: "schema", property: ["proxyEnabled", "proxy_enabled"], text: /^must be a boolean$/ },
  { name: "icon: empty or https", typed: () => bearerArgs("Icon", { iconSrc: "http://cdn.example.com/i.png" }), ruleId: "schema", property: ["iconSrc", "icon_src"], text: /^must be empty or start with https:\/\/$/ },
  {
    name: "icon: at most 2048 characters",
    typed: () => bearerArgs("Icon", { iconSrc: `https://${"i".repeat(2049 - 8)}` }),
    ruleId: "schema",
    property: ["iconSrc", "icon_src"],
    text: /^must be at most 2048 characters long$/,
  },
  { name: "description: a string", typed: () => bearerArgs("Desc", { description: ["no"] }), ruleId: "schema", property: ["description", "description"], text: /^must be a string$/ },
  {
    name: "metadata: at most 20 pairs",
    typed: () => bearerArgs("Meta", { metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`key${i}`, "v"])) }),
    ruleId: "schema",
    property: ["metadata", "metadata"],
    text: /at most 20 pairs/,
  },
  { name: "metadata: keys at least 3 characters", typed: () => bearerArgs("Meta", { metadata: { ab: "v" } }), ruleId: "schema", property: ["metadata.ab", "metadata.ab"], text: /key must be 3 to 25 characters/ },
  {
    name: "metadata: keys at most 25 characters",
    typed: () => bearerArgs("Meta", { metadata: { ["k".repeat(26)]: "v" } }),
    ruleId: "schema",
    property: [`metadata.${"k".repeat(26)}`, `metadata.${"k".repeat(26)}`],
    text: /key must be 3 to 25 characters/,
  },
  { name: "metadata: values at least 1 character", typed: () => bearerArgs("Meta", { metadata: { owner: "" } }), ruleId: "schema", property: ["metadata.owner", "metadata.owner"], text: /value must be 1 to 256 characters/ },
  {
    name: "metadata: values at most 256 characters",
    typed: () => bearerArgs("Meta", { metadata: { owner: "v".repeat(257) } }),
    ruleId: "schema",
    property: ["metadata.owner", "metadata.owner"],
    text: /value must be 1 to 256 characters/,
  },
  { name: "metadata: values are strings", typed: () => bearerArgs("Meta", { metadata: { priority: 1 } }), ruleId: "schema", property: ["metadata.priority", "metadata.priority"], text: /^must be a string$/ },
  { name: "auth patterns: required", typed: () => ({ ...bearerArgs("None"), authPatterns: undefined }), ruleId: "schema", property: ["authPatterns", "auth_patterns"], text: /^is required$/ },
  { name: "auth patterns: a list", typed: () => bearerArgs("None", { authPatterns: { type: "BEARER" } }), ruleId: "schema", property: ["authPatterns", "auth_patterns"], text: /^must be a list$/ },
  {
    name: "auth type: one of the documented types",
    typed: () => bearerArgs("Type", { authPatterns: [pattern("TOKEN", { fields: [token] })] }),
    ruleId: "schema",
    property: ["authPatterns[0].type", "auth_patterns[0].type"],
    text: /one of OAUTH, BASIC, BEARER, API_KEY, NO_AUTH/,
  },
  {
    name: "field name: required",
    typed: () => bearerArgs("Field", { authPatterns: [pattern("BEARER", { fields: [token, { label: "Nameless" }] })] }),
    ruleId: "schema",
    property: ["authPatterns[0].fields[1].fieldName", "auth_patterns[0].fields[1].field_name"],
    text: /^is required$/,
  },
  {
    name: "scope: required",
    typed: () => bearerArgs("Scope", { authPatterns: [pattern("OAUTH", { oauthConfig: { ...endpoints, availableScopes: [{ displayName: "Read" }] } })] }),
    ruleId: "schema",
    property: ["authPatterns[0].oauthConfig.availableScopes[0].scope", "auth_patterns[0].oauth_config.available_scopes[0].scope"],
    text: /^is required$/,
  },
];

const guidanceRules: RuleCase[] = [
  {
    name: "one auth pattern per connector: none",
    typed: () => bearerArgs("None", { authPatterns: [] }),
    ruleId: "one-auth-pattern",
    property: ["authPatterns", "auth_patterns"],
    text: /at least one auth pattern/,
  },
  {
    name: "one auth pattern per connector: two",
    typed: () => bearerArgs("Two", { authPatterns: [pattern("BEARER", { fields: [token] }), pattern("API_KEY", { fields: [{ fieldName: "api_key" }] })] }),
    ruleId: "one-auth-pattern",
    property: ["authPatterns", "auth_patterns"],
    text: /^holds 2 auth patterns: Scalekit supports one auth pattern per connector \(its official SDK refuses more\)$/,
  },
  {
    name: "MCP: every pattern sets isMcp",
    typed: () => bearerArgs("Mixed", { authPatterns: [pattern("BEARER", { isMcp: true, fields: [token] }), pattern("BEARER", { fields: [token] })] }),
    ruleId: "mcp-every-pattern",
    property: ["authPatterns[1].isMcp", "auth_patterns[1].is_mcp"],
    text: [/^must be true: an MCP connector sets isMcp: true in every auth pattern$/, /^must be true: an MCP connector sets is_mcp: true in every auth pattern$/],
  },
  {
    name: "NO_AUTH only for MCP",
    typed: () => bearerArgs("Open", { authPatterns: [pattern("NO_AUTH")] }),
    ruleId: "no-auth-mcp-only",
    property: ["authPatterns[0].type", "auth_patterns[0].type"],
    text: [/NO_AUTH is only for MCP servers: set isMcp: true/, /NO_AUTH is only for MCP servers: set is_mcp: true/],
  },
  {
    name: "NO_AUTH collects no fields",
    typed: () => bearerArgs("Open", { authPatterns: [pattern("NO_AUTH", { isMcp: true, fields: [token] })] }),
    ruleId: "no-auth-no-fields",
    property: ["authPatterns[0].fields", "auth_patterns[0].fields"],
    text: /^NO_AUTH patterns collect no fields: leave fields empty$/,
  },
  ...[
    ["no endpoints", { pkceEnabled: true, ...endpoints }],
    ["no scopes", { pkceEnabled: true, availableScopes: [{ scope: "read" }] }],
    ["PKCE on", { pkceEnabled: false }],
    ["oauthConfig present", undefined],
  ].map(
    ([what, oauthConfig]): RuleCase => ({
      name: `MCP OAuth: ${what as string}`,
      typed: () => bearerArgs("Dcr", { authPatterns: [pattern("OAUTH", { isMcp: true, ...(oauthConfig ? { oauthConfig } : {}) })] }),
      ruleId: "mcp-oauth-dcr",
      property: ["authPatterns[0].oauthConfig", "auth_patterns[0].oauth_config"],
      text: [
        /dynamic client registration: oauthConfig must be \{ pkceEnabled: true \}, with no endpoints and no scopes$/,
        /dynamic client registration: oauth_config must be \{ pkce_enabled: true \}, with no endpoints and no scopes$/,
      ],
    }),
  ),
  {
    name: "OAUTH (not MCP): oauthConfig required",
    typed: () => bearerArgs("Oauth", { authPatterns: [pattern("OAUTH")] }),
    ruleId: "oauth-config-required",
    property: ["authPatterns[0].oauthConfig", "auth_patterns[0].oauth_config"],
    text: [/^is required for an OAUTH pattern: its endpoints and scopes go in oauthConfig$/, /^is required for an OAUTH pattern: its endpoints and scopes go in oauth_config$/],
  },
  {
    name: "named placeholder: a field of that name",
    typed: () => bearerArgs("Tenant", { proxyUrl: "https://{{tenant}}.example.com", authPatterns: [pattern("BEARER", { fields: [token] })] }),
    ruleId: "placeholder-field",
    property: ["authPatterns[0].fields", "auth_patterns[0].fields"],
    text: [
      /^proxyUrl uses \{\{tenant\}\}, so this BEARER pattern needs a field named "tenant" in fields with isPathParam: true$/,
      /^proxy_url uses \{\{tenant\}\}, so this BEARER pattern needs a field named "tenant" in fields with is_path_param: true$/,
    ],
  },
  {
    name: "named placeholder: the field is a path parameter",
    typed: () => bearerArgs("Tenant", { proxyUrl: "https://{{tenant}}.example.com", authPatterns: [pattern("BEARER", { fields: [token, { fieldName: "tenant" }] })] }),
    ruleId: "placeholder-path-param",
    property: ["authPatterns[0].fields[1].isPathParam", "auth_patterns[0].fields[1].is_path_param"],
    text: [/^must be true: proxyUrl uses \{\{tenant\}\} as a path parameter$/, /^must be true: proxy_url uses \{\{tenant\}\} as a path parameter$/],
  },
  {
    name: "named placeholder: in accountFields for OAUTH",
    typed: () => bearerArgs("Tenant", { proxyUrl: "https://{{tenant}}.example.com", authPatterns: [pattern("OAUTH", { oauthConfig: endpoints, accountFields: [] })] }),
    ruleId: "placeholder-field",
    property: ["authPatterns[0].accountFields", "auth_patterns[0].account_fields"],
    text: [/needs a field named "tenant" in accountFields with isPathParam: true$/, /needs a field named "tenant" in account_fields with is_path_param: true$/],
  },
  {
    name: "{{domain}}: a domain field",
    typed: () => bearerArgs("Domain", { proxyUrl: "https://{{domain}}/api", authPatterns: [pattern("BEARER", { fields: [token] })] }),
    ruleId: "placeholder-field",
    property: ["authPatterns[0].fields", "auth_patterns[0].fields"],
    text: [/^proxyUrl uses \{\{domain\}\}, so this BEARER pattern needs a field named "domain" in fields$/, /^proxy_url uses \{\{domain\}\}, so this BEARER pattern needs a field named "domain" in fields$/],
  },
  {
    name: "{{version}}: a version field",
    typed: () => bearerArgs("Version", { proxyUrl: "https://api.example.com/{{version}}", authPatterns: [pattern("BEARER", { fields: [token] })] }),
    ruleId: "placeholder-field",
    property: ["authPatterns[0].fields", "auth_patterns[0].fields"],
    text: /\{\{version\}\}, so this BEARER pattern needs a field named "version" in fields$/,
  },
];

/** Keys this provider cannot carry (reserved-keys.ts): refused, though Scalekit's rules do not say so. */
const uncarriable: RuleCase[] = [
  {
    name: "a key naming a JavaScript internal, deep in a pattern",
    typed: () => bearerArgs("Reserved", { authPatterns: [pattern("BEARER", { fields: [{ ...token, constructor: "Object" }] })] }),
    ruleId: "reserved-key",
    property: ["authPatterns[0].fields[0].constructor", "auth_patterns[0].fields[0].constructor"],
    text: /^is a key that names a JavaScript internal \("constructor"\).*cannot be carried faithfully through Pulumi's serialisation/,
  },
];

const advice: RuleCase[] = [
  {
    name: "proxyEnabled false",
    typed: () => bearerArgs("Off", { proxyEnabled: false }),
    ruleId: "proxy-enabled",
    property: ["proxyEnabled", "proxy_enabled"],
    text: /^is false, so tool calling will not work: Scalekit's tools reach the API only through the proxy$/,
  },
  {
    name: "BEARER without a token field",
    typed: () => bearerArgs("Bearer", { authPatterns: [pattern("BEARER", { fields: [{ fieldName: "access" }] })] }),
    ruleId: "credential-field",
    property: ["authPatterns[0].fields", "auth_patterns[0].fields"],
    text: [
      /^has no field named "token" and no authFieldMutations\.token\.default, so the proxy has no token to send: a BEARER pattern usually collects one$/,
      /^has no field named "token" and no auth_field_mutations\.token\.default, so the proxy has no token to send: a BEARER pattern usually collects one$/,
    ],
  },
  {
    name: "API_KEY without an api_key field",
    typed: () => bearerArgs("Key", { authPatterns: [pattern("API_KEY", { fields: [{ fieldName: "key" }] })] }),
    ruleId: "credential-field",
    property: ["authPatterns[0].fields", "auth_patterns[0].fields"],
    text: [/field named "api_key" and no authFieldMutations\.apiKey\.default, .*an API_KEY pattern usually/, /field named "api_key" and no auth_field_mutations\.api_key\.default, .*an API_KEY pattern usually/],
  },
  {
    name: "BASIC without a password field or default",
    typed: () => bearerArgs("Basic", { authPatterns: [pattern("BASIC", { fields: [{ fieldName: "username" }] })] }),
    ruleId: "credential-field",
    property: ["authPatterns[0].fields", "auth_patterns[0].fields"],
    text: [/field named "password" and no authFieldMutations\.password\.default/, /field named "password" and no auth_field_mutations\.password\.default/],
  },
  {
    name: "BASIC without a username field",
    typed: () => bearerArgs("Basic", { authPatterns: [pattern("BASIC", { fields: [{ fieldName: "password" }] })] }),
    ruleId: "credential-field",
    property: ["authPatterns[0].fields", "auth_patterns[0].fields"],
    text: /field named "username"/,
  },
  ...(["tokenUri", "authorizeUri"] as const).map(
    (endpoint): RuleCase => ({
      name: `OAUTH (not MCP): ${endpoint} missing`,
      typed: () => bearerArgs("Oauth", { authPatterns: [pattern("OAUTH", { oauthConfig: { ...endpoints, [endpoint]: undefined } })] }),
      ruleId: "oauth-endpoints",
      property: [`authPatterns[0].oauthConfig.${endpoint}`, `auth_patterns[0].oauth_config.${endpoint === "tokenUri" ? "token_uri" : "authorize_uri"}`],
      text: /^is missing: an OAUTH pattern that is not MCP usually needs it for the authorization flow$/,
    }),
  ),
  ...([
    ["authorizeUri", "authorize_uri"],
    ["tokenUri", "token_uri"],
    ["userInfoUri", "user_info_uri"],
  ] as const).map(
    ([uri, snake]): RuleCase => ({
      name: `OAuth ${uri}: https`,
      typed: () => bearerArgs("Auth", { authPatterns: [pattern("OAUTH", { oauthConfig: { ...endpoints, [uri]: "http://auth.example.com/x" } })] }),
      ruleId: "oauth-https",
      property: [`authPatterns[0].oauthConfig.${uri}`, `auth_patterns[0].oauth_config.${snake}`],
      text: /^does not start with https:\/\//,
    }),
  ),
  {
    name: "OAUTH path parameter in fields",
    typed: () =>
      bearerArgs("Oauth", { authPatterns: [pattern("OAUTH", { oauthConfig: endpoints, fields: [{ fieldName: "region", isPathParam: true }] })] }),
    ruleId: "oauth-path-param-in-fields",
    property: ["authPatterns[0].fields[0].isPathParam", "auth_patterns[0].fields[0].is_path_param"],
    text: [/belongs in accountFields, not in fields$/, /belongs in account_fields, not in fields$/],
  },
  {
    name: "static pattern with accountFields",
    typed: () => bearerArgs("Static", { authPatterns: [pattern("BEARER", { fields: [token], accountFields: [{ fieldName: "region" }] })] }),
    ruleId: "account-fields-on-static",
    property: ["authPatterns[0].accountFields", "auth_patterns[0].account_fields"],
    text: [/^accountFields are for OAUTH patterns; a BEARER pattern usually collects its inputs in fields$/, /^account_fields are for OAUTH patterns; a BEARER pattern usually collects its inputs in fields$/],
  },
  {
    name: "a field name twice",
    typed: () => bearerArgs("Twice", { authPatterns: [pattern("BEARER", { fields: [token, token] })] }),
    ruleId: "duplicate-field",
    property: ["authPatterns[0].fields[1].fieldName", "auth_patterns[0].fields[1].field_name"],
    text: /^field "token" is declared twice$/,
  },
  {
    name: "a scope twice",
    typed: () => bearerArgs("Oauth", { authPatterns: [pattern("OAUTH", { oauthConfig: { ...endpoints, availableScopes: [{ scope: "read" }, { scope: "read" }] } })] }),
    ruleId: "duplicate-scope",
    property: ["authPatterns[0].oauthConfig.availableScopes[1].scope", "auth_patterns[0].oauth_config.available_scopes[1].scope"],
    text: /^scope "read" is listed twice$/,
  },
  {
    name: "an input type Scalekit is not known to use",
    typed: () => bearerArgs("Input", { authPatterns: [pattern("BEARER", { fields: [{ ...token, inputType: "checkbox" }] })] }),
    ruleId: "input-type",
    property: ["authPatterns[0].fields[0].inputType", "auth_patterns[0].fields[0].input_type"],
    text: /^is "checkbox", which is not one of the input types Scalekit is known to use \(text, password, select, textarea\); it is sent as written$/,
  },
  {
    name: "a mutation of a field the proxy does not send",
    typed: () => bearerArgs("Mut", { authPatterns: [pattern("BEARER", { fields: [token], authFieldMutations: { secret: { prefix: "x" } } })] }),
    ruleId: "mutation-credential-field",
    property: ["authPatterns[0].authFieldMutations.secret", "auth_patterns[0].auth_field_mutations.secret"],
    text: [
      /^mutates a field the proxy does not send as a credential: authFieldMutations applies to "api_key", "token", "username", "password"; it is sent as written$/,
      /^mutates a field the proxy does not send as a credential: auth_field_mutations applies to "api_key", "token", "username", "password"; it is sent as written$/,
    ],
  },
  {
    name: "a key inside a pattern that looks like a mistyped known one",
    typed: () => bearerArgs("Extra", { authPatterns: [pattern("BEARER", { fields: [token], allowedProxyDomain: ["api.example.com"] })] }),
    ruleId: "unknown-property",
    property: ["authPatterns[0].allowedProxyDomain", "auth_patterns[0].allowed_proxy_domain"],
    text: [
      /^is not a property Scalekit documents here; it is sent as written \(did you mean "allowedProxyDomains"\?\)$/,
      /^is not a property Scalekit documents here; it is sent as written \(did you mean "allowed_proxy_domains"\?\)$/,
    ],
  },
  {
    name: "oauthConfig on a pattern that is not OAUTH (MCP without OAuth)",
    typed: () => bearerArgs("Mcp", { authPatterns: [pattern("BEARER", { isMcp: true, fields: [token], oauthConfig: { pkceEnabled: true } })] }),
    ruleId: "oauth-config-only-on-oauth",
    property: ["authPatterns[0].oauthConfig", "auth_patterns[0].oauth_config"],
    text: [/^is set on a BEARER pattern: Scalekit's examples use oauthConfig only on OAUTH patterns$/, /^is set on a BEARER pattern: Scalekit's examples use oauth_config only on OAUTH patterns$/],
  },
  {
    name: "oauthConfig on a pattern that is not OAUTH (API key)",
    typed: () => bearerArgs("Key", { authPatterns: [pattern("API_KEY", { fields: [{ fieldName: "api_key" }], oauthConfig: endpoints })] }),
    ruleId: "oauth-config-only-on-oauth",
    property: ["authPatterns[0].oauthConfig", "auth_patterns[0].oauth_config"],
    text: /^is set on an API_KEY pattern: /,
  },
];

describe("Scalekit's server rules are errors", () => {
  test.each(serverRules)("$name: $property.0 (typed)", (rule) => expectReported(rule, "typed", "error"));
  test.each(serverRules)("$name: $property.1 (payload)", (rule) => expectReported(rule, "payload", "error"));
});

describe("Scalekit's guidance rules are errors", () => {
  test.each(guidanceRules)("$name: $property.0 (typed)", (rule) => expectReported(rule, "typed", "error"));
  test.each(guidanceRules)("$name: $property.1 (payload)", (rule) => expectReported(rule, "payload", "error"));
});

describe("this provider's advice is a warning: the definition passes", () => {
  test.each(advice)("$name: $property.0 (typed)", (rule) => expectReported(rule, "typed", "warning"));
  test.each(advice)("$name: $property.1 (payload)", (rule) => expectReported(rule, "payload", "warning"));
});

describe("keys this provider cannot carry are errors", () => {
  test.each(uncarriable)("$name: $property.0 (typed)", (rule) => expectReported(rule, "typed", "error"));
  test.each(uncarriable)("$name: $property.1 (payload)", (rule) => expectReported(rule, "payload", "error"));
});

describe("every rule of the catalogue is exercised here with its own severity", () => {
  const exercised = new Map<string, "error" | "warning">();
  for (const rule of [...guidanceRules, ...uncarriable]) exercised.set(rule.ruleId, "error");
  for (const rule of advice) exercised.set(rule.ruleId, "warning");
  test.each(declarationRules.map((rule) => [rule.id, rule.severity] as const))("%s (%s)", (id, severity) => {
    expect(exercised.get(id)).toBe(severity);
  });
});

describe("limits at their boundaries", () => {
  const ok = (args: Args) => {
    const result = parseDeclaration(args, "typed");
    expect(result.ok ? [] : printedAll(result.failures, "typed")).toEqual([]);
  };
  test("a 200-character display name passes, 201 fails", () => {
    ok(bearerArgs("A".repeat(200)));
    expect(parseDeclaration(bearerArgs("A".repeat(201)), "typed").ok).toBe(false);
  });
  test("a 1-character display name passes", () => ok(bearerArgs("A")));
  test("a 2048-character proxy URL passes, 2049 fails", () => {
    const url = (length: number) => `https://${"a".repeat(length - "https://".length)}`;
    expect(url(2048)).toHaveLength(2048);
    ok(bearerArgs("Url", { proxyUrl: url(2048) }));
    expect(parseDeclaration(bearerArgs("Url", { proxyUrl: url(2049) }), "typed").ok).toBe(false);
  });
  test("a 2048-character icon passes, 2049 fails; an empty icon passes", () => {
    const url = (length: number) => `https://${"i".repeat(length - "https://".length)}`;
    ok(bearerArgs("Icon", { iconSrc: url(2048) }));
    ok(bearerArgs("Icon", { iconSrc: "" }));
    expect(parseDeclaration(bearerArgs("Icon", { iconSrc: url(2049) }), "typed").ok).toBe(false);
  });
  test("metadata at the limits passes: 20 pairs, keys of 3 and 25, values of 1 and 256", () => {
    const twenty = Object.fromEntries(Array.from({ length: 18 }, (_, i) => [`key${i}`, "v"]));
    ok(bearerArgs("Meta", { metadata: { ...twenty, abc: "v", ["k".repeat(25)]: "v".repeat(256) } }));
  });
});

describe("one auth pattern per connector", () => {
  test("is kept in one place: at least one, at most one", () => {
    expect(authPatternsPerConnector).toEqual({ min: 1, max: 1 });
  });

  test("an MCP connector with OAuth and NO_AUTH patterns is refused for holding two, citing Scalekit", () => {
    const result = validateScalekitPayload(mcpOauthPayload());
    expect(result.ok ? [] : result.failures).toEqual([
      { property: "auth_patterns", rule: "holds 2 auth patterns: Scalekit supports one auth pattern per connector (its official SDK refuses more)" },
    ]);
  });

  test("each pattern of a refused definition is still checked", () => {
    const result = parseDeclaration(bearerArgs("Two", { authPatterns: [pattern("NO_AUTH"), pattern("BEARER", { fields: [token] })] }), "typed");
    expect(result.ok ? [] : result.failures.map((failure) => failure.ruleId)).toEqual(["one-auth-pattern", "no-auth-mcp-only"]);
  });
});

describe("credentials supplied by auth_field_mutations defaults count as present", () => {
  const credentialWarnings = (args: Args) => parseDeclaration(args, "typed").warnings.filter((warning) => warning.ruleId === "credential-field");

  test("BASIC with a username and the password as a mutation default: no warning (Scalekit's skill's Freshdesk)", () => {
    const basic = pattern("BASIC", { fields: [{ fieldName: "username" }], authFieldMutations: { password: { default: "X" } } });
    expect(credentialWarnings(bearerArgs("Basic", { authPatterns: [basic] }))).toEqual([]);
  });

  test("an empty default supplies nothing: the warning stays", () => {
    const basic = pattern("BASIC", { fields: [{ fieldName: "username" }], authFieldMutations: { password: { default: "" } } });
    expect(credentialWarnings(bearerArgs("Basic", { authPatterns: [basic] })).map((warning) => warning.rule)).toEqual([
      'has no field named "password" and no authFieldMutations.password.default, so the proxy has no password to send: a BASIC pattern usually collects one',
    ]);
  });

  test("a prefix or suffix alone supplies nothing", () => {
    const bearer = pattern("BEARER", { fields: [], authFieldMutations: { token: { prefix: "Token " } } });
    expect(credentialWarnings(bearerArgs("Bearer", { authPatterns: [bearer] }))).toHaveLength(1);
  });

  test.each([
    ["BEARER", "token"],
    ["API_KEY", "apiKey"],
    ["BASIC", "username"],
  ])("%s: a default for %s counts", (type, key) => {
    const fields = type === "BASIC" ? [{ fieldName: "password" }] : [];
    const supplied = pattern(type, { fields, authFieldMutations: { [key]: { default: "value" } } });
    expect(credentialWarnings(bearerArgs("Default", { authPatterns: [supplied] }))).toEqual([]);
  });

  test("a payload's api_key default counts too", () => {
    const payload = bearerPayload("Key", { auth_patterns: [{ type: "API_KEY", fields: [], auth_field_mutations: { api_key: { default: "k" } } }] });
    expect(parseDeclaration(payload, "payload").warnings).toEqual([]);
  });
});

describe("user data is printed as written", () => {
  test("a camelCase placeholder keeps its name in a payload's messages, never snake_cased", () => {
    const payload = bearerPayload("Tenant", { proxy_url: "https://{{tenantId}}.example.com/api" });
    const result = parseDeclaration(payload, "payload");
    expect(result.ok ? [] : result.failures.map((failure) => `${formatPropertyPath(failure.path, "payload")}: ${failure.rule}`)).toEqual([
      'auth_patterns[0].fields: proxy_url uses {{tenantId}}, so this BEARER pattern needs a field named "tenantId" in fields with is_path_param: true',
    ]);
  });

  test("a camelCase placeholder whose field is no path parameter: the field's path in snake_case, the placeholder as written", () => {
    const payload = bearerPayload("Tenant", {
      proxy_url: "https://{{tenantId}}.example.com/api",
      auth_patterns: [{ type: "BEARER", fields: [{ field_name: "token" }, { field_name: "tenantId" }] }],
    });
    const result = parseDeclaration(payload, "payload");
    expect(result.ok ? [] : result.failures.map((failure) => `${formatPropertyPath(failure.path, "payload")}: ${failure.rule}`)).toEqual([
      "auth_patterns[0].fields[1].is_path_param: must be true: proxy_url uses {{tenantId}} as a path parameter",
    ]);
  });

  test("a snake_case placeholder in typed arguments stays snake_case", () => {
    const args = bearerArgs("Tenant", { proxyUrl: "https://{{tenant_id}}.example.com/api" });
    const result = parseDeclaration(args, "typed");
    expect(result.ok ? [] : result.failures.map((failure) => failure.rule)).toEqual([
      'proxyUrl uses {{tenant_id}}, so this BEARER pattern needs a field named "tenant_id" in fields with isPathParam: true',
    ]);
  });

  test("metadata keys keep their spelling in both forms", () => {
    const payload = parseDeclaration(bearerPayload("Meta", { metadata: { teamOwner: "" } }), "payload");
    expect(payload.ok ? [] : payload.failures.map((failure) => formatPropertyPath(failure.path, "payload"))).toEqual(["metadata.teamOwner"]);
    const typed = parseDeclaration(bearerArgs("Meta", { metadata: { team_owner: "" } }), "typed");
    expect(typed.ok ? [] : typed.failures.map((failure) => formatPropertyPath(failure.path, "typed"))).toEqual(["metadata.team_owner"]);
  });

  test("a top-level key beside the seven fields is printed as it was written, in either form, and left out", () => {
    const payload = parseDeclaration(bearerPayload("Typo", { proxy_uri: "https://x.example.com" }), "payload");
    expect(payload.warnings.map((warning) => `${formatPropertyPath(warning.path, "payload")}: ${warning.rule}`)).toEqual([
      'proxy_uri: is not one of the fields Scalekit\'s API takes (display_name, description, auth_patterns, proxy_url, proxy_enabled, icon_src, metadata), so it is left out of what is sent (did you mean "proxy_url"?)',
    ]);
    expect(payload.ok && Object.keys(payload.definition)).not.toContain("proxy_uri");
    const typed = parseDeclaration(bearerArgs("Typo", { proxyURL: "https://x.example.com" }), "typed");
    expect(typed.warnings.map((warning) => formatPropertyPath(warning.path, "typed"))).toEqual(["proxyURL"]);
    expect(typed.ok).toBe(true);
  });

  test("typed arguments spelled in snake_case: the warning names the camelCase key meant, and the missing property fails", () => {
    const result = parseDeclaration({ displayName: "Snake", authPatterns: bearerArgs("x").authPatterns, proxy_url: "https://api.example.com" }, "typed");
    expect(result.warnings.map((warning) => `${formatPropertyPath(warning.path, "typed")}: ${warning.rule}`)).toEqual([
      expect.stringMatching(/^proxy_url: is not one of the fields .* \(did you mean "proxyUrl"\?\)$/),
    ]);
    expect(result.ok ? [] : result.failures.map((failure) => `${formatPropertyPath(failure.path, "typed")}: ${failure.rule}`)).toEqual(["proxyUrl: is required"]);
  });

  test("a key Scalekit serves that the schema does not know is carried as written, with no warning, in either form", () => {
    const served = { some_future_flag: true, someOtherKey: { nested_key: [1, { deep_key: "x" }] } };
    const payload = parseDeclaration(bearerPayload("Carry", { auth_patterns: [{ ...bearerPayload("x").auth_patterns[0], ...served }] }), "payload");
    const typed = parseDeclaration(bearerArgs("Carry", { authPatterns: [{ ...bearerArgs("x").authPatterns[0], ...served }] }), "typed");
    for (const result of [payload, typed]) {
      expect(result.warnings).toEqual([]);
      if (!result.ok) throw new Error("the carried keys made the declaration fail");
      expect(result.definition.authPatterns[0]).toMatchObject(served);
    }
  });

  test("null reads as absent, at the top level and inside a pattern", () => {
    const result = parseDeclaration(
      bearerPayload("Nulls", { description: null, icon_src: null, auth_patterns: [{ ...bearerPayload("x").auth_patterns[0], oauth_config: null, hint: null, future: null }] }),
      "payload",
    );
    if (!result.ok) throw new Error(`nulls made the declaration fail: ${JSON.stringify(result.failures)}`);
    expect(result.warnings).toEqual([]);
    expect(result.definition.description).toBe("");
    expect(Object.keys(result.definition.authPatterns[0] as object).sort()).toEqual(["displayName", "fields", "type"]);
  });

  test("a payload may spell a key in camelCase; given both ways, the second is left out with a warning", () => {
    const camel = parseDeclaration({ ...bearerPayload("Camel"), proxy_url: undefined, proxyUrl: "https://api.example.com" }, "payload");
    expect(camel.ok && camel.definition.proxyUrl).toBe("https://api.example.com");
    const both = parseDeclaration({ ...bearerPayload("Both"), proxyUrl: "https://other.example.com" }, "payload");
    expect(both.ok && both.definition.proxyUrl).toBe("https://api.example.com/v1");
    expect(both.warnings.map((warning) => `${formatPropertyPath(warning.path, "payload")}: ${warning.rule}`)).toEqual([
      'proxy_url: is given twice (as "proxy_url" and as "proxyUrl"): "proxyUrl" is left out',
    ]);
  });
});

describe("formatPropertyPath", () => {
  test.each([
    [["authPatterns", 0, "oauthConfig", "tokenUri"], "authPatterns[0].oauthConfig.tokenUri", "auth_patterns[0].oauth_config.token_uri"],
    [["authPatterns", 2, "authFieldMutations", "apiKey", "default"], "authPatterns[2].authFieldMutations.apiKey.default", "auth_patterns[2].auth_field_mutations.api_key.default"],
    [["metadata", "costCenter"], "metadata.costCenter", "metadata.costCenter"],
    [["authPatterns", 0, "someFutureKey", "nestedKey"], "authPatterns[0].someFutureKey.nestedKey", "auth_patterns[0].someFutureKey.nestedKey"],
    [[], "(definition)", "(payload)"],
  ] as const)("%j → %s / %s", (segments, typed, payload) => {
    expect(formatPropertyPath(segments, "typed")).toBe(typed);
    expect(formatPropertyPath(segments, "payload")).toBe(payload);
  });
});

describe("valid definitions", () => {
  test.each([
    ["OAuth with every field", oauthArgs()],
    ["BASIC with mutations and placeholders", basicArgs()],
    ["Bearer MCP", mcpArgs()],
    ["an empty icon", bearerArgs("Icon", { iconSrc: "" })],
  ])("%s passes with no warning", (_name, definition) => {
    const result = parseDeclaration(definition, "typed");
    expect(result.ok ? [] : printedAll(result.failures, "typed")).toEqual([]);
    expect(printedAll(result.warnings, "typed")).toEqual([]);
  });

  test.each([
    ["full OAuth", oauthPayload()],
    ["BASIC with mutations", basicPayload()],
    ["Bearer MCP", mcpPayload()],
  ])("the %s payload passes in Scalekit's own format", (_name, payload) => {
    const result = parseDeclaration(payload, "payload");
    expect(result.ok ? [] : printedAll(result.failures, "payload")).toEqual([]);
  });

  test("proxyEnabled defaults to true", () => {
    const result = parseDeclaration(bearerArgs("Default"), "typed");
    expect(result.ok && result.definition.proxyEnabled).toBe(true);
  });

  test("the definition is normalized: unknown properties left out, defaults filled in", () => {
    const result = parseDeclaration(bearerPayload("Norm", { categories: ["x"] }), "payload");
    expect(result.ok && result.definition).toEqual({
      displayName: "Norm",
      description: "",
      authPatterns: [{ displayName: "Token", fields: [{ fieldName: "token", inputType: "password", label: "Token", required: true }], type: "BEARER" }],
      proxyUrl: "https://api.example.com/v1",
      proxyEnabled: true,
      iconSrc: "",
      metadata: {},
    });
  });

  test("something that is not an object is refused as a whole", () => {
    const payload = parseDeclaration(["display_name"], "payload");
    expect(payload.ok ? [] : payload.failures.map((failure) => [formatPropertyPath(failure.path, "payload"), failure.rule])).toEqual([
      ["(payload)", "must be a JSON object in Scalekit's custom provider format"],
    ]);
    const typed = parseDeclaration(42, "typed");
    expect(typed.ok ? [] : typed.failures.map((failure) => formatPropertyPath(failure.path, "typed"))).toEqual(["(definition)"]);
  });

  test("a refused declaration still names its connector", () => {
    const result = parseDeclaration(bearerPayload("Named", { proxy_url: "http://x" }), "payload");
    expect(!result.ok && result.displayName).toBe("Named");
  });
});

describe("the former entry points wrap the pipeline", () => {
  test("validateDefinition returns the parsed definition and the warnings, property paths printed", () => {
    const result = validateDefinition(bearerArgs("Off", { proxyEnabled: false }));
    expect(result.ok && result.definition.proxyEnabled).toBe(false);
    expect(result.warnings).toEqual([{ property: "proxyEnabled", rule: "is false, so tool calling will not work: Scalekit's tools reach the API only through the proxy" }]);
  });

  test("validateScalekitPayload spells paths as the payload does", () => {
    const payload = oauthPayload();
    payload.display_name = "Ticket_Desk";
    payload.metadata.xy = "short key";
    const result = validateScalekitPayload(payload);
    expect(result.ok ? [] : result.failures).toEqual([
      { property: "display_name", rule: "must hold letters, digits and spaces only, with at least one letter or digit" },
      { property: "metadata.xy", rule: "the key must be 3 to 25 characters long" },
    ]);
  });
});

describe("provider/README.md lists every rule with its severity", () => {
  const readme = fs.readFileSync(path.join(repoRoot, "provider", "README.md"), "utf8");
  test.each(declarationRules.map((rule) => [rule.id, rule.severity] as const))("%s: %s", (id, severity) => {
    const row = readme.split("\n").find((line) => line.startsWith("|") && line.includes(`\`${id}\``));
    expect(row).toBeDefined();
    expect(row).toContain(`| ${severity} |`);
  });
});
