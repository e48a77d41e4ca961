// argv → the TLS and socket knobs of RequestSpec, table-driven: curl's spellings, defaults and refusals.
import { describe, expect, it } from 'vitest';
import { parseArgv } from '../../../src/cli/parse-argv.js';
import { splitCertArg } from '../../../src/cli/tls-args.js';
import { toRequestSpec } from '../../../src/cli/to-request-spec.js';
import type { RequestSpec } from '../../../src/engine/index.js';
import { isQurlError } from '../../../src/errors/index.js';

const spec = (...argv: string[]): RequestSpec => toRequestSpec(parseArgv(argv));

function exitOf(...argv: string[]): number {
  try {
    spec(...argv);
  } catch (err) {
    if (isQurlError(err)) return err.exitCode;
    throw err;
  }
  return 0;
}

describe('TLS knobs', () => {
  it.each<[string[], Partial<RequestSpec>]>([
    [['u'], { tlsMinVersion: undefined, tlsMaxVersion: undefined, certType: 'PEM', keyType: 'PEM' }],
    [['--tlsv1.3', 'u'], { tlsMinVersion: 'TLSv1.3' }],
    [['-1', 'u'], { tlsMinVersion: 'TLSv1' }],
    [['--tlsv1.3', '--tlsv1.1', 'u'], { tlsMinVersion: 'TLSv1.1' }],
    [['--tls-max', '1.2', 'u'], { tlsMaxVersion: 'TLSv1.2' }],
    [['--tls-max', 'default', 'u'], { tlsMaxVersion: undefined }],
    [['--ciphers', 'A:B', '--tls13-ciphers', 'TLS_X', 'u'], { ciphers: 'A:B', tls13Ciphers: 'TLS_X' }],
    [['--cert-type', 'p12', '--key-type', 'der', 'u'], { certType: 'P12', keyType: 'DER' }],
    [['--pinnedpubkey', 'sha256//x', '--crlfile', 'c.crl', 'u'], { pinnedPubkey: 'sha256//x', crlFile: 'c.crl' }],
  ])('%j', (argv, expected) => {
    expect(spec(...argv)).toMatchObject(expected);
  });

  it('--pass and --cert FILE:PASSWORD give the pass phrase, kept secret', () => {
    expect(spec('--pass', 'pw', 'u').keyPassword?.reveal()).toBe('pw');
    const s = spec('--cert', 'c.p12:pw2', '--pass', 'pw', 'u');
    expect([s.cert, s.keyPassword?.reveal(), String(s.keyPassword)]).toEqual(['c.p12', 'pw2', '(redacted)']);
  });

  it.each<[string, { file: string; password?: string }]>([
    ['c.pem', { file: 'c.pem' }],
    ['c.p12:secret', { file: 'c.p12', password: 'secret' }],
    ['c.p12:se:cret', { file: 'c.p12', password: 'se:cret' }],
    ['dir\\:x.pem', { file: 'dir:x.pem' }],
    ['a\\\\b:pw', { file: 'a\\b', password: 'pw' }],
    ['a\\nb', { file: 'a\\nb' }],
    ['c.pem:', { file: 'c.pem' }],
    ['pkcs11:token=a;object=b', { file: 'pkcs11:token=a;object=b' }],
  ])('--cert %s splits as curl does', (arg, expected) => {
    expect(splitCertArg(arg)).toEqual(expected);
  });

  it('an unknown --tls-max is exit 2', () => {
    expect(exitOf('--tls-max', '1.4', 'u')).toBe(2);
  });
});

describe('socket knobs', () => {
  it.each<[string[], Partial<RequestSpec>]>([
    [['u'], { localBind: undefined, tcpNoDelay: true, keepaliveTime: 60, happyEyeballsTimeoutMs: undefined, haproxy: undefined }],
    [['--interface', 'lo', 'u'], { localBind: { interface: { kind: 'any', name: 'lo' }, ports: undefined } }],
    [['--interface', 'if!eth0', 'u'], { localBind: { interface: { kind: 'if', name: 'eth0' }, ports: undefined } }],
    [['--interface', 'host!example.com', 'u'], { localBind: { interface: { kind: 'host', name: 'example.com' }, ports: undefined } }],
    [['--local-port', '4000-4010', 'u'], { localBind: { interface: undefined, ports: { first: 4000, last: 4010 } } }],
    [['--local-port', '4000', 'u'], { localBind: { interface: undefined, ports: { first: 4000, last: 4000 } } }],
    [['--local-port', '0', 'u'], { localBind: undefined }],
    [['--no-tcp-nodelay', 'u'], { tcpNoDelay: false }],
    [['--no-tcp-nodelay', '--tcp-nodelay', 'u'], { tcpNoDelay: true }],
    [['--keepalive-time', '7', 'u'], { keepaliveTime: 7 }],
    [['--no-keepalive', 'u'], { keepaliveTime: null }],
    [['--happy-eyeballs-timeout-ms', '120', 'u'], { happyEyeballsTimeoutMs: 120 }],
    [['--haproxy-protocol', 'u'], { haproxy: { clientIp: undefined } }],
    [['--haproxy-clientip', '::1', 'u'], { haproxy: { clientIp: '::1' } }],
  ])('%j', (argv, expected) => {
    expect(spec(...argv)).toMatchObject(expected);
  });

  it.each([
    ['--local-port', '65536'],
    ['--local-port', '9-1'],
    ['--local-port', '1-2-3'],
    ['--interface', 'if!'],
    ['--keepalive-time', '1.5'],
    ['--keepalive-time', '-2'],
    ['--happy-eyeballs-timeout-ms', 'x'],
    ['--haproxy-clientip', 'not-an-ip'],
  ])('%s %s is exit 2', (...argv) => {
    expect(exitOf(...argv, 'u')).toBe(2);
  });
});
