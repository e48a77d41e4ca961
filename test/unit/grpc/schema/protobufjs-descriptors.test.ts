// The descriptors @grpc/reflection serves come from protobufjs, which names types relative to their scope,
// names map entries after their field alone (clashing with a message of that name) and sends json_name
// empty. They must load as the same schema protoc's would, field for field.
import { fromJson, toJson } from '@bufbuild/protobuf';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { describe, expect, it } from 'vitest';
import { schemaFromDescriptors } from '../../../../src/grpc/schema/index.js';
import { GRPC_TESTING, TEST_PROTO } from './schema-fixtures.js';

function grpcJsDescriptors(): Uint8Array[] {
  const definition = protoLoader.loadSync(TEST_PROTO, { includeDirs: [GRPC_TESTING] });
  // The encoded files the v1 reflection service answers with (an internal of @grpc/reflection 1.x).
  const service = new ReflectionService(definition) as unknown as { v1: { fileEncodings: Map<unknown, Uint8Array> } };
  return [...service.v1.fileEncodings.values()];
}

describe('descriptors from protobufjs (grpc-js reflection)', () => {
  const schema = schemaFromDescriptors(grpcJsDescriptors());

  it('resolve relative type names and name map entries as protoc does', () => {
    const stats = schema.registry.getMessage('grpc.testing.LoadBalancerStatsResponse');
    const byPeer = stats?.fields.find((f) => f.name === 'rpcsByPeer');
    const byMethod = stats?.fields.find((f) => f.name === 'rpcsByMethod');
    expect(byPeer?.fieldKind === 'map' && byPeer.mapKind).toBe('scalar');
    expect(byMethod?.fieldKind === 'map' && byMethod.mapKind === 'message' && byMethod.message.typeName).toBe('grpc.testing.LoadBalancerStatsResponse.RpcsByPeer');
    expect(schema.findMethod('grpc.testing.TestService/UnaryCall')?.input.typeName).toBe('grpc.testing.SimpleRequest');
  });

  it('give every field its JSON name, so JSON round-trips', () => {
    const request = schema.registry.getMessage('grpc.testing.SimpleRequest')!;
    const json = { responseSize: 3, payload: { body: 'AAAA' }, fillUsername: true };
    expect(toJson(request, fromJson(request, json))).toEqual(json);
  });
});
