// Server authentication for one transfer, as curl negotiates it: Basic sent up front (-u, --basic), a bearer
// token (--oauth2-bearer), or nothing until a 401 says which scheme the server wants (--digest, --anyauth);
// then the request goes once more with the answer. Used by the authentication wrappers (authenticate.ts).
import type { DigestChallenge } from './digest-auth.js';

/** Digest needs node:crypto: loaded when a server asks for Digest, not at start-up. */
type DigestModule = typeof import('./digest-auth.js');

export type AuthScheme = 'basic' | 'digest' | 'any';

export interface AuthOptions {
  readonly scheme: AuthScheme;
  /** -u USER:PASS (a missing password is empty). */
  readonly user?: string;
  readonly bearer?: string;
}

export interface AuthNegotiation {
  /** The Authorization value for this request, or undefined to send none. */
  authorization(method: string, target: string): string | undefined;
  /** A 401 came with these WWW-Authenticate values: true when the request should go again, answering them. */
  retry(challenges: readonly string[]): Promise<boolean>;
}

function splitUser(user: string): { name: string; password: string } {
  const colon = user.indexOf(':');
  return colon < 0 ? { name: user, password: '' } : { name: user.slice(0, colon), password: user.slice(colon + 1) };
}

const basic = (user: string): string => `Basic ${Buffer.from(user.includes(':') ? user : `${user}:`).toString('base64')}`;

export function negotiateAuth(options: AuthOptions): AuthNegotiation {
  const never = async (): Promise<boolean> => false;
  if (options.bearer !== undefined) return { authorization: () => `Bearer ${options.bearer}`, retry: never };
  const user = options.user;
  if (user === undefined) return { authorization: () => undefined, retry: never };
  if (options.scheme === 'basic') return { authorization: () => basic(user), retry: never };
  let digestModule: DigestModule | undefined;
  let chosen: { kind: 'basic' } | { kind: 'digest'; challenge: DigestChallenge; nc: number } | null = null;
  let answered = false;
  let staleRetried = false;
  return {
    authorization(method, target) {
      if (chosen === null) return undefined;
      if (chosen.kind === 'basic') return basic(user);
      const { name, password } = splitUser(user);
      chosen.nc++;
      return digestModule!.digestAuthorization(chosen.challenge, { user: name, password, method, uri: target, nc: chosen.nc });
    },
    async retry(challenges) {
      if (challenges.some((c) => /\bdigest\b/i.test(c))) digestModule ??= await import('./digest-auth.js');
      const digest = digestModule?.parseDigestChallenge(challenges) ?? null;
      // A stale nonce is worth one more try; wrong credentials are not.
      if (answered) {
        if (!digest?.stale || chosen?.kind !== 'digest' || staleRetried) return false;
        staleRetried = true;
      }
      if (digest) {
        chosen = { kind: 'digest', challenge: digest, nc: 0 };
      } else if (options.scheme === 'any' && challenges.some((c) => /^\s*basic\b/i.test(c))) {
        chosen = { kind: 'basic' };
      } else return false;
      if (options.scheme === 'digest' && chosen.kind !== 'digest') return false;
      answered = true;
      return true;
    },
  };
}
