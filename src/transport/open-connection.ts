// openConnection: the chain for a request and the protocol on top: h1 or h2 over TCP by ALPN or prior
// knowledge, or h3 over QUIC for --http3-only, or the two raced for --http3.
import { QurlError } from '../errors/index.js';
import { openChain, planChain, type ConnectionChain } from './connect/index.js';
import type { ConnectionRequest } from './connection-pool.js';
import { createHttp1Connection } from './h1/index.js';
import type { ProtocolConnection } from './protocol-connection.js';
import { raceH3 } from './race-h3.js';

/** Picks the protocol the chain agreed on: ALPN h2, or h2c by prior knowledge, else HTTP/1.x. */
async function speak(chain: ConnectionChain, request: ConnectionRequest, signal: AbortSignal): Promise<ProtocolConnection> {
  const isH2 = chain.isTls ? chain.info.alpn === 'h2' : request.version === '2-prior-knowledge';
  if (!isH2) return createHttp1Connection(chain, { http10: request.version === '1.0' });
  const { createHttp2Connection } = await import('./h2/index.js');
  try {
    return await createHttp2Connection(chain, { scheme: request.scheme, signal, trace: request.trace, keepalive: request.keepalive });
  } catch (err) {
    chain.close();
    if (signal.aborted && !(signal.reason instanceof QurlError)) {
      const { connectHost, connectPort } = request.target;
      throw new QurlError('timeout', `Connection timed out waiting for HTTP/2 SETTINGS from ${connectHost} port ${connectPort}`, { cause: err });
    }
    throw err;
  }
}

type ChainContext = Parameters<typeof openChain>[1];

async function openQuic(request: ConnectionRequest, ctx: ChainContext): Promise<ProtocolConnection> {
  const alt = request.altSvc;
  const target = alt ? { ...request.target, connectHost: alt.host, connectPort: alt.port } : request.target;
  const chain = await openChain(await planChain(target, { ...request.options, transport: 'quic' }), ctx);
  const { createHttp3Connection } = await import('./h3/index.js');
  return createHttp3Connection(chain, { trace: request.trace });
}

/** HTTP/3 over QUIC; --http3 races it against TCP, --http3-only does not. Says why in -v. */
export async function openConnection(request: ConnectionRequest, ctx: ChainContext): Promise<ProtocolConnection> {
  // HTTP/1.x reads its socket through UserReads where the plan puts nothing on top of TCP (no TLS, no proxy);
  // node:http2 (h2c) reads the socket itself.
  const options = request.version === '2-prior-knowledge' ? request.options : { ...request.options, userReads: true };
  const tcp = async (c: ChainContext): Promise<ProtocolConnection> => speak(await openChain(await planChain(request.target, options), c), request, c.signal);
  if (request.version !== '3' && request.version !== '3-only') return tcp(ctx);
  const info = (message: string): void => request.trace.emit({ type: 'info', source: 'pool', message });
  if (request.scheme !== 'https') {
    if (request.version === '3-only') throw new QurlError('bad-url', 'HTTP/3 requested for non-HTTPS URL (HTTP/3 exists only for https://)');
    return tcp(ctx);
  }
  if (request.options.unixSocket !== undefined) {
    if (request.version === '3-only') throw new QurlError('bad-url', 'HTTP/3 cannot go over a Unix socket: QUIC needs UDP (drop --http3-only, or the Unix socket)');
    info('HTTP/3 cannot go over a Unix socket: using TCP-style HTTP over it instead (--http3)');
    return tcp(ctx);
  }
  const proxy = request.options.proxy;
  if (proxy) {
    const kind = proxy.scheme.startsWith('socks') ? 'a SOCKS proxy' : 'an HTTP proxy';
    if (request.version === '3-only') throw new QurlError('bad-url', `HTTP/3 is not supported over ${kind}: its tunnel carries TCP only (drop --http3-only, or the proxy with --noproxy '*')`);
    info(`HTTP/3 is not supported over ${kind}: using TCP through the proxy instead (--http3)`);
    return tcp(ctx);
  }
  if (request.version === '3-only') return openQuic(request, ctx);
  const { host, port } = request.target;
  return raceH3(
    { open: (timings, signal) => openQuic(request, { ...ctx, timings, signal }) },
    { open: (timings, signal) => tcp({ ...ctx, timings, signal }) },
    { timings: ctx.timings, signal: ctx.signal, info, where: `${host} port ${port}` },
  );
}
