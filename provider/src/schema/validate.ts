/**
 * One entry point for validation: one zod parse checks the server's rules and the guidance
 * rules. Failures name the property in the form the user wrote it: camelCase for typed
 * arguments, Scalekit's snake_case for a pasted JSON payload.
 */
import type { z } from "zod";
import { camelToSnake, snakeCasePath, toCamelCase } from "./case-mapping";
import { connectorDefinitionSchema, type ConnectorDefinition } from "./definition";
import type { PathSegment } from "./guidance-rules";

export interface ValidationFailure {
  /** Where the problem is, e.g. `authPatterns[0].oauthConfig.tokenUri`. */
  property: string;
  /** The rule it breaks, in words. */
  rule: string;
}

export type ValidationResult = { ok: true; definition: ConnectorDefinition } | { ok: false; failures: ValidationFailure[] };

/** How the definition was declared, which decides how property paths are spelled. */
export type DeclaredForm = "typed" | "payload";

export function formatPath(path: readonly PathSegment[] | readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

function describeIssue(issue: z.core.$ZodIssue): { path: PropertyKey[]; rule: string } {
  switch (issue.code) {
    case "unrecognized_keys":
      return {
        path: [...issue.path, issue.keys[0]],
        rule: `is not a property of a Scalekit connector here (check the spelling${issue.keys.length > 1 ? `; also ${issue.keys.slice(1).join(", ")}` : ""})`,
      };
    case "invalid_type":
      return {
        path: issue.path,
        rule: issue.input === undefined ? "is required" : `must be ${issue.expected === "array" ? "a list" : `a ${issue.expected}`}`,
      };
    case "invalid_key":
      // A metadata key breaking its rule: zod nests the key's own issue.
      return { path: issue.path, rule: issue.issues[0]?.message ?? "is not a valid key" };
    default:
      return { path: issue.path, rule: issue.message };
  }
}

function spell(path: string, form: DeclaredForm): string {
  return form === "payload" ? snakeCasePath(path) : path;
}

/** Property names inside a rule's words follow the declared form too (`isMcp` → `is_mcp`). */
function spellRule(rule: string, form: DeclaredForm): string {
  return form === "payload" ? rule.replace(/\b[a-z]+(?:[A-Z][a-z0-9]*)+\b/g, camelToSnake) : rule;
}

/** Validates a camelCase definition (typed arguments, or a payload already mapped to camelCase). */
export function validateDefinition(input: unknown, form: DeclaredForm = "typed"): ValidationResult {
  // reportInput: an invalid_type issue then tells a missing value from a wrong one.
  const parsed = connectorDefinitionSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    const failures = parsed.error.issues.map((issue) => {
      const { path, rule } = describeIssue(issue);
      return { property: spell(formatPath(path) || "(definition)", form), rule: spellRule(rule, form) };
    });
    return { ok: false, failures };
  }
  return { ok: true, definition: parsed.data };
}

/** Validates a connector in Scalekit's snake_case JSON payload format. */
export function validateScalekitPayload(payload: unknown): ValidationResult {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    return { ok: false, failures: [{ property: "(payload)", rule: "must be a JSON object in Scalekit's custom provider format" }] };
  }
  return validateDefinition(toCamelCase(payload), "payload");
}

/** Failures as lines a person reads: `property: rule`. */
export function describeFailures(failures: ValidationFailure[]): string {
  return failures.map((failure) => `${failure.property}: ${failure.rule}`).join("\n");
}
