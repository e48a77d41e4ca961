// haproxy step (--haproxy-protocol, --haproxy-clientip): writes a PROXY protocol v1 line first on the stream
// below — above any proxy tunnel, below TLS, as curl places it — and hands the same stream on.
import { isIPv6 } from 'node:net';
import type { Socket } from 'node:net';
import type { ConnectStep, HaproxyOptions, StepOutput } from './connect-types.js';

/** The line for a socket: TCP4/TCP6 by the connection's family; UNKNOWN without addresses (a Unix socket). */
export function proxyLine(socket: Partial<Pick<Socket, 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort'>>, options: HaproxyOptions): string {
  const { localAddress, localPort, remoteAddress, remotePort } = socket;
  if (!remoteAddress || !localAddress) return 'PROXY UNKNOWN\r\n';
  const family = isIPv6(remoteAddress) ? 'TCP6' : 'TCP4';
  return `PROXY ${family} ${options.clientIp ?? localAddress} ${remoteAddress} ${localPort ?? 0} ${remotePort ?? 0}\r\n`;
}

export function createHaproxyStep(options: HaproxyOptions): ConnectStep {
  return {
    name: 'haproxy',
    provides: new Set(),
    async connect(below, ctx): Promise<StepOutput> {
      const stream = below.stream as (Socket & NodeJS.WritableStream) | null;
      if (!stream) throw new Error('haproxy step: no stream below');
      const line = proxyLine(stream, options);
      stream.write(line);
      ctx.trace.emit({ type: 'info', source: 'haproxy', connId: ctx.connId, message: `HAProxy: ${line.trimEnd()}` });
      return below;
    },
    info: () => ({}),
    close() {},
  };
}
