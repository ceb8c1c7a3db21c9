/**
 * The bad-definition corpus through the code path of the root program (index.ts reads the
 * definitions folder with readDefinitionFiles and refuses to register anything when
 * validateDefinitionFiles reports a problem): every file is rejected with a line naming the
 * file, the property and the rule. Only Scalekit's rules are here: definitions that merely go
 * against this provider's advice pass with a warning (advice.test.ts). The real-CLI half is in
 * cli-preview.test.ts.
 */
import * as path from "path";
import { readDefinitionFiles, validateDefinitionFiles } from "pulumi-scalekit-connectors";
import { corpusDir, corpusFiles, loadExpectations, rulesNaming } from "../support/bad-input-corpus";

const expectations = loadExpectations();
const problems = validateDefinitionFiles(readDefinitionFiles(corpusDir));
const shownDir = path.relative(process.cwd(), corpusDir);

test("the corpus holds at least 30 files, each with exactly one expectation", () => {
  expect(corpusFiles().length).toBeGreaterThanOrEqual(30);
  expect(expectations.map((e) => e.file).sort()).toEqual(corpusFiles());
});

test("every reason Scalekit refuses a definition is represented: its server, its guidance, its SDK, not a payload at all", () => {
  const counts = { server: 0, guidance: 0, sdk: 0, format: 0 };
  for (const e of expectations) counts[e.source] += 1;
  expect(counts.server).toBeGreaterThanOrEqual(10);
  expect(counts.guidance).toBeGreaterThanOrEqual(10);
  expect(counts.sdk).toBeGreaterThanOrEqual(1);
  expect(counts.format).toBeGreaterThanOrEqual(1);
});

describe.each(expectations)("$file", ({ file, property, rule }) => {
  test(`is rejected naming ${property} and the rule ${rule.source}`, () => {
    const prefix = `${path.join(shownDir, file)}: `;
    const lines = problems.filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
    expect(lines.length).toBeGreaterThan(0);
    const rules = rulesNaming(lines, property);
    expect({ file, lines, namesProperty: rules.length > 0 }).toEqual({ file, lines, namesProperty: true });
    expect({ file, rules, matches: rules.some((text) => rule.test(text)) }).toEqual({ file, rules, matches: true });
  });
});

test("each line of the report belongs to one corpus file", () => {
  const files = new Set(corpusFiles().map((file) => path.join(shownDir, file)));
  for (const line of problems) {
    const file = line.slice(0, line.indexOf(": "));
    expect(files.has(file)).toBe(true);
  }
});

test("the property must be named exactly: a neighbouring path does not count", () => {
  // Guards the check of each file above (rulesNaming): `fields` must not be satisfied by `fields[1].is_path_param`.
  const lines = ["auth_patterns[0].fields[1].is_path_param: must be true", "auth_patterns[0].fields: at most 20 fields"];
  expect(rulesNaming(lines, "auth_patterns[0].fields")).toEqual(["at most 20 fields"]);
  expect(rulesNaming(lines.slice(0, 1), "auth_patterns[0].fields")).toEqual([]);
});
