// -L: the redirect wrapper of the exchange chain, and how it decides a hop: the next URL, method and body
// (RFC 9110 §15.4, curl's habits), and what must not cross origins.
import { QurlError } from '../errors/index.js';
import { headerValue, type TransferTrace } from '../trace/index.js';
import { drainResponse, type HopWrapper } from './exchange-chain.js';
import type { RequestSpec } from './request-spec.js';
import { parseRequestUrl, type RequestUrl } from './request-url.js';
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

/** Follows 3xx answers with a Location while -L is on, up to --max-redirs, counting them in `counter`. */
/** `secure`: what --hsts makes of a redirect's URL. */
export function followRedirects(spec: RequestSpec, trace: TransferTrace, counter: { numRedirects: number; urlEffective: string }, secure: (url: RequestUrl) => RequestUrl = (u) => u): HopWrapper {
  const allowed = redirectProtocols(spec.protoRedir);
  return (next) => async (first) => {
    for (let hop = first; ;) {
      const res = await next(hop);
      const location = headerValue(res.head.headers, 'location');
      if (!spec.location || !isRedirectStatus(res.head.status) || !location) return res;
      await drainResponse(res);
      if (spec.maxRedirs >= 0 && counter.numRedirects >= spec.maxRedirs) {
        throw new QurlError('too-many-redirects', `Maximum (${spec.maxRedirs}) redirects followed`);
      }
      // Counted before it is checked: curl's %{num_redirects} and %{url_effective} include a redirect it then refuses.
      counter.numRedirects++;
      if (URL.canParse(location, hop.url.url)) counter.urlEffective = new URL(location, hop.url.url).href;
      const to = nextHop(hop.url.url, res.head.status, location, hop.method, allowed);
      trace.emit({ type: 'redirect', source: 'engine', status: res.head.status, from: hop.url.url.href, to: to.url });
      const url = secure(parseRequestUrl(to.url, { pathAsIs: spec.pathAsIs }));
      hop = {
        // -X names the method of every request, redirected ones too, as in curl (the body still follows RFC 9110).
        ...hop, url, method: spec.method ?? to.method, sendBody: hop.sendBody && to.keepBody,
        crossedOrigin: hop.crossedOrigin || !isSameOrigin(first.url.url, url.url),
        authorization: undefined, proxyAuthorization: undefined, cookie: undefined,
      };
    }
  };
}
