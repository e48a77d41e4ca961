// h1-proxy step: asks an HTTP proxy for a tunnel with CONNECT (RFC 9110 §9.3.6) and hands the tunnel up.
import type { Duplex } from 'node:stream';
import { findHeadEnd, parseHttp1Head } from '../../codec/index.js';
import { QurlError } from '../../errors/index.js';
import { headerValues, redactCredentials } from '../../trace/index.js';
import { readUntil } from './read-exactly.js';
import type { ConnectContext, ConnectStep, Endpoint, ProxyHop, StepInfo, StepOutput } from './connect-types.js';

const MAX_REPLY_HEAD = 64 * 1024;

function authority(target: Endpoint): string {
  return target.host.includes(':') ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
}

/** The proxy's reply head; bytes after it belong to the tunnel and are put back. */
function readReplyHead(stream: Duplex, signal: AbortSignal): Promise<Buffer> {
  return readUntil(
    stream,
    (buf) => {
      const end = findHeadEnd(buf);
      if (end < 0 && buf.length > MAX_REPLY_HEAD) throw new QurlError('proxy', 'Proxy CONNECT aborted: the proxy sent a reply head larger than 64 KiB');
      return end;
    },
    signal,
    () => new QurlError('proxy', 'Proxy CONNECT aborted: the proxy closed the connection without a complete reply'),
  );
}

export function createHttpConnectStep(proxy: ProxyHop, target: Endpoint): ConnectStep {
  let info: StepInfo = {};
  let stream: Duplex | null = null;
  return {
    name: 'h1-proxy',
    endpoint: { host: proxy.host, port: proxy.port },
    provides: new Set(['proxy']),
    async connect(below: StepOutput, ctx: ConnectContext): Promise<StepOutput> {
      stream = below.stream!;
      const hostPort = authority(target);
      const defaults: [string, string][] = [['Host', hostPort]];
      if (proxy.authorization) defaults.push(['Proxy-Authorization', proxy.authorization]);
      if (proxy.userAgent) defaults.push(['User-Agent', proxy.userAgent]);
      defaults.push(['Proxy-Connection', 'Keep-Alive']);
      // As curl sends them: a --proxy-header of the same name replaces a default, and comes after the rest.
      const given = proxy.headers ?? [];
      const givenNames = new Set(given.map(([n]) => n.toLowerCase()));
      const fields = [...defaults.filter(([n]) => !givenNames.has(n.toLowerCase())), ...given.map(([n, v]): [string, string] => [n, v])];
      const version = proxy.http10 ? '1.0' : '1.1';
      const request = `CONNECT ${hostPort} HTTP/${version}\r\n${fields.map(([k, v]) => (v === '' ? `${k}:\r\n` : `${k}: ${v}\r\n`)).join('')}\r\n`;
      ctx.trace.emit({ type: 'info', source: 'h1-proxy', connId: ctx.connId, message: `Establish HTTP proxy tunnel to ${hostPort}` });
      const shown = redactCredentials(fields);
      ctx.trace.emit({ type: 'request-head', source: 'h1-proxy', connId: ctx.connId, method: 'CONNECT', target: hostPort, version, headers: shown });
      const bytes = Buffer.from(request, 'latin1');
      if (ctx.trace.wants('data')) ctx.trace.emit({ type: 'data', source: 'h1-proxy', connId: ctx.connId, direction: 'send', kind: 'header', bytes });
      stream.write(bytes);
      const raw = await readReplyHead(stream, ctx.signal);
      const head = parseHttp1Head(raw);
      // An HTTP/1.x proxy answers with an HTTP/1.x status line; "HTTP/2 200" is not one (curl refuses it too).
      const m = /^HTTP\/(1\.[01]) (\d{3})(?: (.*))?$/.exec(head.startLine);
      // curl treats a reply it cannot read as a failed CONNECT (56, "response 0"), not a broken handshake.
      if (!m) throw new QurlError('proxy-refused', `Proxy CONNECT aborted: the proxy's reply is not an HTTP/1.x status line ("${head.startLine.slice(0, 60)}")`);
      const status = Number(m[2]);
      info = { httpConnectCode: status };
      if (ctx.trace.wants('data')) ctx.trace.emit({ type: 'data', source: 'h1-proxy', connId: ctx.connId, direction: 'recv', kind: 'header', bytes: raw });
      ctx.trace.emit({ type: 'response-head', source: 'h1-proxy', connId: ctx.connId, version: m[1]!, status, statusText: m[3] ?? '', headers: head.fields, raw });
      if (status === 407) {
        const challenges = headerValues(head.fields, 'proxy-authenticate');
        const context = { host: proxy.host, port: proxy.port, step: 'h1-proxy', proxyAuthenticate: challenges };
        const wants = challenges.join(', ') || 'an unnamed scheme';
        const message = proxy.authorization
          ? `CONNECT tunnel failed, response 407: the proxy refused the credentials (it wants ${wants})`
          : `Proxy CONNECT aborted: the proxy wants authentication (${wants}); give it with -U USER:PASS or -x scheme://USER:PASS@host`;
        throw new QurlError('proxy-refused', message, { context });
      }
      if (status < 200 || status > 299) {
        throw new QurlError('proxy-refused', `CONNECT tunnel failed, response ${status}${m[3] ? ` ${m[3]}` : ''} from the proxy ${proxy.host}:${proxy.port}`, { context: { host: proxy.host, port: proxy.port, step: 'h1-proxy' } });
      }
      // Left paused, with any bytes past the reply put back: the step above reads them (resume() here lost them).
      return { stream, addresses: below.addresses };
    },
    info: () => info,
    close() {
      stream?.destroy();
    },
  };
}
