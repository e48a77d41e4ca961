// Which proxy a URL goes through, as curl decides: -x, else the environment (scheme_proxy, ALL_PROXY),
// minus --noproxy / NO_PROXY; -x "" turns proxies off. Userinfo is percent-decoded.
import { QurlError } from '../errors/index.js';
import type { ProxyHop, ProxyScheme } from '../transport/index.js';

const PROXY_SCHEMES: readonly ProxyScheme[] = ['http', 'https', 'socks5', 'socks5h', 'socks4', 'socks4a'];
import { DEFAULT_USER_AGENT } from './request-headers.js';
import type { RequestSpec } from './request-spec.js';
import type { RequestUrl } from './request-url.js';

export interface ProxyChoice {
  readonly hop: ProxyHop;
  /** The proxy URL without credentials, for -v and %{proxy_used}. */
  readonly shown: string;
  /** -U or the proxy URL's USER[:PASS] for an HTTP proxy; the proxy wrapper answers with it (Basic unless asked otherwise). */
  readonly user?: string;
}

function envValue(env: Readonly<Record<string, string>>, name: string, upperToo: boolean): string | undefined {
  return env[name] ?? (upperToo ? env[name.toUpperCase()] : undefined);
}

/** curl reads only lower-case http_proxy (HTTP_PROXY can be set by a CGI request's Proxy: header). */
function proxyFromEnv(env: Readonly<Record<string, string>>, scheme: string): string | undefined {
  return envValue(env, `${scheme}_proxy`, scheme !== 'http') ?? envValue(env, 'all_proxy', true);
}

export function isNoProxy(host: string, list: string | undefined): boolean {
  if (!list) return false;
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return list.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean).some((entry) => {
    if (entry === '*') return true;
    const bare = entry.replace(/^\./, '');
    return h === bare || h.endsWith(`.${bare}`);
  });
}

function isEmpty(env: Readonly<Record<string, string>>): boolean {
  for (const _ in env) return false;
  return true;
}

export function resolveProxy(spec: RequestSpec, url: RequestUrl): ProxyChoice | null {
  // curl ignores every proxy setting when a Unix socket is given.
  if (spec.unixSocket !== undefined) return null;
  if (spec.proxy === undefined && isEmpty(spec.proxyEnv)) return null;
  const raw = spec.proxy ?? proxyFromEnv(spec.proxyEnv, url.scheme);
  // (--socks5 and --socks5-hostname arrive here as -x socks5:// and socks5h://)
  if (!raw) return null;
  const noProxy = spec.noproxy ?? envValue(spec.proxyEnv, 'no_proxy', true);
  if (isNoProxy(url.host, noProxy)) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    throw new QurlError('bad-option', `unsupported or malformed proxy "${raw}" (use [scheme://][user:pass@]host[:port])`);
  }
  const scheme = parsed.protocol.replace(':', '') as ProxyScheme;
  if (!PROXY_SCHEMES.includes(scheme)) {
    throw new QurlError('unsupported-protocol', `proxy scheme "${scheme}" is not supported (use http, https, socks5, socks5h, socks4 or socks4a)`);
  }
  const port = parsed.port ? Number(parsed.port) : scheme === 'https' ? 443 : 1080;
  const userinfo = spec.proxyUser?.reveal() ?? (parsed.username ? `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}` : undefined);
  const [user, ...pass] = (userinfo ?? '').split(':');
  const isSocks = scheme.startsWith('socks');
  const hop: ProxyHop = {
    scheme,
    host: parsed.hostname.replace(/^\[|\]$/g, ''),
    port,
    socksUser: userinfo === undefined || !isSocks ? undefined : user,
    socksPassword: userinfo === undefined || !isSocks ? undefined : pass.join(':'),
    tunnel: isSocks || url.scheme === 'https' || spec.proxytunnel,
    tls: scheme === 'https' ? { insecure: spec.proxyInsecure, caFile: spec.proxyCacert, alpn: ['http/1.1'] } : undefined,
    userAgent: (spec.userAgent ?? DEFAULT_USER_AGENT) || undefined,
    headers: spec.proxyHeaders.filter((h) => h.mode !== 'remove').map((h) => [h.name, h.mode === 'empty' ? '' : h.value] as const),
    http10: spec.proxyHttp10,
  };
  return { hop, shown: `${scheme}://${parsed.host}`, user: isSocks ? undefined : userinfo };
}
