/**
 * The gRPC-gateway error body that every failed call answers with:
 * `{"code": <number>, "message": "...", "details": [ErrorInfo, ...]}`, the
 * ErrorInfo carrying an `error_code` (published; see ERROR_CODES for the
 * values).
 */

import { ERROR_CODES } from "./assumptions";
import { GrpcCode, type GrpcCodeNumber } from "./grpc-codes";

export { GrpcCode, type GrpcCodeNumber } from "./grpc-codes";

/** The body of every error answer. */
export interface ErrorBody {
  code: number;
  message: string;
  details: unknown[];
}

/** The HTTP status gRPC-gateway uses for each code. */
const HTTP_STATUS: Record<GrpcCodeNumber, number> = {
  [GrpcCode.InvalidArgument]: 400,
  [GrpcCode.FailedPrecondition]: 400,
  [GrpcCode.Unauthenticated]: 401,
  [GrpcCode.PermissionDenied]: 403,
  [GrpcCode.NotFound]: 404,
  [GrpcCode.AlreadyExists]: 409,
  [GrpcCode.ResourceExhausted]: 429,
  [GrpcCode.Unimplemented]: 501,
  [GrpcCode.Internal]: 500,
  [GrpcCode.Unavailable]: 503,
};

/** The `@type` of Scalekit's ErrorInfo detail (published). */
export const ERROR_INFO_TYPE = "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo";

/** The ErrorInfo every error answer carries unless it gives a fuller one (field violations). */
export interface ErrorInfo {
  "@type": typeof ERROR_INFO_TYPE;
  error_code: string;
}

export interface ApiErrorOptions {
  status?: number;
  headers?: Record<string, string>;
  /** The `details` of the answer; unless given, one ErrorInfo with the code's `error_code`. */
  details?: unknown[];
}

/**
 * An error that becomes an error answer. `status` defaults to the usual
 * mapping of the code; a few answers (405, 413) pick their own.
 */
export class ApiError extends Error {
  readonly code: GrpcCodeNumber;
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly details: unknown[];

  constructor(code: GrpcCodeNumber, message: string, options: ApiErrorOptions = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.status = options.status ?? HTTP_STATUS[code];
    this.headers = options.headers ?? {};
    this.details = options.details ?? [errorInfo(code)];
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, details: structuredClone(this.details) };
  }
}

/** The plain ErrorInfo of an error answer with this code, e.g. `{"@type": ..., "error_code": "UNAUTHENTICATED"}`. */
export function errorInfo(code: GrpcCodeNumber): ErrorInfo {
  return { "@type": ERROR_INFO_TYPE, error_code: ERROR_CODES[code] };
}

export const invalidArgument = (message: string): ApiError => new ApiError(GrpcCode.InvalidArgument, message);
export const notFound = (message: string): ApiError => new ApiError(GrpcCode.NotFound, message);
export const alreadyExists = (message: string): ApiError => new ApiError(GrpcCode.AlreadyExists, message);
export const failedPrecondition = (message: string): ApiError => new ApiError(GrpcCode.FailedPrecondition, message);
export const unauthenticated = (message: string): ApiError => new ApiError(GrpcCode.Unauthenticated, message);
