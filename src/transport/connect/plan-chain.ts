// planChain: the only place that decides the order of connect steps for a target.
// dns → tcp → tls, dns → quic for HTTP/3, unix → [tls] for a Unix socket, or through a proxy:
// dns → tcp (proxy) → [tls-proxy] → [h1-proxy CONNECT] → [tls]; --haproxy-protocol adds its step below the
// origin's tls (above any tunnel).
import type { ConnectOptions, ConnectStep, ConnectTarget, Endpoint, TlsSettings } from './connect-types.js';
import { createDnsStep } from './dns-step.js';
import { createHaproxyStep } from './haproxy-step.js';
import { createHttpConnectStep } from './http-connect-step.js';
import { createSocksStep } from './socks-step.js';
import { createTcpStep } from './tcp-step.js';
import { createUnixStep } from './unix-step.js';

async function tlsStep(settings: TlsSettings, endpoint: Endpoint, name?: string): Promise<ConnectStep> {
  // node:tls is loaded only for https targets and proxies (start-up cost for plain http).
  const { createTlsStep } = await import('./tls-step.js');
  return createTlsStep(settings, endpoint, name);
}

/** --haproxy-protocol: its step goes where curl puts it, on top of everything but the origin's TLS. */
function withHaproxy(steps: ConnectStep[], options: ConnectOptions, tls: ConnectStep | null): ConnectStep[] {
  if (options.haproxy) steps.push(createHaproxyStep(options.haproxy));
  if (tls) steps.push(tls);
  return steps;
}

export async function planChain(target: ConnectTarget, options: ConnectOptions): Promise<ConnectStep[]> {
  const origin: Endpoint = { host: target.host, port: target.port };
  if (options.unixSocket !== undefined) {
    return withHaproxy([createUnixStep(options.unixSocket, origin)], options, options.tls ? await tlsStep(options.tls, origin) : null);
  }
  const proxy = options.proxy;
  if (!proxy) {
    const to: Endpoint = { host: target.connectHost, port: target.connectPort };
    if (options.transport === 'quic' && options.tls) {
      // The QUIC binding is native; it loads only when HTTP/3 is asked for.
      const { createQuicStep } = await import('./quic-step.js');
      return [createDnsStep(to), createQuicStep(options.tls, origin, to)];
    }
    if (options.tls) return withHaproxy([createDnsStep(to), createTcpStep(to)], options, await tlsStep(options.tls, origin));
    return withHaproxy([createDnsStep(to), createTcpStep(to, { userReads: options.userReads })], options, null);
  }
  const at: Endpoint = { host: proxy.host, port: proxy.port };
  const through: Endpoint = { host: target.connectHost, port: target.connectPort };
  const steps = [createDnsStep(at, 'proxy'), createTcpStep(at)];
  if (proxy.scheme === 'https' && proxy.tls) steps.push(await tlsStep(proxy.tls, at, 'tls-proxy'));
  if (proxy.scheme.startsWith('socks')) steps.push(createSocksStep(proxy, through));
  else if (proxy.tunnel) steps.push(createHttpConnectStep(proxy, through));
  return withHaproxy(steps, options, proxy.tunnel && options.tls ? await tlsStep(options.tls, origin) : null);
}
