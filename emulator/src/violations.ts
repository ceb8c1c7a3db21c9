/**
 * Field violations of an invalid request, gathered so that one answer names
 * every broken rule, and the 400 that carries them: a readable `message` and,
 * in `details`, Scalekit's ErrorInfo with `validation_error_info`.
 */

import { VALIDATION_ERROR_CODE, type Constraint } from "./assumptions";
import { ApiError, ERROR_INFO_TYPE, GrpcCode } from "./errors";

export { ERROR_INFO_TYPE } from "./errors";

/**
 * One broken rule: the dotted snake_case path of the field, what is wrong with
 * it, and the id of the rule (published: `field`, `description`, `constraint`;
 * the ids are assumed, see CONSTRAINTS).
 */
export interface FieldViolation {
  field: string;
  description: string;
  constraint: Constraint;
}

/** The ErrorInfo detail of an invalid payload answer. */
export interface ValidationErrorInfo {
  "@type": typeof ERROR_INFO_TYPE;
  error_code: string;
  validation_error_info: { field_violations: FieldViolation[] };
}

export class Violations {
  private readonly found: FieldViolation[] = [];

  /** Records that `field` breaks the rule `constraint`; `description` starts with a verb ("is required", "must ..."). */
  add(field: string, constraint: Constraint, description: string): void {
    this.found.push({ field, description, constraint });
  }

  get count(): number {
    return this.found.length;
  }

  /** Throws the 400 naming every violation, if there is any. `what` names the request ("the create payload"). */
  throwIfAny(what: string): void {
    if (this.found.length === 0) return;
    const listed = this.found.map((violation) => `${violation.field} ${violation.description}`).join("; ");
    const detail: ValidationErrorInfo = {
      "@type": ERROR_INFO_TYPE,
      error_code: VALIDATION_ERROR_CODE,
      validation_error_info: { field_violations: this.found.map((violation) => ({ ...violation })) },
    };
    throw new ApiError(GrpcCode.InvalidArgument, `${what} is invalid: ${listed}`, { details: [detail] });
  }
}
