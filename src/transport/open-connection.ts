// openConnection: the chain for a request and the protocol on top: h1 or h2 over TCP by ALPN or prior
// knowledge, or h3 over QUIC for --http3/--http3-only, with --http3's fallback to TCP.
import { QurlError } from '../errors/index.js';
import { openChain, planChain, type ConnectionChain } from './connect/index.js';
import type { ConnectionRequest } from './connection-pool.js';
import { createHttp1Connection } from './h1/index.js';
import type { ProtocolConnection } from './protocol-connection.js';

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

/** How long --http3 waits for a QUIC handshake before it falls back to TCP (UDP may be blocked on the way). */
const H3_ATTEMPT_MS = 1500;

type ChainContext = Parameters<typeof openChain>[1];


/** HTTP/3 over QUIC; --http3 falls back to TCP when it fails, --http3-only does not. Says why in -v. */
export async function openConnection(request: ConnectionRequest, ctx: ChainContext): Promise<ProtocolConnection> {
  const tcp = async (): Promise<ProtocolConnection> => speak(await openChain(await planChain(request.target, request.options), ctx), request, ctx.signal);
  if (request.version !== '3' && request.version !== '3-only') return tcp();
  const { host, port } = request.target;
  if (request.scheme !== 'https') {
    if (request.version === '3-only') throw new QurlError('bad-url', 'HTTP/3 requested for non-HTTPS URL (HTTP/3 exists only for https://)');
    return tcp();
  }
  const proxy = request.options.proxy;
  if (proxy) {
    const kind = proxy.scheme.startsWith('socks') ? 'a SOCKS proxy' : 'an HTTP proxy';
    if (request.version === '3-only') throw new QurlError('bad-url', `HTTP/3 is not supported over ${kind}: its tunnel carries TCP only (drop --http3-only, or the proxy with --noproxy '*')`);
    request.trace.emit({ type: 'info', source: 'pool', message: `HTTP/3 is not supported over ${kind}: using TCP through the proxy instead (--http3)` });
    return tcp();
  }
  const attempt = request.version === '3' ? AbortSignal.any([ctx.signal, AbortSignal.timeout(H3_ATTEMPT_MS)]) : ctx.signal;
  try {
    const chain = await openChain(await planChain(request.target, { ...request.options, transport: 'quic' }), { ...ctx, signal: attempt });
    const { createHttp3Connection } = await import('./h3/index.js');
    return createHttp3Connection(chain, { trace: request.trace });
  } catch (err) {
    if (request.version === '3-only' || ctx.signal.aborted || !(err instanceof QurlError)) throw err;
    const why = attempt.aborted ? `no QUIC handshake within ${H3_ATTEMPT_MS} ms` : err.message;
    request.trace.emit({ type: 'info', source: 'pool', message: `HTTP/3 to ${host} port ${port} failed (${why}): falling back to TCP (--http3)` });
    return tcp();
  }
}
