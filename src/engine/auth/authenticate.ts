// The authentication wrappers of the exchange chain: a 401 (server) or 407 (proxy) that names a scheme the
// credentials can answer sends the same request once more with the answer, as curl negotiates it.
import { QurlError } from '../../errors/index.js';
import { headerValues } from '../../trace/index.js';
import { connectRequestFor } from '../connect-request.js';
import { drainResponse, type HopWrapper } from '../exchange-chain.js';
import { resolveProxy } from '../proxy-config.js';
import type { RequestSpec } from '../request-spec.js';
import { absoluteTarget } from '../request-url.js';
import { negotiateAuth, type AuthNegotiation } from './http-auth.js';
import { userCredentials } from './user-credentials.js';

/** -u, the URL's userinfo or netrc (looked up for the first hop's host), --oauth2-bearer: Authorization. */
export function authenticateServer(spec: RequestSpec): HopWrapper {
  let auth: AuthNegotiation | undefined;
  return (next) => async (hop) => {
    auth ??= negotiateAuth({ scheme: spec.authScheme, user: userCredentials(spec.user?.reveal(), hop.url.url, spec.netrcFile), bearer: spec.bearer?.reveal() });
    // Credentials stay on the first origin unless --location-trusted.
    if (hop.crossedOrigin && !spec.locationTrusted) return next(hop);
    for (;;) {
      const res = await next({ ...hop, authorization: auth.authorization(hop.method, spec.requestTarget ?? hop.url.target) });
      if (res.head.status !== 401 || !(await auth.retry(headerValues(res.head.headers, 'www-authenticate')))) return res;
      await drainResponse(res);
    }
  };
}

/**
 * -U or the proxy URL's userinfo: Proxy-Authorization for an HTTP proxy, on the CONNECT that opens a tunnel or
 * on each request sent to the proxy in absolute form. A 407 to either is answered (--proxy-digest, --proxy-anyauth).
 */
export function authenticateProxy(spec: RequestSpec): HopWrapper {
  const byProxy = new Map<string, AuthNegotiation>();
  return (next) => async (hop) => {
    const proxy = resolveProxy(spec, hop.url);
    if (proxy?.user === undefined || proxy.hop.scheme.startsWith('socks')) return next(hop);
    let auth = byProxy.get(proxy.shown);
    if (!auth) byProxy.set(proxy.shown, (auth = negotiateAuth({ scheme: spec.proxyAuthScheme, user: proxy.user })));
    const through = connectRequestFor(spec, hop.url, proxy).target;
    const tunnelTarget = through.connectHost.includes(':') ? `[${through.connectHost}]:${through.connectPort}` : `${through.connectHost}:${through.connectPort}`;
    for (;;) {
      const proxyAuthorization = proxy.hop.tunnel
        ? auth.authorization('CONNECT', tunnelTarget)
        : auth.authorization(hop.method, spec.requestTarget ?? absoluteTarget(hop.url));
      try {
        const res = await next({ ...hop, proxyAuthorization });
        if (res.head.status !== 407 || !(await auth.retry(headerValues(res.head.headers, 'proxy-authenticate')))) return res;
        await drainResponse(res);
      } catch (err) {
        // The tunnel's 407 arrives as the CONNECT step's error, with the proxy's challenges.
        const challenges = err instanceof QurlError ? err.context.proxyAuthenticate : undefined;
        if (!challenges || !(await auth.retry(challenges))) throw err;
      }
    }
  };
}
