// Decides a -L hop: the next URL, method and body (RFC 9110 §15.4, curl's habits), and what must not cross origins.
import { QurlError } from '../errors/index.js';
import { redirectProtocols } from './url-protocols.js';

export interface Hop {
  readonly url: string;
  readonly method: string;
  readonly keepBody: boolean;
}

export function isRedirectStatus(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

export function nextHop(from: URL, status: number, location: string, method: string, allowed: ReadonlySet<string> = redirectProtocols(undefined)): Hop {
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    throw new QurlError('bad-url', `Redirect to a malformed URL: "${location}"`);
  }
  const scheme = url.protocol.replace(':', '');
  if (!allowed.has(scheme) || (scheme !== 'http' && scheme !== 'https')) {
    throw new QurlError('unsupported-protocol', `Protocol "${scheme}" not supported or disabled: a redirect to ${url.href} refused (--proto-redir)`);
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
