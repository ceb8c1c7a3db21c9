/**
 * Keys that name JavaScript internals (`__proto__`, `constructor`, `prototype`) are refused at
 * any depth, never carried: in definition files (real JSON text, whose `JSON.parse` makes an own
 * `__proto__` key), in typed arguments and payloads through the one pipeline, in the resource
 * classes before Pulumi serialises the arguments, and in an answer from Scalekit, which is then
 * unreadable and names where the key is.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CustomConnector, checkDefinitionFiles, readDefinitionFiles } from "pulumi-scalekit-connectors";
import { CustomConnector as PluginCustomConnector } from "pulumi-scalekit-connectors/plugin";
import { answerObject, operations, UnreadableAnswerError, validateDefinition, type OperationContext } from "pulumi-scalekit-connectors/internal";

const valid = {
  display_name: "Reserved Keys",
  auth_patterns: [{ type: "BEARER", display_name: "Token", fields: [{ field_name: "token", label: "Token", input_type: "password" }] }],
  proxy_url: "https://api.example.com",
};

/** Definition file text: the valid payload's JSON with `insert` spliced in at `where` (a JSON text of its own). */
function fileText(where: "top" | "pattern" | "field" | "metadata", insert: string): string {
  const text = JSON.stringify({ ...valid, metadata: { owner: "team" } }, null, 2);
  switch (where) {
    case "top":
      return text.replace(/^\{/, `{\n  ${insert},`);
    case "pattern":
      return text.replace(`"type": "BEARER",`, `"type": "BEARER", ${insert},`);
    case "field":
      return text.replace(`"field_name": "token",`, `"field_name": "token", ${insert},`);
    case "metadata":
      return text.replace(`"owner": "team"`, `"owner": "team", ${insert}`);
  }
}

const cases: [string, ReturnType<typeof fileText>, string][] = [
  ["__proto__ at the top level", fileText("top", `"__proto__": { "proxy_url": "https://elsewhere.example.com" }`), "__proto__"],
  ["__proto__ holding a string at the top level", fileText("top", `"__proto__": "x"`), "__proto__"],
  ["__proto__ in an auth pattern", fileText("pattern", `"__proto__": { "is_mcp": true }`), "auth_patterns[0].__proto__"],
  ["constructor in a field", fileText("field", `"constructor": "Object"`), "auth_patterns[0].fields[0].constructor"],
  ["prototype as a metadata key", fileText("metadata", `"prototype": "value"`), "metadata.prototype"],
];

let folder: string;
beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), "reserved-keys-"));
});
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

describe("a definition file holding a reserved key fails, naming the file, the property and the rule", () => {
  test.each(cases)("%s", (_name, text, property) => {
    const dir = fs.mkdtempSync(path.join(folder, "case-"));
    fs.writeFileSync(path.join(dir, "connector.json"), text);
    const files = readDefinitionFiles(dir);
    const report = checkDefinitionFiles(files);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toBe(`${files[0]!.file}: ${property}: ${report.errors[0]!.split(": ").slice(2).join(": ")}`);
    expect(report.errors[0]).toMatch(/names a JavaScript internal .*cannot be carried faithfully through Pulumi's serialisation/);
  });

  test("the same definition without the key passes", () => {
    const dir = fs.mkdtempSync(path.join(folder, "valid-"));
    fs.writeFileSync(path.join(dir, "connector.json"), JSON.stringify(valid));
    expect(checkDefinitionFiles(readDefinitionFiles(dir)).errors).toEqual([]);
  });
});

test("typed arguments read from JSON text name the property in camelCase", () => {
  const args = JSON.parse(`{"displayName": "Typed", "proxyUrl": "https://api.example.com",
    "authPatterns": [{"type": "BEARER", "fields": [{"fieldName": "token", "__proto__": {"required": true}}]}]}`) as unknown;
  const result = validateDefinition(args, "typed");
  expect(result.ok ? [] : result.failures.map((failure) => failure.property)).toEqual(["authPatterns[0].fields[0].__proto__"]);
});

test("the check of both doors fails on a payload holding one (operations.check)", async () => {
  const context: OperationContext = {
    environment: () => {
      throw new Error("check must not reach Scalekit");
    },
    warn: () => undefined,
  };
  const scalekitPayload = JSON.parse(fileText("pattern", `"__proto__": { "is_mcp": true }`)) as Record<string, unknown>;
  const result = await operations.check(context, { scalekitPayload });
  expect(result.failures?.map((failure) => failure.property)).toEqual(["auth_patterns[0].__proto__"]);
});

describe("the resource classes refuse one before Pulumi serialises the arguments", () => {
  const scalekitPayload = () => JSON.parse(fileText("pattern", `"__proto__": { "is_mcp": true }`)) as Record<string, unknown>;
  test.each([
    ["the dynamic provider's CustomConnector", (args: Record<string, unknown>) => new CustomConnector("reserved", args as never)],
    ["the plugin SDK's CustomConnector", (args: Record<string, unknown>) => new PluginCustomConnector("reserved", args as never)],
  ])("%s", (_name, construct) => {
    expect(() => construct({ scalekitPayload: scalekitPayload() })).toThrow(/CustomConnector "reserved": scalekitPayload\.auth_patterns\[0\]\.__proto__: is a key that names a JavaScript internal/);
  });
});

describe("an answer from Scalekit holding one is unreadable, naming where", () => {
  const answer = (text: string) => ({ operation: "Listing Scalekit connectors", status: 200, contentType: "application/json", text });
  test.each([
    [`{"providers": [{"identifier": "a", "auth_patterns": [{"type": "BASIC", "__proto__": {"is_mcp": true}}]}], "total_size": 1}`, "providers[0].auth_patterns[0].__proto__"],
    [`{"providers": [], "total_size": 0, "constructor": {}}`, "constructor"],
    [`{"provider": {"identifier": "a", "metadata": {"prototype": "x"}}}`, "provider.metadata.prototype"],
  ])("%s", (text, where) => {
    let error: unknown;
    try {
      answerObject(answer(text), []);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnreadableAnswerError);
    expect((error as Error).message).toContain(`names a JavaScript internal, which cannot be carried faithfully, at ${where}`);
  });
});
