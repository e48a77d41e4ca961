// Messages of the loaded schemas through @bufbuild/protobuf: binary round trips and the canonical proto3 JSON
// mapping (camelCase, int64 as strings, bytes base64, enums by name, maps, oneofs, proto3 optional, WKTs).
import { create, fromBinary, fromJson, toBinary, toJson, type DescMessage, type JsonValue } from '@bufbuild/protobuf';
import { AnySchema, anyPack, anyUnpack } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import type { GrpcSchema } from '../../../../src/grpc/schema/index.js';
import { loadFixtures, loadInterop } from './schema-fixtures.js';

function messageOf(schema: GrpcSchema, name: string): DescMessage {
  const message = schema.registry.getMessage(name);
  if (message === undefined) throw new Error(`${name} is not in the schema`);
  return message;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

describe('interop messages on the wire', () => {
  it('encodes SimpleRequest as protoc-generated code does, and decodes it back', async () => {
    const schema = await loadInterop();
    const SimpleRequest = messageOf(schema, 'grpc.testing.SimpleRequest');
    const json = { responseSize: 314159, payload: { body: 'AAAA' }, fillUsername: true, responseStatus: { code: 2, message: 'x' } };
    const bytes = toBinary(SimpleRequest, fromJson(SimpleRequest, json));
    // size=314159 (field 2), payload{body=00 00 00} (3), fill_username (4), response_status{code=2, message="x"} (7)
    expect(hex(bytes)).toBe('10af96131a05120300000020013a050802120178');
    expect(toJson(SimpleRequest, fromBinary(SimpleRequest, bytes))).toEqual(json);
  });

  it('speaks canonical JSON: camelCase out, both spellings in, int64 as a string, enums by name', async () => {
    const schema = await loadInterop();
    const SimpleRequest = messageOf(schema, 'grpc.testing.SimpleRequest');
    const parsed = fromJson(SimpleRequest, { response_size: 7, fill_oauth_scope: true, responseType: 'COMPRESSABLE' });
    expect(toJson(SimpleRequest, parsed)).toEqual({ responseSize: 7, fillOauthScope: true });
    expect(toJson(SimpleRequest, parsed, { useProtoFieldName: true, alwaysEmitImplicit: true })).toMatchObject({ response_type: 'COMPRESSABLE', response_size: 7 });

    const MemorySize = messageOf(schema, 'grpc.testing.MemorySize');
    expect(toJson(MemorySize, fromJson(MemorySize, { rss: 9007199254740993 }))).toEqual({ rss: '9007199254740992' });
    expect(toJson(MemorySize, fromJson(MemorySize, { rss: '9007199254740993' }))).toEqual({ rss: '9007199254740993' });

    const Entry = messageOf(schema, 'grpc.testing.LoadBalancerStatsResponse.MetadataEntry');
    expect(toJson(Entry, fromJson(Entry, { key: 'k', type: 2 }))).toEqual({ key: 'k', type: 'TRAILING' });
    expect(() => fromJson(SimpleRequest, { responseSise: 1 })).toThrow(/responseSise/);
  });

  it('encodes the interop maps with their XxxEntry messages', async () => {
    const schema = await loadInterop();
    const Stats = messageOf(schema, 'grpc.testing.LoadBalancerStatsResponse');
    const json = { rpcsByPeer: { a: 1 }, rpcsByMethod: { UnaryCall: { rpcsByPeer: { b: 2 } } } };
    const bytes = toBinary(Stats, fromJson(Stats, json));
    // field 1 entry {key "a", value 1}; field 3 entry {key "UnaryCall", value RpcsByPeer{field 1 entry {key "b", value 2}}}
    expect(hex(bytes)).toBe('0a050a01611001' + '1a140a09556e61727943616c6c12070a050a01621002');
    expect(toJson(Stats, fromBinary(Stats, bytes))).toEqual(json);
  });
});

describe('fixture shapes', () => {
  it('maps: string/int/bool keys, int64 values as strings, message and enum values', async () => {
    const schema = await loadFixtures();
    const Shapes = messageOf(schema, 'qurl.test.Shapes');
    const json = { counts: { a: '5' }, inners: { '-3': { label: 'x' } }, flags: { true: 'RED' } };
    const message = fromJson(Shapes, json);
    expect(toJson(Shapes, fromBinary(Shapes, toBinary(Shapes, message)))).toEqual(json);
  });

  it('oneof: one member at a time, the last one set wins', async () => {
    const schema = await loadFixtures();
    const Shapes = messageOf(schema, 'qurl.test.Shapes');
    expect(toJson(Shapes, fromJson(Shapes, { text: 'hi' }))).toEqual({ text: 'hi' });
    expect(toJson(Shapes, fromJson(Shapes, { inner: { label: 'in' } }))).toEqual({ inner: { label: 'in' } });
    expect(() => fromJson(Shapes, { text: 'hi', color: 'RED' })).toThrow(/oneof/);
    const decoded = fromBinary(Shapes, Uint8Array.from([0x22, 0x01, 0x61, 0x30, 0x01]));
    expect(toJson(Shapes, decoded)).toEqual({ color: 'RED' });
  });

  it('proto3 optional keeps presence: an explicit zero is sent and shown, an unset field is not', async () => {
    const schema = await loadFixtures();
    const Shapes = messageOf(schema, 'qurl.test.Shapes');
    expect(hex(toBinary(Shapes, fromJson(Shapes, { maybe: 0 })))).toBe('3800');
    expect(toJson(Shapes, fromBinary(Shapes, Uint8Array.from([0x38, 0x00])))).toEqual({ maybe: 0 });
    expect(toJson(Shapes, create(Shapes), { alwaysEmitImplicit: true })).not.toHaveProperty('maybe');
  });

  it('nested types, json_name, sint64 lists, bytes as base64', async () => {
    const schema = await loadFixtures();
    const Shapes = messageOf(schema, 'qurl.test.Shapes');
    const json = { inner: { label: 'x', recursive: { identifier: '18446744073709551615' } }, bigNumbers: ['-1', '2'], blob: 'AP8=', colors: ['RED', 'CRIMSON'] };
    const bytes = toBinary(Shapes, fromJson(Shapes, json));
    expect(toJson(Shapes, fromBinary(Shapes, bytes))).toEqual(json);
    // colors is [packed = false]: one tag per element.
    expect(hex(bytes)).toContain('980101980102');
  });

  it('well-known types take their JSON forms, an Any packing a type of the schema included', async () => {
    const schema = await loadFixtures();
    const Shapes = messageOf(schema, 'qurl.test.Shapes');
    const Inner = messageOf(schema, 'qurl.test.Shapes.Inner');
    const packed = toBinary(AnySchema, anyPack(Inner, create(Inner, { label: 'packed' })));
    const message = fromJson(Shapes, {
      at: '2024-01-02T03:04:05.500Z',
      took: '1.5s',
      extra: { list: [1, 'two', null, true], nested: { a: {} } },
      nickname: 'bob',
      mask: 'a.b,lastError',
      anything: [1, { x: 'y' }],
      ratio: 'NaN',
    });
    const withAny = fromBinary(Shapes, Uint8Array.from([...toBinary(Shapes, message), 0x7a, packed.length, ...packed]));
    const json = toJson(Shapes, withAny, { registry: schema.registry });
    expect(json).toEqual({
      at: '2024-01-02T03:04:05.500Z',
      took: '1.500s',
      extra: { list: [1, 'two', null, true], nested: { a: {} } },
      detail: { '@type': 'type.googleapis.com/qurl.test.Shapes.Inner', label: 'packed' },
      nickname: 'bob',
      mask: 'a.b,lastError',
      anything: [1, { x: 'y' }],
      ratio: 'NaN',
    });
    expect(toJson(Shapes, fromJson(Shapes, json, { registry: schema.registry }), { registry: schema.registry })).toEqual(json);
  });

  it('decodes a google.rpc.Status whose details carry a BadRequest in an Any', async () => {
    const schema = await loadInterop();
    const Status = messageOf(schema, 'google.rpc.Status');
    const BadRequest = messageOf(schema, 'google.rpc.BadRequest');
    const detail = create(BadRequest, { fieldViolations: [{ field: 'name', description: 'must not be empty', reason: 'EMPTY' }] });
    const status = create(Status, { code: 3, message: 'bad request', details: [anyPack(BadRequest, detail)] });
    const json = toJson(Status, fromBinary(Status, toBinary(Status, status)), { registry: schema.registry });
    expect(json).toEqual({
      code: 3,
      message: 'bad request',
      details: [{ '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations: [{ field: 'name', description: 'must not be empty', reason: 'EMPTY' }] }],
    });
    const detailJson = (json as { details: JsonValue[] }).details[0] ?? null;
    const unpacked = anyUnpack(fromJson(AnySchema, detailJson, { registry: schema.registry }), schema.registry);
    expect(unpacked?.$typeName).toBe('google.rpc.BadRequest');
  });
});
