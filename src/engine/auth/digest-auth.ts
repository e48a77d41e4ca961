// HTTP Digest authentication (RFC 7616): the challenge a 401 carries, and the Authorization answering it
// (MD5, SHA-256, SHA-512-256 and their -sess forms, qop=auth, userhash, opaque). Pure but for the cnonce.
import { createHash, randomBytes } from 'node:crypto';

export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly opaque?: string;
  readonly algorithm: string;
  /** The qop values offered; qurl answers `auth` when offered (auth-int is not). */
  readonly qop: readonly string[];
  readonly stale: boolean;
  readonly userhash: boolean;
}

const HASHES: Readonly<Record<string, string>> = { MD5: 'md5', 'SHA-256': 'sha256', 'SHA-512-256': 'sha512-256' };

/** The auth-params of one challenge (`Digest realm="x", nonce=…`), names lower-cased. */
export function parseAuthParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  const re = /([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (let m = re.exec(text); m; m = re.exec(text)) params.set(m[1]!.toLowerCase(), m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!);
  return params;
}

/** The Digest challenge among a response's WWW-Authenticate values, or null (also for an algorithm qurl lacks). */
export function parseDigestChallenge(values: readonly string[]): DigestChallenge | null {
  for (const value of values) {
    const m = /^\s*digest\s+(.*)$/is.exec(value);
    if (!m) continue;
    const p = parseAuthParams(m[1]!);
    const algorithm = (p.get('algorithm') ?? 'MD5').toUpperCase();
    if (!HASHES[algorithm.replace(/-SESS$/, '')]) continue;
    const nonce = p.get('nonce');
    if (nonce === undefined) continue;
    return {
      realm: p.get('realm') ?? '', nonce, opaque: p.get('opaque'), algorithm,
      qop: (p.get('qop') ?? '').split(',').map((q) => q.trim().toLowerCase()).filter(Boolean),
      stale: (p.get('stale') ?? '').toLowerCase() === 'true', userhash: (p.get('userhash') ?? '').toLowerCase() === 'true',
    };
  }
  return null;
}

export interface DigestInput {
  readonly user: string;
  readonly password: string;
  readonly method: string;
  /** The request target, as sent (path and query). */
  readonly uri: string;
  /** The nth request answering this nonce (1 for the first). */
  readonly nc: number;
  /** Given only by tests (RFC 7616's examples); random otherwise. */
  readonly cnonce?: string;
}

const quoted = (s: string): string => `"${s.replace(/(["\\])/g, '\\$1')}"`;

export function digestAuthorization(challenge: DigestChallenge, input: DigestInput): string {
  const base = challenge.algorithm.replace(/-SESS$/, '');
  const h = (s: string): string => createHash(HASHES[base]!).update(s, 'utf8').digest('hex');
  const cnonce = input.cnonce ?? randomBytes(16).toString('hex');
  const nc = input.nc.toString(16).padStart(8, '0');
  const qop = challenge.qop.includes('auth') ? 'auth' : undefined;
  let ha1 = h(`${input.user}:${challenge.realm}:${input.password}`);
  if (challenge.algorithm.endsWith('-SESS')) ha1 = h(`${ha1}:${challenge.nonce}:${cnonce}`);
  const ha2 = h(`${input.method}:${input.uri}`);
  const response = qop ? h(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:${qop}:${ha2}`) : h(`${ha1}:${challenge.nonce}:${ha2}`);
  const username = challenge.userhash ? h(`${input.user}:${challenge.realm}`) : input.user;
  const parts = [`username=${quoted(username)}`, `realm=${quoted(challenge.realm)}`, `nonce=${quoted(challenge.nonce)}`, `uri=${quoted(input.uri)}`];
  if (qop) parts.push(`cnonce=${quoted(cnonce)}`, `nc=${nc}`, `qop=${qop}`);
  parts.push(`response=${quoted(response)}`);
  if (challenge.opaque !== undefined) parts.push(`opaque=${quoted(challenge.opaque)}`);
  parts.push(`algorithm=${challenge.algorithm}`);
  if (challenge.userhash) parts.push('userhash=true');
  return `Digest ${parts.join(', ')}`;
}
