// Digest authentication against RFC 7616's own examples (§3.9.1) and the challenge forms servers send.
import { describe, expect, it } from 'vitest';
import { digestAuthorization, parseDigestChallenge } from '../../../src/engine/auth/digest-auth.js';

// RFC 7616 §3.9.1: the same request answered with MD5 and with SHA-256.
const challenge = (algorithm: string): string =>
  `Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=${algorithm}, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"`;
const input = { user: 'Mufasa', password: 'Circle of Life', method: 'GET', uri: '/dir/index.html', nc: 1, cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ' };

describe('Digest (RFC 7616)', () => {
  it.each([
    ['MD5', '8ca523f5e9506fed4657c9700eebdbec'],
    ['SHA-256', '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1'],
  ])('%s: the RFC\'s response', (algorithm, response) => {
    const c = parseDigestChallenge(['Basic realm="x"', challenge(algorithm)])!;
    expect(c).toMatchObject({ realm: 'http-auth@example.org', algorithm, qop: ['auth', 'auth-int'], stale: false });
    expect(digestAuthorization(c, input)).toBe(
      `Digest username="Mufasa", realm="http-auth@example.org", nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", uri="/dir/index.html", ` +
        `cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", nc=00000001, qop=auth, response="${response}", ` +
        `opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", algorithm=${algorithm}`,
    );
  });

  it('RFC 2617 style (no qop): the response from HA1 and HA2 alone', () => {
    // RFC 2617 §3.5's example: "Mufasa" / "Circle Of Life", realm testrealm@host.com.
    const c = parseDigestChallenge(['Digest realm="testrealm@host.com", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093"'])!;
    const auth = digestAuthorization(c, { user: 'Mufasa', password: 'Circle Of Life', method: 'GET', uri: '/dir/index.html', nc: 1 });
    expect(auth).toContain('response="670fd8c2df070c60b045671b8b24ff02"');
    expect(auth).not.toContain('qop=');
  });

  it('userhash hides the user name; stale is read; an unknown algorithm is no challenge qurl can answer', () => {
    const c = parseDigestChallenge(['Digest realm="r", nonce="n", algorithm=SHA-256, userhash=true, stale=TRUE'])!;
    expect(c.stale).toBe(true);
    expect(digestAuthorization(c, { ...input, cnonce: 'c' })).toMatch(/^Digest username="[0-9a-f]{64}", .*, userhash=true$/);
    expect(parseDigestChallenge(['Digest realm="r", nonce="n", algorithm=SHA-1024'])).toBeNull();
    expect(parseDigestChallenge(['Basic realm="r"'])).toBeNull();
  });
});
