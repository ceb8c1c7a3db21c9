/**
 * The rules a parsed definition is checked against beyond its shape, each with its severity and
 * its source. The principle: a definition fails only where Scalekit's server would refuse it (the
 * proto's rules, mostly in the schema) or Scalekit's guidance says the connector cannot work;
 * everything else this provider would advise is a warning. Every payload in Scalekit's docs and
 * skill passes (test/fixtures/scalekit-examples).
 *
 * Rule texts never hold a property name as literal text: they get the names from `name(...)`,
 * which spells schema keys the way the declaration does (`isMcp` typed, `is_mcp` in a payload).
 * Values the user chose (field names, placeholders, scopes) are quoted as written.
 */
import { camelToSnake } from "../codec";
import { authFieldMutationsSchema, inputTypes, type AuthField, type AuthPattern, type ConnectorDefinition, type SchemaKey } from "./definition";
import type { PropertyPath } from "./property-path";

export type { PropertyPath } from "./property-path";

type Severity = "error" | "warning";

/** Spells schema keys (joined with dots) the way the declaration spells them. */
export type NameProperty = (...keys: SchemaKey[]) => string;
/** A rule's words, given the way to name properties. */
type RuleText = (name: NameProperty) => string;

type Report = (path: PropertyPath, text: RuleText) => void;

interface DeclarationRule {
  /** Stable name of the rule, used in tests and in provider/README.md's table. */
  id: string;
  severity: Severity;
  /** Where the rule comes from. */
  source: string;
  /** Reports every place the definition breaks the rule. Rules without a check are applied elsewhere (noted in `source`). */
  check?: (definition: ConnectorDefinition, report: Report) => void;
}

// ----------------------------------------------------------------- how many auth patterns

/**
 * Scalekit supports one auth pattern per connector: its official SDK refuses more (and anything
 * but exactly one on update), and every documented example has one. This is the only place that
 * says so: raise `max` when Scalekit supports more.
 */
export const authPatternsPerConnector = { min: 1, max: 1 } as const;

function authPatternCount(definition: ConnectorDefinition, report: Report): void {
  const count = definition.authPatterns.length;
  if (count < authPatternsPerConnector.min) {
    report(["authPatterns"], () => "must hold at least one auth pattern (NO_AUTH for a public MCP server)");
  } else if (count > authPatternsPerConnector.max) {
    report(
      ["authPatterns"],
      () => `holds ${count} auth patterns: Scalekit supports one auth pattern per connector (its official SDK refuses more)`,
    );
  }
}

// ----------------------------------------------------------------------------- helpers

type PatternVisitor = (pattern: AuthPattern, at: (...rest: (string | number)[]) => PropertyPath) => void;

function eachPattern(definition: ConnectorDefinition, visit: PatternVisitor): void {
  definition.authPatterns.forEach((pattern, index) => visit(pattern, (...rest) => ["authPatterns", index, ...rest]));
}

/** Every input list (`fields`, `accountFields`) of every pattern, with its pattern's path maker. */
function eachInputList(
  definition: ConnectorDefinition,
  visit: (fields: readonly AuthField[], list: "fields" | "accountFields", at: (...rest: (string | number)[]) => PropertyPath) => void,
): void {
  eachPattern(definition, (pattern, at) => {
    for (const list of ["fields", "accountFields"] as const) visit(pattern[list] ?? [], list, at);
  });
}

/** Calls `repeat` for every item of a list whose key an earlier item already has. */
function eachRepeat<T>(items: readonly T[] | undefined, keyOf: (item: T) => string, repeat: (index: number, key: string) => void): void {
  const seen = new Set<string>();
  (items ?? []).forEach((item, index) => {
    const key = keyOf(item);
    if (seen.has(key)) repeat(index, key);
    seen.add(key);
  });
}

/** "a BEARER pattern", "an API_KEY pattern". */
function aPattern(type: string): string {
  return `${/^[AEIOU]/.test(type) ? "an" : "a"} ${type} pattern`;
}

/** `{{name}}` placeholders in a proxy URL, in order, without repeats, named as written. */
function proxyUrlPlaceholders(proxyUrl: string): string[] {
  const names = [...proxyUrl.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((match) => match[1]);
  return [...new Set(names)];
}

/** Placeholders the proxy fills from a field of the same name without `is_path_param` (guidance). */
const wellKnownPlaceholders = new Set(["domain", "version"]);

/** The input list that holds a pattern's account-specific inputs and path parameters (guidance). */
function inputListOf(pattern: AuthPattern): "fields" | "accountFields" {
  return pattern.type === "OAUTH" ? "accountFields" : "fields";
}

/**
 * The credentials the proxy sends for each static auth type, named by their keys in
 * `authFieldMutations` (a field carrying the credential has the same name in snake_case: `api_key`).
 */
type CredentialKey = keyof typeof authFieldMutationsSchema.shape;
const credentialsByType: Partial<Record<AuthPattern["type"], readonly CredentialKey[]>> = {
  BASIC: ["username", "password"],
  BEARER: ["token"],
  API_KEY: ["apiKey"],
};

const oauthEndpoints = ["authorizeUri", "tokenUri"] as const;
const oauthUris = ["authorizeUri", "tokenUri", "userInfoUri"] as const;

// ------------------------------------------------------------------------------ rules

export const declarationRules: readonly DeclarationRule[] = [
  {
    id: "one-auth-pattern",
    severity: "error",
    source: "Scalekit's Python SDK (one auth pattern per connector; auth_patterns required by the proto)",
    check: authPatternCount,
  },
  {
    id: "mcp-every-pattern",
    severity: "error",
    source: "guidance (docs: MCP connectors set is_mcp: true in each auth pattern)",
    check: (definition, report) => {
      if (!definition.authPatterns.some((pattern) => pattern.isMcp === true)) return;
      eachPattern(definition, (pattern, at) => {
        if (pattern.isMcp !== true) report(at("isMcp"), (name) => `must be true: an MCP connector sets ${name("isMcp")}: true in every auth pattern`);
      });
    },
  },
  {
    id: "no-auth-mcp-only",
    severity: "error",
    source: "guidance (docs: NO_AUTH is for public MCP servers)",
    check: (definition, report) =>
      eachPattern(definition, (pattern, at) => {
        if (pattern.type === "NO_AUTH" && pattern.isMcp !== true) {
          report(at("type"), (name) => `NO_AUTH is only for MCP servers: set ${name("isMcp")}: true or choose another auth type`);
        }
      }),
  },
  {
    id: "no-auth-no-fields",
    severity: "error",
    source: "guidance (docs: NO_AUTH uses an empty fields list)",
    check: (definition, report) =>
      eachPattern(definition, (pattern, at) => {
        if (pattern.type === "NO_AUTH" && (pattern.fields?.length ?? 0) > 0) {
          report(at("fields"), (name) => `NO_AUTH patterns collect no fields: leave ${name("fields")} empty`);
        }
      }),
  },
  {
    id: "oauth-config-only-on-oauth",
    severity: "warning",
    source: "advice (docs and skill put oauth_config only on OAUTH patterns; the newer Python SDK says it is not exclusive to OAUTH)",
    check: (definition, report) =>
      eachPattern(definition, (pattern, at) => {
        if (pattern.type !== "OAUTH" && pattern.oauthConfig !== undefined) {
          report(at("oauthConfig"), (name) => `is set on ${aPattern(pattern.type)}: Scalekit's examples use ${name("oauthConfig")} only on OAUTH patterns`);
        }
      }),
  },
  {
    id: "mcp-oauth-dcr",
    severity: "error",
    source: "guidance (docs and skill: MCP OAuth uses dynamic client registration, oauth_config {\"pkce_enabled\": true} only)",
    check: (definition, report) =>
      eachPattern(definition, (pattern, at) => {
        if (pattern.isMcp !== true || pattern.type !== "OAUTH") return;
        const config = pattern.oauthConfig;
        const registersDynamically =
          config !== undefined && config.pkceEnabled === true && oauthUris.every((uri) => !config[uri]) && (config.availableScopes?.length ?? 0) === 0;
        if (!registersDynamically) {
          report(
            at("oauthConfig"),
            (name) =>
              `an MCP OAuth pattern uses dynamic client registration: ${name("oauthConfig")} must be { ${name("pkceEnabled")}: true }, with no endpoints and no scopes`,
          );
        }
      }),
  },
  {
    id: "oauth-config-required",
    severity: "error",
    source: "guidance (skill: the required shape of an OAuth provider has oauth_config; the Python SDK refuses OAUTH without it)",
    check: (definition, report) =>
      eachPattern(definition, (pattern, at) => {
        if (pattern.type === "OAUTH" && pattern.isMcp !== true && pattern.oauthConfig === undefined) {
          report(at("oauthConfig"), (name) => `is required for an OAUTH pattern: its endpoints and scopes go in ${name("oauthConfig")}`);
        }
      }),
  },
  {
    id: "placeholder-field",
    severity: "error",
    source: "guidance (docs and skill: every proxy_url placeholder has a field of that name, in account_fields for OAUTH)",
    check: (definition, report) => {
      const placeholders = proxyUrlPlaceholders(definition.proxyUrl);
      eachPattern(definition, (pattern, at) => {
        const listName = inputListOf(pattern);
        const list: AuthField[] = pattern[listName] ?? [];
        for (const placeholder of placeholders) {
          if (list.some((field) => field.fieldName === placeholder)) continue;
          const needsPathParam = !wellKnownPlaceholders.has(placeholder);
          report(
            at(listName),
            (name) =>
              `${name("proxyUrl")} uses {{${placeholder}}}, so this ${pattern.type} pattern needs a field named "${placeholder}" in ${name(listName)}` +
              (needsPathParam ? ` with ${name("isPathParam")}: true` : ""),
          );
        }
      });
    },
  },
  {
    id: "placeholder-path-param",
    severity: "error",
    source: "guidance (skill: a named placeholder's field has is_path_param: true)",
    check: (definition, report) => {
      const placeholders = proxyUrlPlaceholders(definition.proxyUrl).filter((placeholder) => !wellKnownPlaceholders.has(placeholder));
      eachPattern(definition, (pattern, at) => {
        const listName = inputListOf(pattern);
        (pattern[listName] ?? []).forEach((field, index) => {
          if (placeholders.includes(field.fieldName) && field.isPathParam !== true) {
            report(at(listName, index, "isPathParam"), (name) => `must be true: ${name("proxyUrl")} uses {{${field.fieldName}}} as a path parameter`);
          }
        });
      });
    },
  },
  {
    id: "proxy-enabled",
    severity: "warning",
    source: "guidance (docs and skill: proxy_enabled should be true; a warning, since Scalekit accepts false)",
    check: (definition, report) => {
      if (!definition.proxyEnabled) {
        report(["proxyEnabled"], () => "is false, so tool calling will not work: Scalekit's tools reach the API only through the proxy");
      }
    },
  },
  {
    id: "credential-field",
    severity: "warning",
    source: "advice (docs: the usual field names; Scalekit's own BASIC example has no password field)",
    check: (definition, report) =>
      eachPattern(definition, (pattern, at) => {
        const names = new Set((pattern.fields ?? []).map((field) => field.fieldName));
        for (const key of credentialsByType[pattern.type] ?? []) {
          const fieldName = camelToSnake(key);
          const supplied = (pattern.authFieldMutations?.[key]?.default ?? "") !== "";
          if (names.has(fieldName) || supplied) continue;
          report(
            at("fields"),
            (name) =>
              `has no field named "${fieldName}" and no ${name("authFieldMutations", key, "default")}, so the proxy has no ${fieldName} to send: ${aPattern(pattern.type)} usually collects one`,
          );
        }
      }),
  },
  {
    id: "oauth-endpoints",
    severity: "warning",
    source: "advice (skill: an OAuth provider usually has authorize_uri and token_uri)",
    check: (definition, report) =>
      eachPattern(definition, (pattern, at) => {
        if (pattern.type !== "OAUTH" || pattern.isMcp === true || !pattern.oauthConfig) return;
        for (const endpoint of oauthEndpoints) {
          if (!pattern.oauthConfig[endpoint]) {
            report(at("oauthConfig", endpoint), () => "is missing: an OAUTH pattern that is not MCP usually needs it for the authorization flow");
          }
        }
      }),
  },
  {
    id: "oauth-https",
    severity: "warning",
    source: "advice (every OAuth endpoint in Scalekit's examples uses https)",
    check: (definition, report) =>
      eachPattern(definition, (pattern, at) => {
        for (const uri of oauthUris) {
          const value = pattern.oauthConfig?.[uri];
          if (value && !value.startsWith("https://")) report(at("oauthConfig", uri), () => "does not start with https://: OAuth endpoints are expected to use https");
        }
      }),
  },
  {
    id: "oauth-path-param-in-fields",
    severity: "warning",
    source: "advice (skill: an OAUTH pattern's path parameters go in account_fields)",
    check: (definition, report) =>
      eachPattern(definition, (pattern, at) => {
        if (pattern.type !== "OAUTH") return;
        (pattern.fields ?? []).forEach((field, index) => {
          if (field.isPathParam === true) {
            report(at("fields", index, "isPathParam"), (name) => `a path parameter of an OAUTH pattern belongs in ${name("accountFields")}, not in ${name("fields")}`);
          }
        });
      }),
  },
  {
    id: "account-fields-on-static",
    severity: "warning",
    source: "advice (docs: account_fields are for OAUTH; static types collect inputs in fields)",
    check: (definition, report) =>
      eachPattern(definition, (pattern, at) => {
        if (pattern.type !== "OAUTH" && (pattern.accountFields?.length ?? 0) > 0) {
          report(
            at("accountFields"),
            (name) => `${name("accountFields")} are for OAUTH patterns; ${aPattern(pattern.type)} usually collects its inputs in ${name("fields")}`,
          );
        }
      }),
  },
  {
    id: "duplicate-field",
    severity: "warning",
    source: "advice (a field name says where a value is stored: a second field of the same name shadows the first)",
    check: (definition, report) =>
      eachInputList(definition, (fields, list, at) =>
        eachRepeat(fields, (field) => field.fieldName, (index, name) => report(at(list, index, "fieldName"), () => `field "${name}" is declared twice`)),
      ),
  },
  {
    id: "duplicate-scope",
    severity: "warning",
    source: "advice (a scope listed twice is shown twice)",
    check: (definition, report) =>
      eachPattern(definition, (pattern, at) =>
        eachRepeat(
          pattern.oauthConfig?.availableScopes,
          (scope) => scope.scope,
          (index, scope) => report(at("oauthConfig", "availableScopes", index, "scope"), () => `scope "${scope}" is listed twice`),
        ),
      ),
  },
  {
    id: "mutation-credential-field",
    severity: "warning",
    source: "advice (docs: auth_field_mutations apply to the credential fields the proxy sends: api_key, token, username, password)",
    check: (definition, report) =>
      eachPattern(definition, (pattern, at) => {
        const credentials = Object.keys(authFieldMutationsSchema.shape);
        for (const key of Object.keys(pattern.authFieldMutations ?? {})) {
          if (credentials.includes(key)) continue;
          report(
            at("authFieldMutations", key),
            (name) =>
              `mutates a field the proxy does not send as a credential: ${name("authFieldMutations")} applies to ${credentials.map((credential) => `"${camelToSnake(credential)}"`).join(", ")}; it is sent as written`,
          );
        }
      }),
  },
  {
    id: "input-type",
    severity: "warning",
    source: "advice (docs: text, password; skill: select; SDK: textarea; Scalekit owns the list)",
    check: (definition, report) =>
      eachInputList(definition, (fields, list, at) =>
        fields.forEach((field, index) => {
          const inputType = field.inputType;
          if (inputType !== undefined && !(inputTypes as readonly string[]).includes(inputType)) {
            report(at(list, index, "inputType"), () => `is "${inputType}", which is not one of the input types Scalekit is known to use (${inputTypes.join(", ")}); it is sent as written`);
          }
        }),
      ),
  },
  {
    id: "reserved-key",
    severity: "error",
    source:
      "this provider, not Scalekit (applied while reading the declaration, reserved-keys.ts): a key named __proto__, constructor or prototype cannot be carried faithfully through Pulumi's serialisation, so what is reviewed and what is sent could differ",
  },
  {
    id: "unknown-property",
    severity: "warning",
    source:
      "advice (applied while reading the declaration: a key beside Scalekit's seven top-level fields is left out of what is sent; inside an auth pattern any key is carried, and one that looks like a mistyped known key is named)",
  },
];

const rulesById = new Map(declarationRules.map((rule) => [rule.id, rule]));

export function declarationRule(id: string): DeclarationRule {
  const rule = rulesById.get(id);
  if (!rule) throw new Error(`no declaration rule ${id}`);
  return rule;
}

interface RuleFinding {
  rule: DeclarationRule;
  path: PropertyPath;
  text: RuleText;
}

/** Every rule the parsed definition breaks, errors and warnings, in the order of the rules. */
export function ruleFindings(definition: ConnectorDefinition): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const rule of declarationRules) {
    rule.check?.(definition, (path, text) => findings.push({ rule, path, text }));
  }
  return findings;
}
