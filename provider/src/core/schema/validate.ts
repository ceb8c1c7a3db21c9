/**
 * The declaration's reading with its paths printed, for tools and tests: a thin wrapper of the
 * one entry point (declaration.ts `readDeclaration`), which runs once per call. Failures and
 * warnings name the property in the form the user wrote it: camelCase for typed arguments,
 * Scalekit's snake_case for a JSON payload.
 */
import { formatPropertyPath, type NormalizedDefinition } from "../codec";
import { readDeclaration, type DeclaredForm, type Finding } from "./declaration";

interface ValidationFailure {
  /** Where the problem is, printed in the declared form, e.g. `authPatterns[0].oauthConfig.tokenUri`. */
  property: string;
  /** The rule it breaks, in words. */
  rule: string;
}

/** Failures are Scalekit's rules; warnings are this provider's advice (the definition is still accepted). */
type ValidationResult =
  | { ok: true; definition: NormalizedDefinition; warnings: ValidationFailure[] }
  | { ok: false; failures: ValidationFailure[]; warnings: ValidationFailure[] };

function printed(findings: readonly Finding[], form: DeclaredForm): ValidationFailure[] {
  return findings.map((finding) => ({ property: formatPropertyPath(finding.path, form), rule: finding.rule }));
}

/**
 * Reads a declaration (typed camelCase arguments by default, or, with form "payload", Scalekit's
 * snake_case payload) and prints its paths. The definition returned is the normalized one.
 */
export function validateDefinition(input: unknown, form: DeclaredForm = "typed"): ValidationResult {
  const result = readDeclaration(input, form);
  const warnings = printed(result.warnings, form);
  return result.ok ? { ok: true, definition: result.definition, warnings } : { ok: false, failures: printed(result.failures, form), warnings };
}

/** validateDefinition for a connector in Scalekit's snake_case JSON payload format. */
export function validateScalekitPayload(payload: unknown): ValidationResult {
  return validateDefinition(payload, "payload");
}
