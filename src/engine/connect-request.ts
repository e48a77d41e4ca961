// What the pool needs to reach a URL for a spec: target (with --connect-to), TLS and ALPN, proxy, --resolve,
// version and keepalive. Shared by plain transfers and the applications' streams (grpc, …).
import type { AltSvcEntry } from '../codec/index.js';
import { tlsMaterialKey, type ConnectionRequest, type ConnectOptions, type TlsSettings, type WarmPlan } from '../transport/index.js';
import { resolveProxy } from './proxy-config.js';
import { parseRequestUrl } from './request-url.js';
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

/** The origin's TLS settings; the knobs stay absent unless given, so the pool key and the warm plan stay small. */
function tlsSettings(spec: RequestSpec): TlsSettings {
  return {
    insecure: spec.insecure,
    caFile: spec.cacert,
    caPath: spec.capath,
    certFile: spec.cert,
    keyFile: spec.key,
    alpn: ALPN[spec.httpVersion],
    ...(spec.certType !== 'PEM' && { certType: spec.certType }),
    ...(spec.keyType !== 'PEM' && { keyType: spec.keyType }),
    ...(spec.keyPassword && { passphrase: spec.keyPassword.reveal() }),
    ...(spec.tlsMinVersion && { minVersion: spec.tlsMinVersion }),
    ...(spec.tlsMaxVersion && { maxVersion: spec.tlsMaxVersion }),
    ...(spec.ciphers !== undefined && { ciphers: spec.ciphers }),
    ...(spec.tls13Ciphers !== undefined && { tls13Ciphers: spec.tls13Ciphers }),
    ...(spec.pinnedPubkey !== undefined && { pinnedPubkey: spec.pinnedPubkey }),
    ...(spec.crlFile !== undefined && { crlFile: spec.crlFile }),
  };
}

function connectOptions(spec: RequestSpec, url: RequestUrl, proxy: ProxyChoice | null): ConnectOptions {
  return {
    proxy: proxy?.hop ?? null,
    transport: 'tcp',
    unixSocket: spec.unixSocket,
    resolve: spec.resolve.map(parseResolveEntry),
    ipVersion: spec.ipVersion,
    tls: url.scheme === 'https' ? tlsSettings(spec) : null,
    bind: spec.localBind,
    tcp: { noDelay: spec.tcpNoDelay, keepaliveMs: spec.keepaliveTime === null ? null : spec.keepaliveTime * 1000, happyEyeballsMs: spec.happyEyeballsTimeoutMs },
    haproxy: spec.haproxy,
  };
}

export type ConnectFor = Omit<ConnectionRequest, 'connectLimit' | 'trace' | 'timings'>;

/** The direct (no proxy, no Alt-Svc) requests already built, per spec and origin: -Z sends a thousand to one. */
const directRequests = new WeakMap<RequestSpec, Map<string, ConnectFor>>();

/** The connection request for one hop to `url`; `alt` is an HTTP/3 alternative from the Alt-Svc cache. */
export function connectRequestFor(spec: RequestSpec, url: RequestUrl, proxy: ProxyChoice | null, alt?: AltSvcEntry): ConnectFor {
  if (proxy !== null || alt !== undefined) return buildConnectRequest(spec, url, proxy, alt);
  let byOrigin = directRequests.get(spec);
  if (!byOrigin) directRequests.set(spec, (byOrigin = new Map()));
  const origin = `${url.scheme} ${url.host} ${url.port}`;
  let built = byOrigin.get(origin);
  if (!built) byOrigin.set(origin, (built = buildConnectRequest(spec, url, null, undefined)));
  return built;
}

function buildConnectRequest(spec: RequestSpec, url: RequestUrl, proxy: ProxyChoice | null, alt: AltSvcEntry | undefined): ConnectFor {
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

/** What the transfers of a run will connect with, for warmTransport before their clocks start. */
/** Whether getaddrinfo will be asked: not an IP literal, not localhost (which resolves without a lookup). */
const needsLookup = (host: string): boolean => !/^[\d.]+$/.test(host) && !host.includes(':') && !/^(.+\.)?localhost\.?$/i.test(host);

export function warmPlanFor(specs: readonly RequestSpec[]): WarmPlan {
  const tls: TlsSettings[] = [];
  const versions = new Set<RequestSpec['httpVersion']>();
  const schemes = new Set<'http' | 'https'>();
  let namedHosts = false;
  let lookups = false;
  let tcp = false;
  for (const spec of specs) {
    // One URL per origin is enough: -Z over 1000 URLs of one host parses one, not 1000, before the run.
    const origins = new Set(spec.urls.map((job) => /^[^/]*\/\/[^/?#]*|^[^/?#]*/.exec(job.url)![0]));
    for (const origin of origins) {
      try {
        const url = parseRequestUrl(origin, { protoDefault: spec.protoDefault });
        const proxy = resolveProxy(spec, url);
        const options = connectOptions(spec, url, proxy);
        if (options.tls) tls.push(options.tls);
        if (proxy?.hop.tls) tls.push(proxy.hop.tls);
        versions.add(spec.httpVersion);
        schemes.add(url.scheme);
        namedHosts ||= !/^[\d.]+$/.test(url.host) || proxy !== null;
        lookups ||= (spec.resolve.length === 0 && needsLookup(url.host)) || (proxy !== null && needsLookup(proxy.hop.host));
        tcp ||= spec.unixSocket === undefined && spec.httpVersion !== '3-only';
      } catch {
        // The transfer reports a bad URL or proxy itself.
      }
    }
  }
  // One context per distinct set of files is enough.
  const distinct = [...new Map(tls.map((t) => [tlsMaterialKey(t), t])).values()];
  return { tls: distinct, versions: [...versions], scheme: [...schemes], namedHosts, lookups, tcp };
}
