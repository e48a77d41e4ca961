// gRPC length-prefixed messages: the prefix byte for byte, streaming at any split, the size bound and truncation.
import { describe, expect, it } from 'vitest';
import { GrpcFrameError, createGrpcMessageReader, encodeGrpcMessage } from '../../../src/codec/index.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('gRPC messages', () => {
  it('a 5-byte prefix: the compressed flag, then the length big-endian', () => {
    expect(hex(encodeGrpcMessage(Uint8Array.of(0x0a, 0x01, 0x61)))).toBe('00000000030a0161');
    expect(hex(encodeGrpcMessage(new Uint8Array(0), true))).toBe('0100000000');
  });

  it('reads messages back in any pieces, empty ones included', () => {
    const stream = Buffer.concat([encodeGrpcMessage(Buffer.from('one')), encodeGrpcMessage(new Uint8Array(0)), encodeGrpcMessage(Buffer.from('three'), true)]);
    for (let size = 1; size <= stream.length; size++) {
      const reader = createGrpcMessageReader({ maxMessageBytes: 100 });
      const got = [];
      for (let at = 0; at < stream.length; at += size) got.push(...reader.push(stream.subarray(at, at + size)));
      reader.end();
      expect(got.map((m) => `${m.compressed ? 'z:' : ''}${Buffer.from(m.payload).toString()}`)).toEqual(['one', '', 'z:three']);
    }
  });

  it('refuses a message over the bound at its prefix, before buffering it', () => {
    const reader = createGrpcMessageReader({ maxMessageBytes: 4 });
    expect(() => reader.push(Uint8Array.of(0, 0, 0, 0, 5))).toThrow(new GrpcFrameError('too-large', 'a message of 5 bytes is over the limit of 4 (--max-msg-sz)'));
  });

  it('refuses a flag other than 0 and 1, and a stream cut inside a message', () => {
    expect(() => createGrpcMessageReader({ maxMessageBytes: 9 }).push(Uint8Array.of(2, 0, 0, 0, 0))).toThrow(GrpcFrameError);
    const reader = createGrpcMessageReader({ maxMessageBytes: 9 });
    reader.push(Uint8Array.of(0, 0, 0, 0, 3, 0x61));
    expect(() => reader.end()).toThrow(new GrpcFrameError('truncated', 'the stream ended 1 bytes into a message of 3'));
  });
});
