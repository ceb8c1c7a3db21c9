/**
 * gRPC status codes and the gRPC-gateway error body that every failed call
 * answers with: `{"code": <number>, "message": "...", "details": [...]}`.
 */

export const GrpcCode = {
  InvalidArgument: 3,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  Unauthenticated: 16,
} as const;

export type GrpcCodeNumber = (typeof GrpcCode)[keyof typeof GrpcCode];

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

export interface ApiErrorOptions {
  status?: number;
  headers?: Record<string, string>;
  /** The `details` of the answer (ErrorInfo messages); empty unless given. */
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
    this.details = options.details ?? [];
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, details: structuredClone(this.details) };
  }
}

export const invalidArgument = (message: string): ApiError => new ApiError(GrpcCode.InvalidArgument, message);
export const notFound = (message: string): ApiError => new ApiError(GrpcCode.NotFound, message);
export const alreadyExists = (message: string): ApiError => new ApiError(GrpcCode.AlreadyExists, message);
export const failedPrecondition = (message: string): ApiError => new ApiError(GrpcCode.FailedPrecondition, message);
export const unauthenticated = (message: string): ApiError => new ApiError(GrpcCode.Unauthenticated, message);
