// Paths and loaders the schema tests share: the official gRPC interop schema (test/fixtures/grpc-testing, copied
// unchanged from grpc/grpc: its SOURCE.md) and the small fixtures in test/fixtures/grpc.
import { join } from 'node:path';
import { loadProtoFiles, type GrpcSchema } from '../../../../src/grpc/schema/index.js';

export const GRPC_TESTING = join(import.meta.dirname, '../../../fixtures/grpc-testing');
export const TEST_PROTO = 'src/proto/grpc/testing/test.proto';
export const FIXTURES = join(import.meta.dirname, '../../../fixtures/grpc');

export function loadInterop(): Promise<GrpcSchema> {
  return loadProtoFiles([TEST_PROTO], [GRPC_TESTING]);
}

export function loadFixtures(): Promise<GrpcSchema> {
  return loadProtoFiles(['shapes.proto', 'legacy.proto'], [FIXTURES]);
}
