// planChain decides the order of connect steps, table-driven: direct, TLS, QUIC, and every proxy kind.
import { describe, expect, it } from 'vitest';
import { planChain } from '../../../src/transport/connect/index.js';
import type { ConnectOptions, ProxyHop, TlsSettings } from '../../../src/transport/index.js';

const TLS: TlsSettings = { insecure: false, alpn: ['h2', 'http/1.1'] };
const target = { host: 'origin.test', port: 443, connectHost: 'origin.test', connectPort: 443 };
const options = (o: Partial<ConnectOptions>): ConnectOptions => ({ proxy: null, transport: 'tcp', resolve: [], ipVersion: null, tls: null, ...o });
const proxy = (scheme: ProxyHop['scheme'], tunnel: boolean, tls?: TlsSettings): ProxyHop => ({ scheme, host: 'proxy.test', port: 3128, tunnel, tls });

describe('planChain', () => {
  it.each<[string, ConnectOptions, string[]]>([
    ['http://', options({}), ['dns', 'tcp']],
    ['https://', options({ tls: TLS }), ['dns', 'tcp', 'tls']],
    ['HTTP/3', options({ tls: TLS, transport: 'quic' }), ['dns', 'quic']],
    ['http:// through an HTTP proxy (absolute form, no tunnel)', options({ proxy: proxy('http', false) }), ['dns', 'tcp']],
    ['http:// through an HTTP proxy with -p', options({ proxy: proxy('http', true) }), ['dns', 'tcp', 'h1-proxy']],
    ['https:// through an HTTP proxy', options({ tls: TLS, proxy: proxy('http', true) }), ['dns', 'tcp', 'h1-proxy', 'tls']],
    ['https:// through an HTTPS proxy', options({ tls: TLS, proxy: proxy('https', true, TLS) }), ['dns', 'tcp', 'tls-proxy', 'h1-proxy', 'tls']],
    ['https:// through SOCKS5', options({ tls: TLS, proxy: proxy('socks5h', true) }), ['dns', 'tcp', 'socks5', 'tls']],
    ['http:// through SOCKS4', options({ proxy: proxy('socks4', true) }), ['dns', 'tcp', 'socks4']],
    // A proxy carries no UDP: a QUIC request through one goes over TCP (the engine refuses --http3-only earlier).
    ['HTTP/3 through SOCKS5', options({ tls: TLS, transport: 'quic', proxy: proxy('socks5', true) }), ['dns', 'tcp', 'socks5', 'tls']],
  ])('%s: %j', async (_name, opts, expected) => {
    const steps = await planChain(target, opts);
    expect(steps.map((s) => s.name)).toEqual(expected);
  });

  it('the first steps reach the proxy, the last ones the origin', async () => {
    const steps = await planChain(target, options({ tls: TLS, proxy: proxy('https', true, TLS) }));
    expect(steps.map((s) => s.endpoint?.host ?? '-')).toEqual(['proxy.test', 'proxy.test', 'proxy.test', 'proxy.test', 'origin.test']);
  });
});
