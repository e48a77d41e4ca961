// gRPC status codes (doc/statuscodes.md), their names as grpcurl prints them, the HTTP-status mapping for a
// response that is not gRPC (doc/http-grpc-status-mapping.md), and the exit-code rule: 64 + the code.

/** grpc-go's names (grpcurl prints `Code: NotFound`), indexed by code. */
export const GRPC_CODE_NAMES = [
  'OK', 'Canceled', 'Unknown', 'InvalidArgument', 'DeadlineExceeded', 'NotFound', 'AlreadyExists', 'PermissionDenied',
  'ResourceExhausted', 'FailedPrecondition', 'Aborted', 'OutOfRange', 'Unimplemented', 'Internal', 'Unavailable',
  'DataLoss', 'Unauthenticated',
] as const;

export const GRPC_CODE = {
  OK: 0, CANCELLED: 1, UNKNOWN: 2, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, NOT_FOUND: 5, ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7, RESOURCE_EXHAUSTED: 8, FAILED_PRECONDITION: 9, ABORTED: 10, OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12, INTERNAL: 13, UNAVAILABLE: 14, DATA_LOSS: 15, UNAUTHENTICATED: 16,
} as const;

export function grpcCodeName(code: number): string {
  return GRPC_CODE_NAMES[code] ?? `Code(${code})`;
}

/** The exit code of a call that ended with `code`, as grpcurl's: 0 for OK, else 64 + the code. */
export function grpcExitCode(code: number): number {
  return code === GRPC_CODE.OK ? 0 : 64 + code;
}

/** A response that is not gRPC (no grpc-status) gets a code from its HTTP status (http-grpc-status-mapping.md). */
export function codeForHttpStatus(status: number): number {
  switch (status) {
    case 400:
      return GRPC_CODE.INTERNAL;
    case 401:
      return GRPC_CODE.UNAUTHENTICATED;
    case 403:
      return GRPC_CODE.PERMISSION_DENIED;
    case 404:
      return GRPC_CODE.UNIMPLEMENTED;
    case 429:
    case 502:
    case 503:
    case 504:
      return GRPC_CODE.UNAVAILABLE;
    default:
      return GRPC_CODE.UNKNOWN;
  }
}
