/**
 * Validation entry points for tools and tests, as thin wrappers of the one pipeline
 * (declaration.ts). Failures and warnings name the property in the form the user wrote it:
 * camelCase for typed arguments, Scalekit's snake_case for a JSON payload.
 */
import type { ConnectorDefinition } from "./definition";
import { formatPropertyPath, readDeclaration, type DeclaredForm, type Finding } from "./declaration";

interface ValidationFailure {
  /** Where the problem is, printed in the declared form, e.g. `authPatterns[0].oauthConfig.tokenUri`. */
  property: string;
  /** The rule it breaks, in words. */
  rule: string;
}

/** Failures are Scalekit's rules; warnings are this provider's advice (the definition is still accepted). */
type ValidationResult =
  | { ok: true; definition: ConnectorDefinition; warnings: ValidationFailure[] }
  | { ok: false; failures: ValidationFailure[]; warnings: ValidationFailure[] };

function printed(findings: readonly Finding[], form: DeclaredForm): ValidationFailure[] {
  return findings.map((finding) => ({ property: formatPropertyPath(finding.path, form), rule: finding.rule }));
}

/**
 * Validates a declaration: typed camelCase arguments by default, or, with form "payload",
 * Scalekit's snake_case payload. The definition returned is parsed, not yet normalized.
 */
export function validateDefinition(input: unknown, form: DeclaredForm = "typed"): ValidationResult {
  const reading = readDeclaration(input, form);
  const warnings = printed(reading.warnings, form);
  return reading.parsed ? { ok: true, definition: reading.parsed, warnings } : { ok: false, failures: printed(reading.failures, form), warnings };
}

/** Validates a connector in Scalekit's snake_case JSON payload format. */
export function validateScalekitPayload(payload: unknown): ValidationResult {
  return validateDefinition(payload, "payload");
}
