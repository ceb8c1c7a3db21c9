/**
 * The one entry point that reads a declaration: `readDeclaration`. One typed pipeline from a
 * declaration to a definition: the declaration (typed camelCase arguments, or Scalekit's
 * snake_case payload) → read into the definition's spelling (the codec: keys the schema does not
 * declare are carried as written) → parse (zod: shape and the server's limits) → rules (errors
 * and warnings, rules.ts) → the normalized definition. Every reader calls it: the provider's check,
 * the definition files (definition-files.ts), the printed forms (validate.ts); a process that has
 * read a declaration keeps the result rather than reading it again.
 *
 * Paths stay structured (camelCase schema keys, list indexes, the user's own keys as written)
 * until they are printed, in the form the connector was declared in.
 */
import type { z } from "zod";
import { normalizeDefinition, readSpelled, schemaKeyFor, spellKey, type KeyReport, type KeySpelling, type NormalizedDefinition } from "../codec";
import { connectorDefinitionShapeSchema, type SchemaKey } from "./definition";
import type { PropertyPath } from "./property-path";
import { declarationRule, ruleFindings, type NameProperty } from "./rules";
import { reservedKeyPaths, reservedKeyRule } from "./reserved-keys";
import { childNode, isPlainObject, objectShape, type SchemaNode } from "./schema-tree";
import { likelyMeant } from "./typos";

export type { PropertyPath } from "./property-path";

/** How a connector was declared: typed camelCase arguments, or Scalekit's snake_case payload (the codec's key spellings). */
export type DeclaredForm = KeySpelling;

export interface Finding {
  /** Where: schema keys in camelCase, list indexes, user keys (metadata) as written. Print with formatPropertyPath. */
  path: PropertyPath;
  /** The rule, in words, naming properties the way the declaration does. */
  rule: string;
  /** Which rule: an id of `declarationRules`, or "schema" for the shape and the server's limits. */
  ruleId: string;
}

/** What reading a declaration gives: its normalized definition and the warnings, or the failures (Scalekit's rules) and the warnings. */
export type DeclarationResult =
  | { ok: true; definition: NormalizedDefinition; warnings: Finding[] }
  | {
      ok: false;
      failures: Finding[];
      warnings: Finding[];
      /** The declared display name, when there is one, to name the connector in messages. */
      displayName?: string;
    };

/** Failures of the shape and the server's limits (zod) carry this rule id. */
const schemaRuleId = "schema";
/** The rule under which keys that cannot be sent or look mistyped are reported (rules.ts holds its severity and source). */
const unknownProperty = declarationRule("unknown-property");

interface Findings {
  failures: Finding[];
  warnings: Finding[];
}

function reportUnknown(findings: Findings, path: PropertyPath, rule: string): void {
  (unknownProperty.severity === "error" ? findings.failures : findings.warnings).push(ruleFinding(unknownProperty.id, path, rule));
}

/** A schema key path, spelled the way the declaration spells keys: `oauthConfig.pkceEnabled` or `oauth_config.pkce_enabled`. */
function propertyNamer(form: DeclaredForm): NameProperty {
  return (...keys: SchemaKey[]) => keys.map((key) => spellKey(key, form)).join(".");
}

function ruleFinding(ruleId: string, path: PropertyPath, rule: string): Finding {
  return { path, rule, ruleId };
}

/**
 * How reading a declaration reports keys: a key the schema does not declare is carried as written
 * (Scalekit stores auth patterns as free-form JSON), with a warning only when it looks like a
 * mistyped declared key; at the top level, where Scalekit takes exactly the seven fields, it
 * cannot be sent and is left out, with a warning. A key given in two spellings keeps the first.
 */
function keyReport(form: DeclaredForm, findings: Findings): KeyReport {
  return {
    undeclared(path, declared, known) {
      const meant = likelyMeant(declared, known.map((key) => spellKey(key, form)));
      const hint = meant === undefined ? "" : ` (did you mean "${meant}"?)`;
      if (path.length === 0) {
        const fields = known.map((key) => spellKey(key, form)).join(", ");
        reportUnknown(findings, [declared], `is not one of the fields Scalekit's API takes (${fields}), so it is left out of what is sent${hint}`);
        return false;
      }
      if (meant !== undefined) reportUnknown(findings, [...path, declared], `is not a property Scalekit documents here; it is sent as written${hint}`);
      return true;
    },
    repeated(path, key, first, second) {
      reportUnknown(findings, [...path, key], `is given twice (as "${first}" and as "${second}"): "${second}" is left out`);
    },
  };
}

function article(expected: string): string {
  if (expected === "array") return "a list";
  return `${/^[aeiou]/.test(expected) ? "an" : "a"} ${expected}`;
}

function issueFinding(issue: z.core.$ZodIssue): Finding {
  const path = issue.path.map((segment) => (typeof segment === "number" ? segment : String(segment)));
  switch (issue.code) {
    case "invalid_type":
      return ruleFinding(schemaRuleId, path, issue.input === undefined ? "is required" : `must be ${article(issue.expected)}`);
    case "invalid_key":
      // A metadata key breaking its rule: zod nests the key's own issue.
      return ruleFinding(schemaRuleId, path, issue.issues[0]?.message ?? "is not a valid key");
    default:
      return ruleFinding(schemaRuleId, path, issue.message);
  }
}

/** The rule under which a key naming a JavaScript internal is refused (reserved-keys.ts). */
const reservedKey = declarationRule("reserved-key");

/**
 * Every key naming a JavaScript internal in the declaration, as a failure at its path (schema keys
 * in camelCase, so that it prints the way the declaration spells it). Looked for before anything
 * else reads the declaration: reading it would drop or mangle such a key.
 */
function reservedKeyFailures(input: unknown, form: DeclaredForm): Finding[] {
  const spell = (path: PropertyPath, key: string) => {
    const node = path.reduce<SchemaNode | undefined>((parent, segment) => childNode(parent, segment), connectorDefinitionShapeSchema);
    const shape = node && objectShape(node);
    return (shape && schemaKeyFor(shape, key, form)) ?? key;
  };
  return reservedKeyPaths(input, spell).map((path) => ruleFinding(reservedKey.id, path, reservedKeyRule(String(path[path.length - 1]))));
}

function refused(failures: Finding[], warnings: Finding[], displayName: string | undefined): DeclarationResult {
  return { ok: false, failures, warnings, ...(displayName !== undefined ? { displayName } : {}) };
}

/**
 * Reads a declaration through the whole pipeline: the one entry point. For "payload" the input
 * is Scalekit's snake_case JSON; for "typed" it is the camelCase arguments. Fails only on
 * Scalekit's rules; warnings come either way.
 */
export function readDeclaration(input: unknown, form: DeclaredForm): DeclarationResult {
  const findings: Findings = { failures: [], warnings: [] };
  if (!isPlainObject(input)) {
    const rule = form === "payload" ? "must be a JSON object in Scalekit's custom provider format" : "must be an object of connector arguments";
    return refused([ruleFinding(schemaRuleId, [], rule)], [], undefined);
  }
  const reserved = reservedKeyFailures(input, form);
  if (reserved.length > 0) {
    const named = input[spellKey("displayName", form)];
    return refused(reserved, [], typeof named === "string" ? named : undefined);
  }
  const read = readSpelled(input, form, keyReport(form, findings)) as Record<string, unknown>;
  const displayName = typeof read.displayName === "string" ? read.displayName : undefined;
  // reportInput: an invalid_type issue then tells a missing value from a wrong one.
  const parsed = connectorDefinitionShapeSchema.safeParse(read, { reportInput: true });
  if (!parsed.success) return refused([...findings.failures, ...parsed.error.issues.map(issueFinding)], findings.warnings, displayName);
  const name = propertyNamer(form);
  for (const finding of ruleFindings(parsed.data)) {
    (finding.rule.severity === "error" ? findings.failures : findings.warnings).push(ruleFinding(finding.rule.id, finding.path, finding.text(name)));
  }
  const { failures, warnings } = findings;
  if (failures.length > 0) return refused(failures, warnings, displayName);
  return { ok: true, definition: normalizeDefinition(parsed.data), warnings };
}

/**
 * The name this pipeline had before readDeclaration was the one entry point; kept because the
 * repository's tools and tests call it. It is readDeclaration, nothing more.
 */
export function parseDeclaration(input: unknown, form: DeclaredForm): DeclarationResult {
  return readDeclaration(input, form);
}
