/**
 * Field violations of an invalid request, gathered so that one answer names
 * every broken rule, and the 400 that carries them: a readable `message` and,
 * in `details`, Scalekit's ErrorInfo with `validation_error_info`.
 */

import { VALIDATION_ERROR_CODE } from "./assumptions";
import { ApiError, GrpcCode } from "./errors";

/** One broken rule: the dotted snake_case path of the field, and what is wrong with it. */
export interface FieldViolation {
  field: string;
  description: string;
}

/** The ErrorInfo detail of an invalid payload answer. */
export interface ValidationErrorInfo {
  "@type": typeof ERROR_INFO_TYPE;
  error_code: string;
  validation_error_info: { field_violations: FieldViolation[] };
}

export const ERROR_INFO_TYPE = "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo";

export class Violations {
  private readonly found: FieldViolation[] = [];

  /** Records that `field` breaks a rule; `description` starts with a verb ("is required", "must ..."). */
  add(field: string, description: string): void {
    this.found.push({ field, description });
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
