// grpcurl's command line as qurl grpc reads it: one dash or two, -name=value or -name value, booleans, and
// grpcurl's usage errors (exit 2); the connection part becomes a plain transfer's spec.
import { describe, expect, it } from 'vitest';
import { parseGrpcArgv } from '../../../src/cli/parse-grpc-argv.js';
import { toGrpcSpec } from '../../../src/cli/to-grpc-spec.js';
import { QurlError } from '../../../src/errors/index.js';

const spec = (...argv: string[]) => toGrpcSpec(parseGrpcArgv(argv));

describe('qurl grpc argv', () => {
  it('a grpcurl line as pasted: flags with one dash, -d JSON, address, method', () => {
    const s = spec('-plaintext', '-d', '{"a":1}', '-H', 'x-token: t', '-max-time=2.5', 'localhost:50051', 'pkg.Svc/Method');
    expect([s.verb, s.symbol, s.data, s.target?.baseUrl, s.headers]).toEqual(['invoke', 'pkg.Svc/Method', '{"a":1}', 'http://localhost:50051', ['x-token: t']]);
    expect([s.transfer.maxTime, s.transfer.connectTimeout, s.transfer.httpVersion, s.transfer.proxytunnel]).toEqual([2.5, 10, '2-prior-knowledge', true]);
    expect(s.useReflection).toBe(true);
  });

  it('two dashes work the same, and options may follow the positionals', () => {
    const s = spec('--insecure', 'api.test:443', 'list', '--proto', 'a.proto', '--use-reflection=false');
    expect([s.verb, s.symbol, s.target?.baseUrl, s.transfer.insecure, s.useReflection, s.protos]).toEqual(['list', '', 'https://api.test:443', true, false, ['a.proto']]);
  });

  it('-authority is the TLS name and :authority; the address is reached with --connect-to', () => {
    const s = spec('-authority', 'svc.internal', '10.0.0.5:8443', 'list');
    expect(s.target).toEqual({ baseUrl: 'https://svc.internal:8443', authority: 'svc.internal' });
    expect(s.transfer.connectTo).toEqual(['svc.internal:8443:10.0.0.5:8443']);
  });

  it('-proto alone needs no address for list and describe', () => {
    const s = spec('-proto', 'x.proto', '-import-path', 'dir', 'describe', 'pkg.Msg');
    expect([s.target, s.verb, s.symbol, s.useReflection, s.importPaths]).toEqual([null, 'describe', 'pkg.Msg', false, ['dir']]);
  });

  it.each<[string[], RegExp]>([
    [['-nope', 'a:1', 'list'], /^flag provided but not defined: -nope/],
    [['-d'], /^flag needs an argument: -d/],
    [[], /^Too few arguments\./],
    [['a:1'], /^Too few arguments\./],
    [['a:1', 'x', 'y'], /^Too many arguments\./],
    [['-plaintext', '-insecure', 'a:1', 'list'], /mutually exclusive/],
    [['-cert', 'c.pem', 'a:1', 'list'], /must be used together/],
    [['-proto', 'a', '-protoset', 'b', 'list'], /either -protoset files or -proto files/],
    [['-format', 'yaml', 'a:1', 'list'], /The -format option must be 'json' or 'text'\./],
    [['-plaintext=maybe', 'a:1', 'list'], /invalid boolean value "maybe"/],
    [['-max-time', '-1', 'a:1', 'list'], /a number of at least 0/],
  ])('%j is a usage error (exit 2)', (argv, message) => {
    const err = ((): unknown => {
      try {
        spec(...argv);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(QurlError);
    expect((err as QurlError).exitCode).toBe(2);
    expect((err as QurlError).message).toMatch(message);
  });
});
