// Parses and validates a URL as curl does (scheme guessed when missing), keeping the raw path for --path-as-is.
import { QurlError } from '../errors/index.js';
import { guessedScheme } from './url-protocols.js';

export interface RequestUrl {
  readonly url: URL;
  /** The URL as curl shows it (%{url_effective}): an IPv6 literal as typed, its zone id kept. */
  readonly href: string;
  readonly scheme: 'http' | 'https';
  /** The host without IPv6 brackets, as every lower layer (DNS, TLS, proxies, --connect-to) wants it. */
  readonly host: string;
  readonly port: number;
  /** Path and query as sent on the request line. */
  readonly target: string;
  /** Host header value: host plus the port when not the scheme's default. */
  readonly authority: string;
}

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//;

/** An IPv6 literal as typed, with its zone id (RFC 6874 `%25eth0`, or curl's bare `%eth0`). */
const BRACKETED = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/(?:[^@/?#]*@)?)\[([0-9a-fA-F:.]+)(?:%(?:25)?([A-Za-z0-9_.~-]+))?\]/;

function rawPathOf(input: string): string | null {
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*([^#]*)/.exec(input);
  return m ? m[1] || '/' : null;
}

/**
 * An IPv6 address as curl's inet_ntop writes it: WHATWG's compressed form, except that an IPv4-mapped
 * (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d) address ends in dotted decimal.
 */
function curlIpv6Text(compressed: string): string {
  const m = /^::(ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(compressed);
  if (!m) return compressed;
  const [hi, lo] = [parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
  return `::${m[1] ?? ''}${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

export interface UrlRules {
  readonly pathAsIs?: boolean;
  /** --proto-default: the scheme of a URL given without one. */
  readonly protoDefault?: string;
  /** --proto (or --proto-redir for a redirect's URL): the protocols allowed. */
  readonly allowed?: ReadonlySet<string>;
}

export function parseRequestUrl(input: string, rules: UrlRules = {}): RequestUrl {
  const trimmed = input.trim();
  if (trimmed === '') throw new QurlError('bad-url', 'No URL specified (give one as an argument or with --url)');
  const withScheme = SCHEME.test(trimmed) ? trimmed : `${guessedScheme(trimmed, rules.protoDefault)}://${trimmed}`;
  const scheme = (SCHEME.exec(withScheme)?.[1] ?? '').toLowerCase();
  if ((scheme !== 'http' && scheme !== 'https') || (rules.allowed && !rules.allowed.has(scheme))) {
    throw new QurlError('unsupported-protocol', `Protocol "${scheme}" not supported or disabled${rules.allowed?.has(scheme) === false ? ' (--proto)' : ' (qurl speaks http and https)'}`);
  }
  if (/[\s\x00-\x1f\x7f]/.test(trimmed)) {
    throw new QurlError('bad-url', `URL rejected: Malformed input to a URL function: "${input}" contains a space or control character`);
  }
  // WHATWG URLs have no zone ids and rewrite the address (::ffff:127.0.0.1 as ::ffff:7f00:1); curl keeps both.
  const literal = BRACKETED.exec(withScheme);
  let url: URL;
  try {
    url = new URL(literal?.[3] ? withScheme.replace(BRACKETED, `$1[$2]`) : withScheme);
  } catch {
    throw new QurlError('bad-url', `URL rejected: Malformed input to a URL function: "${input}"`);
  }
  if (url.hostname === '') throw new QurlError('bad-url', `URL rejected: No host part in the URL "${input}"`);
  const port = url.port ? Number(url.port) : scheme === 'https' ? 443 : 80;
  const path = rules.pathAsIs ? (rawPathOf(withScheme) ?? '/').replace(/\?.*$/, '') : url.pathname;
  const target = `${path}${url.search}`;
  const address = literal ? curlIpv6Text(url.hostname.slice(1, -1)) : undefined;
  const zone = literal?.[3];
  return {
    url,
    href: address ? url.href.replace(/\[[^\]]*\]/, `[${address}${zone ? `%25${zone}` : ''}]`) : url.href,
    scheme,
    // Node connects to a link-local address through the zone given after `%`.
    host: address ? `${address}${zone ? `%${zone}` : ''}` : url.hostname,
    port,
    target,
    // curl's Host header: the address as typed, without the zone.
    authority: address ? `[${address}]${url.port ? `:${url.port}` : ''}` : url.host,
  };
}

/** The file name -O uses: the URL's last path segment. */
export function remoteFileName(url: URL): string {
  const last = decodeURIComponent(url.pathname.split('/').pop() ?? '');
  if (!last) throw new QurlError('write', `Remote file name has no length: use -o FILE for ${url.href}`);
  return last;
}

/** The request target in absolute form (RFC 9112 §3.2.2), as a request through a proxy without a tunnel names it. */
export function absoluteTarget(url: RequestUrl): string {
  return `${url.scheme}://${url.authority}${url.target}`;
}
