/**
 * The rules of Scalekit's guidance for building connectors (scalekit-api.md, "Rules from
 * Scalekit's guidance"). The server accepts a connector that breaks them, but it would not work:
 * so check() refuses them before anything is sent.
 */
import type { AuthField, AuthPattern, ConnectorDefinition } from "./definition";

export type PathSegment = string | number;

export interface RuleFailure {
  path: PathSegment[];
  rule: string;
}

/** Credential fields the proxy reads for each static auth type. */
export const credentialFieldsByType: Partial<Record<AuthPattern["type"], string[]>> = {
  BASIC: ["username", "password"],
  BEARER: ["token"],
  API_KEY: ["api_key"],
};

/** `{{name}}` placeholders in a proxy URL, in order, without repeats. */
export function proxyUrlPlaceholders(proxyUrl: string): string[] {
  const names = [...proxyUrl.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((match) => match[1]);
  return [...new Set(names)];
}

const wellKnownPlaceholders = new Set(["domain", "version"]);

/** "a BEARER pattern", "an API_KEY pattern". */
function aPattern(type: string): string {
  return `${/^[AEIOU]/.test(type) ? "an" : "a"} ${type} pattern`;
}

function mcpRules(patterns: AuthPattern[], failures: RuleFailure[]): void {
  const isMcpConnector = patterns.some((pattern) => pattern.isMcp === true);
  patterns.forEach((pattern, index) => {
    const at = (...rest: PathSegment[]): PathSegment[] => ["authPatterns", index, ...rest];
    if (isMcpConnector && pattern.isMcp !== true) {
      failures.push({ path: at("isMcp"), rule: "must be true: an MCP connector sets isMcp: true in every auth pattern" });
    }
    if (pattern.type === "NO_AUTH" && pattern.isMcp !== true) {
      failures.push({ path: at("type"), rule: "NO_AUTH is only for MCP servers: set isMcp: true or choose another auth type" });
    }
    if (pattern.type === "NO_AUTH" && ((pattern.fields?.length ?? 0) > 0 || (pattern.accountFields?.length ?? 0) > 0)) {
      failures.push({ path: at(pattern.fields?.length ? "fields" : "accountFields"), rule: "NO_AUTH patterns collect no fields" });
    }
    if (pattern.isMcp === true && pattern.type === "OAUTH") {
      const config = pattern.oauthConfig;
      const onlyPkce = config !== undefined && Object.keys(config).length === 1 && config.pkceEnabled === true;
      if (!onlyPkce) {
        failures.push({
          path: at("oauthConfig"),
          rule: "an MCP OAuth pattern uses dynamic client registration: oauthConfig must be exactly { pkceEnabled: true }, with no endpoints and no scopes",
        });
      }
    }
  });
}

function oauthRules(patterns: AuthPattern[], failures: RuleFailure[]): void {
  patterns.forEach((pattern, index) => {
    const at = (...rest: PathSegment[]): PathSegment[] => ["authPatterns", index, ...rest];
    if (pattern.type !== "OAUTH" && pattern.oauthConfig !== undefined) {
      failures.push({ path: at("oauthConfig"), rule: `oauthConfig belongs only to OAUTH patterns, not ${pattern.type}` });
    }
    if (pattern.type === "OAUTH" && pattern.isMcp !== true) {
      if (pattern.oauthConfig === undefined) {
        failures.push({ path: at("oauthConfig"), rule: "an OAUTH pattern needs oauthConfig with authorizeUri and tokenUri" });
      } else {
        for (const endpoint of ["authorizeUri", "tokenUri"] as const) {
          if (!pattern.oauthConfig[endpoint]) {
            failures.push({ path: at("oauthConfig", endpoint), rule: "is required for an OAUTH pattern that is not MCP" });
          }
        }
      }
    }
    const scopes = pattern.oauthConfig?.availableScopes ?? [];
    const seen = new Set<string>();
    scopes.forEach((scope, scopeIndex) => {
      if (seen.has(scope.scope)) {
        failures.push({ path: at("oauthConfig", "availableScopes", scopeIndex, "scope"), rule: `scope "${scope.scope}" is listed twice` });
      }
      seen.add(scope.scope);
    });
  });
}

function fieldListRules(patterns: AuthPattern[], failures: RuleFailure[]): void {
  patterns.forEach((pattern, index) => {
    const at = (...rest: PathSegment[]): PathSegment[] => ["authPatterns", index, ...rest];
    if (pattern.type === "OAUTH" && (pattern.fields?.length ?? 0) > 0) {
      failures.push({ path: at("fields"), rule: "OAUTH patterns collect account inputs in accountFields, not fields" });
    }
    if (pattern.type !== "OAUTH" && pattern.type !== "NO_AUTH" && (pattern.accountFields?.length ?? 0) > 0) {
      failures.push({ path: at("accountFields"), rule: `accountFields are for OAUTH patterns; ${aPattern(pattern.type)} collects its inputs in fields` });
    }
    for (const list of ["fields", "accountFields"] as const) {
      const seen = new Set<string>();
      (pattern[list] ?? []).forEach((field, fieldIndex) => {
        if (seen.has(field.fieldName)) {
          failures.push({ path: at(list, fieldIndex, "fieldName"), rule: `field "${field.fieldName}" is declared twice` });
        }
        seen.add(field.fieldName);
      });
    }
    const needed = credentialFieldsByType[pattern.type] ?? [];
    const names = new Set((pattern.fields ?? []).map((field) => field.fieldName));
    for (const name of needed) {
      if (!names.has(name)) {
        failures.push({ path: at("fields"), rule: `${aPattern(pattern.type)} needs a field named "${name}": the proxy sends the credential from it` });
      }
    }
  });
}

function placeholderRules(definition: ConnectorDefinition, failures: RuleFailure[]): void {
  const placeholders = proxyUrlPlaceholders(definition.proxyUrl);
  definition.authPatterns.forEach((pattern, index) => {
    const listName = pattern.type === "OAUTH" ? "accountFields" : "fields";
    const list: AuthField[] = pattern[listName] ?? [];
    for (const name of placeholders) {
      const field = list.find((candidate) => candidate.fieldName === name);
      if (!field) {
        failures.push({
          path: ["authPatterns", index, listName],
          rule: `proxyUrl uses {{${name}}}, so this ${pattern.type} pattern needs a field named "${name}" in ${listName}${wellKnownPlaceholders.has(name) ? "" : " with isPathParam: true"}`,
        });
      } else if (!wellKnownPlaceholders.has(name) && field.isPathParam !== true) {
        failures.push({
          path: ["authPatterns", index, listName, list.indexOf(field), "isPathParam"],
          rule: `must be true: proxyUrl uses {{${name}}} as a path parameter`,
        });
      }
    }
  });
}

/** Every guidance rule the definition breaks, with the path of the property at fault. */
export function guidanceFailures(definition: ConnectorDefinition): RuleFailure[] {
  const failures: RuleFailure[] = [];
  mcpRules(definition.authPatterns, failures);
  oauthRules(definition.authPatterns, failures);
  fieldListRules(definition.authPatterns, failures);
  placeholderRules(definition, failures);
  return failures;
}
