/**
 * The validation entry points callers have used all along, as thin wrappers of the one pipeline
 * (declaration.ts). Failures and warnings name the property in the form the user wrote it:
 * camelCase for typed arguments, Scalekit's snake_case for a JSON payload.
 */
import type { ConnectorDefinition } from "./definition";
import { formatPropertyPath, readDeclaration, type DeclaredForm, type Finding } from "./declaration";
import type { PropertyPath } from "./rules";

export type { DeclaredForm } from "./declaration";

export interface ValidationFailure {
  /** Where the problem is, printed in the declared form, e.g. `authPatterns[0].oauthConfig.tokenUri`. */
  property: string;
  /** The rule it breaks, in words. */
  rule: string;
}

/** Failures are Scalekit's rules; warnings are this provider's advice (the definition is still accepted). */
export type ValidationResult =
  | { ok: true; definition: ConnectorDefinition; warnings: ValidationFailure[] }
  | { ok: false; failures: ValidationFailure[]; warnings: ValidationFailure[] };

/** A path printed as written, segment by segment (`authPatterns[0].type`). For the declared form's spelling use formatPropertyPath. */
export function formatPath(path: PropertyPath | readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else text += text === "" ? String(segment) : `.${String(segment)}`;
  }
  return text;
}

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

/** Failures (or warnings) as lines a person reads: `property: rule`. */
export function describeFailures(failures: ValidationFailure[]): string {
  return failures.map((failure) => `${failure.property}: ${failure.rule}`).join("\n");
}
