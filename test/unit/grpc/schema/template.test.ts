// --msg-template: grpcurl's MakeTemplate printed with defaults — one element per list and map, nested messages
// filled once, oneof scalars and proto3 optional scalars left out, special values for the well-known types.
import { fromJson, type JsonValue } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { loadFixtures, loadInterop } from './schema-fixtures.js';

describe('template', () => {
  it('fills a SimpleRequest the way grpcurl does', async () => {
    const schema = await loadInterop();
    expect(schema.template('grpc.testing.SimpleRequest')).toEqual({
      responseType: 'COMPRESSABLE',
      responseSize: 0,
      payload: { type: 'COMPRESSABLE', body: '' },
      fillUsername: false,
      fillOauthScope: false,
      responseCompressed: { value: false },
      responseStatus: { code: 0, message: '' },
      expectCompressed: { value: false },
      fillServerId: false,
      fillGrpclbRouteType: false,
      orcaPerQueryReport: { cpuUtilization: 0, memoryUtilization: 0, requestCost: { '': 0 }, utilization: { '': 0 } },
    });
    expect(schema.template('.grpc.testing.MemorySize')).toEqual({ rss: '0' });
    expect(schema.template('grpc.testing.LoadBalancerStatsResponse')).toEqual({
      rpcsByPeer: { '': 0 },
      numFailures: 0,
      rpcsByMethod: { '': { rpcsByPeer: { '': 0 } } },
      metadatasByPeer: { '': { rpcMetadata: [{ metadata: [{ key: '', value: '', type: 'UNKNOWN' }] }] } },
    });
    expect(Object.keys(schema.template('grpc.testing.SimpleRequest') as object)[0]).toBe('responseType');
    expect(schema.template('grpc.testing.NoSuchMessage')).toBeUndefined();
  });

  it('stops at a type it is already filling, keeps the last message member of a oneof, skips unset optional scalars', async () => {
    const schema = await loadFixtures();
    const again = { label: '', recursive: null };
    const inner = {
      label: '',
      recursive: {
        counts: {}, inners: {}, flags: {}, bigNumbers: [], blob: '', identifier: '0', at: null, took: null, extra: null,
        detail: null, nickname: null, mask: null, anything: null, colors: [], ratio: 0, lastError: null,
      },
    };
    // grpcurl adds "value": {} to the Any, which the canonical mapping refuses.
    const anyEmpty = { '@type': 'type.googleapis.com/google.protobuf.Empty' };
    expect(schema.template('qurl.test.Shapes')).toEqual({
      counts: { '': '0' },
      inners: { 0: inner },
      flags: { false: 'COLOR_UNSPECIFIED' },
      inner,
      maybeInner: inner,
      bigNumbers: ['0'],
      blob: '',
      identifier: '0',
      at: '1970-01-01T00:00:00Z',
      took: '0s',
      extra: { 'google.protobuf.Struct': 'supports arbitrary JSON objects' },
      detail: anyEmpty,
      nickname: '',
      mask: '',
      anything: { 'google.protobuf.Value': 'supports arbitrary JSON' },
      colors: ['COLOR_UNSPECIFIED'],
      ratio: 0,
      lastError: { code: 0, message: '', details: [anyEmpty] },
    });
    expect(schema.template('qurl.test.Shapes.Inner')).toMatchObject({ label: '', recursive: { inners: { 0: again }, inner: again } });
  });

  it('uses proto2 defaults', async () => {
    const schema = await loadFixtures();
    expect(schema.template('qurl.legacy.Legacy')).toEqual({ name: '', count: 7, greeting: 'hi', numbers: [0], extras: { weight: 0 }, ratio: 1.5 });
  });

  it('gives JSON the schema itself accepts as a request, for every message', async () => {
    for (const schema of [await loadInterop(), await loadFixtures()]) {
      for (const type of schema.registry) {
        if (type.kind !== 'message') continue;
        const template = schema.template(type.typeName) as JsonValue;
        expect(() => fromJson(type, template, { registry: schema.registry }), type.typeName).not.toThrow();
      }
    }
  });
});
