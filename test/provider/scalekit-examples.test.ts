/**
 * Every example payload Scalekit publishes or serves (docs, skill, SDK tests:
 * test/fixtures/scalekit-examples, sources in its SOURCES.md) passes check unchanged: through the
 * payload pipeline, as typed camelCase arguments, and through the provider's check operation; and
 * what the provider would send for it is the file itself, key for key (a `null` read as absent).
 * Warnings are this provider's advice only, and each file's are listed.
 */
import * as fs from "fs";
import * as path from "path";
import {
  canonicalJson,
  formatPropertyPath,
  operations,
  parseDeclaration,
  toCamelCase,
  toScalekitPayload,
  type DeclaredForm,
  type Finding,
  type OperationContext,
} from "pulumi-scalekit-connectors/internal";
import { testFixturesDir } from "../../scripts/lib/paths";

const examplesDir = path.join(testFixturesDir, "scalekit-examples");
const files = fs.readdirSync(examplesDir).filter((file) => file.endsWith(".json")).sort();

function load(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(examplesDir, file), "utf8")) as Record<string, unknown>;
}

function printed(findings: readonly Finding[], form: DeclaredForm): string[] {
  return findings.map((finding) => `${formatPropertyPath(finding.path, form)}: ${finding.rule}`);
}

/** Scalekit's own Basic example sends the API key as the user name and no password. */
const freshdeskNoPassword = {
  payload: 'auth_patterns[0].fields: has no field named "password" and no auth_field_mutations.password.default, so the proxy has no password to send: a BASIC pattern usually collects one',
  typed: 'authPatterns[0].fields: has no field named "password" and no authFieldMutations.password.default, so the proxy has no password to send: a BASIC pattern usually collects one',
};

/**
 * The advice each example earns, as `property: rule id` in payload spelling; every other example
 * earns none. The SDK's served patterns are fragments of connectors (a field, a select), so they
 * lack what a whole connector usually has; none of it is an error.
 */
const expectedAdvice: Record<string, string[]> = {
  "docs-create-connector-api-basic-freshdesk.json": ["auth_patterns[0].fields: credential-field"],
  "sdk-test-providers-served-account-fields-proxy-domains.json": ["auth_patterns[0].fields: credential-field", "auth_patterns[0].account_fields: account-fields-on-static"],
  "sdk-test-providers-served-header-name-field.json": ["auth_patterns[0].fields: credential-field"],
  "sdk-test-providers-served-no-fields-key.json": ["auth_patterns[0].fields: credential-field"],
  "sdk-test-providers-served-null-field.json": ["auth_patterns[0].fields: credential-field"],
  "sdk-test-providers-served-null-pattern.json": ["auth_patterns[0].fields: credential-field"],
  "sdk-test-providers-served-oauth-select-options.json": ["auth_patterns[0].oauth_config.authorize_uri: oauth-endpoints", "auth_patterns[0].oauth_config.token_uri: oauth-endpoints"],
  "sdk-test-providers-served-textarea-field.json": ["auth_patterns[0].fields: credential-field"],
};

function advice(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${formatPropertyPath(finding.path, "payload")}: ${finding.ruleId}`);
}

/** A served value as a client reads it: every `null` entry of an object left out (proto3 JSON). */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([, child]) => child !== null).map(([key, child]) => [key, withoutNulls(child)]));
}

test("the examples are all there: docs, skill and SDK tests, each listed in SOURCES.md", () => {
  const sources = fs.readFileSync(path.join(examplesDir, "SOURCES.md"), "utf8");
  expect(files.length).toBeGreaterThanOrEqual(25);
  for (const prefix of ["docs-", "skill-", "sdk-test-"]) expect(files.some((file) => file.startsWith(prefix))).toBe(true);
  expect(files.filter((file) => !sources.includes(`\`${file}\``))).toEqual([]);
});

describe.each(files)("%s", (file) => {
  test("passes as Scalekit's payload, unchanged", () => {
    const payload = load(file);
    const before = JSON.stringify(payload);
    const result = parseDeclaration(payload, "payload");
    expect(result.ok ? [] : printed(result.failures, "payload")).toEqual([]);
    expect(advice(result.warnings)).toEqual(expectedAdvice[file] ?? []);
    if (file === "docs-create-connector-api-basic-freshdesk.json") expect(printed(result.warnings, "payload")).toEqual([freshdeskNoPassword.payload]);
    expect(JSON.stringify(payload)).toBe(before);
  });

  test("is sent as written: every key of the file, at every depth, in what the provider sends", () => {
    const payload = load(file);
    const result = parseDeclaration(payload, "payload");
    if (!result.ok) throw new Error(`${file} fails: ${printed(result.failures, "payload").join("; ")}`);
    const sent = toScalekitPayload(result.definition) as unknown as Record<string, unknown>;
    const written = withoutNulls(payload) as Record<string, unknown>;
    for (const [key, value] of Object.entries(written)) expect({ key, value: canonicalJson(sent[key]) }).toEqual({ key, value: canonicalJson(value) });
  });

  test("passes as typed arguments, to the same definition", () => {
    const typedResult = parseDeclaration(toCamelCase(load(file)), "typed");
    const payloadResult = parseDeclaration(load(file), "payload");
    expect(typedResult.ok ? [] : printed(typedResult.failures, "typed")).toEqual([]);
    expect(advice(typedResult.warnings)).toEqual(expectedAdvice[file] ?? []);
    if (file === "docs-create-connector-api-basic-freshdesk.json") expect(printed(typedResult.warnings, "typed")).toEqual([freshdeskNoPassword.typed]);
    if (!typedResult.ok || !payloadResult.ok) throw new Error(`${file} fails in one of the forms`);
    expect(typedResult.definition).toEqual(payloadResult.definition);
  });

  test("passes the provider's check", async () => {
    const warnings: string[] = [];
    const context: OperationContext = {
      environment: () => {
        throw new Error("check must not reach Scalekit");
      },
      warn: (message) => warnings.push(message),
    };
    const result = await operations.check(context, { scalekitPayload: load(file) });
    expect(result.failures).toBeUndefined();
    const displayName = load(file).display_name as string;
    expect(warnings).toHaveLength((expectedAdvice[file] ?? []).length);
    for (const warning of warnings) expect(warning.startsWith(`Connector "${displayName}": auth_patterns[0]`)).toBe(true);
  });
});
