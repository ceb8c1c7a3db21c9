/** The generated connector definitions the benchmark and the fault suites declare: valid, distinct, every auth shape. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readDefinitionFiles, validateDefinitionFiles } from "pulumi-scalekit-connectors";
import { connectorNameKey } from "pulumi-scalekit-connectors/internal";
import { definition, writeGeneratedDefinitions } from "../../scripts/lib/generated-definitions";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "generated-definitions-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test("are valid for the provider, one file each, with distinct names", () => {
  const written = writeGeneratedDefinitions(dir, 13);
  expect(written.names).toHaveLength(13);
  expect(fs.readdirSync(dir).filter((f) => f.endsWith(".json"))).toHaveLength(13);
  const files = readDefinitionFiles(dir);
  expect(validateDefinitionFiles(files)).toEqual([]);
  // Distinct as Scalekit compares names (ignoring case and spaces), read from the files written.
  const names = new Set(files.map((file) => connectorNameKey(String((file.payload as { display_name?: unknown }).display_name))));
  expect(names.size).toBe(13);
});

test("cover every auth shape of the examples", () => {
  const types = new Set(
    Array.from({ length: 6 }, (_, index) => {
      const pattern = (definition(index).auth_patterns as { type: string; is_mcp?: boolean }[])[0]!;
      return `${pattern.type}${pattern.is_mcp ? " MCP" : ""}`;
    }),
  );
  expect([...types].sort()).toEqual(["API_KEY", "BASIC", "BEARER", "NO_AUTH MCP", "OAUTH", "OAUTH MCP"]);
});
