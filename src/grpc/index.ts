export { runGrpc } from './run-grpc.js';
export type { GrpcRun } from './run-grpc.js';
export type { GrpcFormat, GrpcSpec, GrpcTarget, GrpcVerb } from './grpc-spec.js';
export { GRPC_CODE, grpcCodeName, grpcExitCode } from './grpc-status.js';
export { parseMetadata, decodeBase64, decodeGrpcMessage, showMetadataValue } from './grpc-metadata.js';
