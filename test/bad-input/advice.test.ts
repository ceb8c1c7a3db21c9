/**
 * The advice corpus: definitions that go against this provider's advice but break none of
 * Scalekit's rules. Through the root program's code path they pass (no error line, so the
 * program registers them) and each gets its warning line, naming the file, the property as in
 * the payload, and the advice.
 */
import * as path from "path";
import { checkDefinitionFiles, readDefinitionFiles, validateDefinitionFiles } from "pulumi-scalekit-connectors";
import { formatPropertyPath, parseDeclaration } from "pulumi-scalekit-connectors/internal";
import { adviceDir, adviceFiles, loadAdviceExpectations, rulesNaming } from "../support/bad-input-corpus";

const expectations = loadAdviceExpectations();
const files = readDefinitionFiles(adviceDir);
const report = checkDefinitionFiles(files);
const shownDir = path.relative(process.cwd(), adviceDir);

test("each file has exactly one expectation", () => {
  expect(expectations.map((e) => e.file).sort()).toEqual(adviceFiles());
});

test("no file is refused: the root program would register every one", () => {
  expect(report.errors).toEqual([]);
  expect(validateDefinitionFiles(files)).toEqual([]);
});

describe.each(expectations)("$file", ({ file, property, rule, ruleId }) => {
  test(`warns at ${property}`, () => {
    const prefix = `${path.join(shownDir, file)}: `;
    const rules = rulesNaming(report.warnings.filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length)), property);
    expect({ file, rules, matches: rules.some((text) => rule.test(text)) }).toEqual({ file, rules, matches: true });
  });

  test(`the warning is the rule ${ruleId}`, () => {
    const payload = files.find((entry) => entry.file.endsWith(file))!.payload;
    const warnings = parseDeclaration(payload, "payload").warnings;
    expect(warnings.some((warning) => warning.ruleId === ruleId && formatPropertyPath(warning.path, "payload") === property)).toBe(true);
  });
});
