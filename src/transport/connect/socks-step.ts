// socks step: SOCKS5 (RFC 1928/1929) or SOCKS4/4a handshake on the proxy connection, every read bounded by
// the connect timeout; returns the tunnel to the target.
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  SOCKS4_REPLIES, SOCKS5_NO_ACCEPTABLE, SOCKS5_REPLIES, SOCKS5_USER_PASS, socks4Connect, socks5Connect, socks5Greeting,
  socks5ReplyRest, socks5UserPass, SocksEncodeError, type SocksAddress,
} from '../../codec/index.js';
import { QurlError } from '../../errors/index.js';
import type { ConnectContext, ConnectStep, Endpoint, ProxyHop, StepOutput } from './connect-types.js';
import { resolveEndpoint } from './dns-step.js';
import { readExactly } from './read-exactly.js';

function fail(message: string): QurlError {
  return new QurlError('proxy', message);
}

async function targetAddress(proxy: ProxyHop, target: Endpoint, ctx: ConnectContext): Promise<SocksAddress> {
  const host = target.host;
  const literal = isIP(host);
  if (literal) return { kind: literal === 6 ? 'ipv6' : 'ipv4', host };
  if (proxy.scheme === 'socks5h' || proxy.scheme === 'socks4a') return { kind: 'domain', host };
  const [first] = await resolveEndpoint({ host, port: target.port }, ctx);
  return { kind: first!.family === 6 ? 'ipv6' : 'ipv4', host: first!.address };
}

async function socks5(stream: Duplex, proxy: ProxyHop, address: SocksAddress, port: number, ctx: ConnectContext): Promise<void> {
  const read = (n: number): Promise<Buffer> => readExactly(stream, n, ctx.signal, () => fail('SOCKS5: the proxy closed the connection during the handshake'));
  const withPassword = proxy.socksUser !== undefined;
  stream.write(socks5Greeting(withPassword));
  const [version, method] = await read(2);
  if (version !== 5) throw fail(`SOCKS5: the proxy answered with version ${version}, not 5`);
  if (method === SOCKS5_NO_ACCEPTABLE) throw fail(`SOCKS5: the proxy accepts none of our authentication methods${withPassword ? '' : ' (does it need -U USER:PASS?)'}`);
  if (method === SOCKS5_USER_PASS) {
    if (!withPassword) throw fail('SOCKS5: the proxy wants a user name and password: give them with -U USER:PASS');
    stream.write(socks5UserPass(proxy.socksUser!, proxy.socksPassword ?? ''));
    const [, status] = await read(2);
    if (status !== 0) throw fail('SOCKS5: the proxy rejected the user name and password');
  } else if (method !== 0) {
    throw fail(`SOCKS5: the proxy chose an authentication method qurl does not speak (0x${method!.toString(16)})`);
  }
  const how = address.kind === 'domain' ? 'remotely resolved' : 'locally resolved';
  ctx.trace.emit({ type: 'info', source: 'socks5', connId: ctx.connId, message: `SOCKS5 connect to ${address.host}:${port} (${how})` });
  stream.write(socks5Connect(address, port));
  const head = await read(5);
  if (head[0] !== 5) throw fail(`SOCKS5: malformed reply from the proxy (version ${head[0]})`);
  const rest = socks5ReplyRest(head);
  if (rest < 0) throw fail(`SOCKS5: malformed reply from the proxy (address type ${head[3]})`);
  await read(rest);
  if (head[1] !== 0) throw fail(`SOCKS5: ${SOCKS5_REPLIES[head[1]!] ?? 'unknown failure'} (reply ${head[1]})`);
  ctx.trace.emit({ type: 'info', source: 'socks5', connId: ctx.connId, message: 'SOCKS5 request granted.' });
}

async function socks4(stream: Duplex, proxy: ProxyHop, address: SocksAddress, port: number, ctx: ConnectContext): Promise<void> {
  if (address.kind === 'ipv6') throw fail('SOCKS4 cannot reach IPv6 addresses: use socks5://');
  ctx.trace.emit({ type: 'info', source: 'socks4', connId: ctx.connId, message: `SOCKS4 connect to ${address.host}:${port}` });
  stream.write(socks4Connect(address.kind === 'ipv4' ? address.host : null, address.host, port, proxy.socksUser ?? ''));
  const reply = await readExactly(stream, 8, ctx.signal, () => fail('SOCKS4: the proxy closed the connection during the handshake'));
  if (reply[0] !== 0) throw fail(`SOCKS4: malformed reply from the proxy (version byte ${reply[0]})`);
  if (reply[1] !== 0x5a) throw fail(`SOCKS4: ${SOCKS4_REPLIES[reply[1]!] ?? 'unknown reply'} (reply 0x${reply[1]!.toString(16)})`);
  ctx.trace.emit({ type: 'info', source: 'socks4', connId: ctx.connId, message: 'SOCKS4 request granted.' });
}

export function createSocksStep(proxy: ProxyHop, target: Endpoint): ConnectStep {
  let stream: Duplex | null = null;
  const isV5 = proxy.scheme === 'socks5' || proxy.scheme === 'socks5h';
  return {
    name: isV5 ? 'socks5' : 'socks4',
    endpoint: { host: proxy.host, port: proxy.port },
    provides: new Set(['proxy']),
    async connect(below: StepOutput, ctx: ConnectContext): Promise<StepOutput> {
      stream = below.stream!;
      const address = await targetAddress(proxy, target, ctx);
      try {
        await (isV5 ? socks5 : socks4)(stream, proxy, address, target.port, ctx);
      } catch (err) {
        // curl's 97 (CURLPX_LONG_USER, CURLPX_LONG_HOSTNAME) for what a SOCKS message cannot carry.
        if (err instanceof SocksEncodeError) throw fail(`SOCKS5: ${err.message}`);
        throw err;
      }
      // Left paused, with any bytes past the reply put back: the step above reads them (resume() here lost them).
      return { stream, addresses: below.addresses };
    },
    info: () => ({}),
    close() {
      stream?.destroy();
    },
  };
}
