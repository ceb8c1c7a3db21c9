/**
 * Every example payload Scalekit publishes (docs, skill, SDK tests: test/fixtures/scalekit-examples,
 * sources in its SOURCES.md) passes check unchanged: through the payload pipeline, as typed
 * camelCase arguments, and through the provider's check operation. Warnings are allowed, and
 * asserted where they say something.
 */
import * as fs from "fs";
import * as path from "path";
import { formatPropertyPath, operations, parseDeclaration, toCamelCase, type DeclaredForm, type Finding, type OperationContext } from "pulumi-scalekit-connectors/internal";
import { testFixturesDir } from "../../scripts/lib/paths";

const examplesDir = path.join(testFixturesDir, "scalekit-examples");
const files = fs.readdirSync(examplesDir).filter((file) => file.endsWith(".json")).sort();

function load(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(examplesDir, file), "utf8")) as Record<string, unknown>;
}

function printed(findings: readonly Finding[], form: DeclaredForm): string[] {
  return findings.map((finding) => `${formatPropertyPath(finding.path, form)}: ${finding.rule}`);
}

/** The warnings an example deserves; every other example gets none. */
const expectedWarnings: Record<string, { payload: string[]; typed: string[] }> = {
  // Scalekit's own Basic example sends the API key as the user name and no password.
  "docs-create-connector-api-basic-freshdesk.json": {
    payload: [
      'auth_patterns[0].fields: has no field named "password" and no auth_field_mutations.password.default, so the proxy has no password to send: a BASIC pattern usually collects one',
    ],
    typed: [
      'authPatterns[0].fields: has no field named "password" and no authFieldMutations.password.default, so the proxy has no password to send: a BASIC pattern usually collects one',
    ],
  },
};

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
    expect(printed(result.warnings, "payload")).toEqual(expectedWarnings[file]?.payload ?? []);
    expect(JSON.stringify(payload)).toBe(before);
  });

  test("passes as typed arguments, to the same definition", () => {
    const typedResult = parseDeclaration(toCamelCase(load(file)), "typed");
    const payloadResult = parseDeclaration(load(file), "payload");
    expect(typedResult.ok ? [] : printed(typedResult.failures, "typed")).toEqual([]);
    expect(printed(typedResult.warnings, "typed")).toEqual(expectedWarnings[file]?.typed ?? []);
    expect(typedResult.ok && payloadResult.ok && typedResult.definition).toEqual(payloadResult.ok && payloadResult.definition);
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
    expect(warnings).toEqual((expectedWarnings[file]?.payload ?? []).map((line) => `Connector "${displayName}": ${line}`));
  });
});
