// Decides a -L hop: the next URL, method and body (RFC 9110 §15.4, curl's habits), and what must not cross origins.
import { QurlError } from '../errors/index.js';

export interface Hop {
  readonly url: string;
  readonly method: string;
  readonly keepBody: boolean;
}

export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

export function nextHop(from: URL, status: number, location: string, method: string): Hop {
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    throw new QurlError('bad-url', `Redirect to a malformed URL: "${location}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new QurlError('unsupported-protocol', `Redirect to "${url.protocol.replace(':', '')}" refused (qurl follows http and https only)`);
  }
  url.hash = '';
  const toGet = (status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST');
  return { url: url.href, method: toGet ? 'GET' : method, keepBody: !toGet };
}

export function isSameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.hostname === b.hostname && a.port === b.port;
}

/** Headers a hop to another origin drops, as curl does without --location-trusted. */
export const CREDENTIAL_HEADERS: ReadonlySet<string> = new Set(['authorization', 'cookie', 'proxy-authorization']);
