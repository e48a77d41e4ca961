// gRPC metadata from -H: lower-case names, -bin values base64 (any alphabet, padded or not) sent unpadded,
// reserved names refused; grpc-message percent-decoded; HTTP statuses mapped to codes.
import { describe, expect, it } from 'vitest';
import { decodeGrpcMessage, grpcExitCode, parseMetadata } from '../../../src/grpc/index.js';
import { codeForHttpStatus } from '../../../src/grpc/grpc-status.js';

describe('gRPC metadata and status', () => {
  it('-H name: value, lower-cased; a name alone has an empty value (grpcurl)', () => {
    expect(parseMetadata(['X-Token: abc', 'empty'])).toEqual([['x-token', 'abc'], ['empty', '']]);
  });

  it('-bin values: base64 given is decoded and re-sent unpadded; other text is sent as its bytes', () => {
    expect(parseMetadata(['a-bin: q6ur', 'b-bin: q6s=', 'c-bin: q6s', 'd-bin: hello!'])).toEqual([
      ['a-bin', 'q6ur'], ['b-bin', 'q6s'], ['c-bin', 'q6s'], ['d-bin', Buffer.from('hello!').toString('base64').replace(/=+$/, '')],
    ]);
  });

  it('refuses what gRPC reserves and CR/LF', () => {
    expect(() => parseMetadata(['grpc-status: 0'])).toThrow(/cannot be gRPC metadata/);
    expect(() => parseMetadata(['content-type: x'])).toThrow(/set by the gRPC transport/);
    expect(() => parseMetadata(['A B: x'])).toThrow(/cannot be gRPC metadata/);
    expect(() => parseMetadata(['x: a\r\nb'])).toThrow(/CR or LF/);
  });

  it('grpc-message is percent-decoded, a stray % kept', () => {
    expect(decodeGrpcMessage('caf%C3%A9 100%')).toBe('café 100%');
  });

  it('exit codes and the HTTP mapping', () => {
    expect([grpcExitCode(0), grpcExitCode(4), grpcExitCode(16)]).toEqual([0, 68, 80]);
    expect([400, 401, 403, 404, 429, 502, 503, 504, 500].map(codeForHttpStatus)).toEqual([13, 16, 7, 12, 14, 14, 14, 14, 2]);
  });
});
