// What the pool needs to reach a URL for a spec: target (with --connect-to), TLS and ALPN, proxy, --resolve,
// version and keepalive. Shared by plain transfers and the applications' streams (grpc, …).
import type { AltSvcEntry } from '../codec/index.js';
import type { ConnectionRequest, ConnectOptions } from '../transport/index.js';
import { applyConnectTo, parseConnectToEntry, parseResolveEntry } from './connect-args.js';
import type { ProxyChoice } from './proxy-config.js';
import type { RequestSpec } from './request-spec.js';
import type { RequestUrl } from './request-url.js';

const ALPN: Readonly<Record<RequestSpec['httpVersion'], readonly string[]>> = {
  '1.0': ['http/1.1'],
  '1.1': ['http/1.1'],
  '2': ['h2', 'http/1.1'],
  '2-prior-knowledge': ['h2'],
  // Over TCP; the quic step offers h3 itself.
  '3': ['h2', 'http/1.1'],
  '3-only': ['h2', 'http/1.1'],
};

function connectOptions(spec: RequestSpec, url: RequestUrl, proxy: ProxyChoice | null): ConnectOptions {
  return {
    proxy: proxy?.hop ?? null,
    transport: 'tcp',
    unixSocket: spec.unixSocket,
    resolve: spec.resolve.map(parseResolveEntry),
    ipVersion: spec.ipVersion,
    tls:
      url.scheme === 'https'
        ? { insecure: spec.insecure, caFile: spec.cacert, caPath: spec.capath, certFile: spec.cert, keyFile: spec.key, alpn: ALPN[spec.httpVersion] }
        : null,
  };
}

export type ConnectFor = Omit<ConnectionRequest, 'connectLimit' | 'trace' | 'timings'>;

/** The connection request for one hop to `url`; `alt` is an HTTP/3 alternative from the Alt-Svc cache. */
export function connectRequestFor(spec: RequestSpec, url: RequestUrl, proxy: ProxyChoice | null, alt?: AltSvcEntry): ConnectFor {
  const connectTo = spec.connectTo.map(parseConnectToEntry);
  return {
    target: { host: url.host, port: url.port, ...applyConnectTo(connectTo, url.host, url.port) },
    options: connectOptions(spec, url, proxy),
    scheme: url.scheme,
    version: alt && spec.httpVersion !== '3-only' ? '3' : spec.httpVersion,
    altSvc: alt ? { host: alt.dstHost, port: alt.dstPort } : undefined,
    keepalive: { intervalMs: spec.h2Keepalive === null ? null : spec.h2Keepalive * 1000, timeoutMs: spec.h2KeepaliveTimeout * 1000 },
  };
}
