// The informational text curl prints for an event (`* ` lines in -v, `== Info:` in --trace); shared by both views.
import type { TraceEvent } from '../trace/index.js';

function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function tlsLines(e: Extract<TraceEvent, { type: 'tls' }>): string[] {
  if (e.phase === 'hello') return [`ALPN: offers ${e.alpnOffered.join(',')}`];
  // QUIC's TLS (quiche) does not report its cipher; leave it out rather than print a guess.
  const lines = [e.cipher ? `SSL connection using ${e.protocol ?? '?'} / ${e.cipher}` : `SSL connection using ${e.protocol ?? '?'}${e.source === 'quic' ? ' (QUIC)' : ''}`];
  lines.push(e.alpn ? `ALPN: server accepted ${e.alpn}` : 'ALPN: server did not agree on a protocol. Uses default.');
  if (e.cert) {
    lines.push('Server certificate:');
    lines.push(` subject: ${e.cert.subject}`);
    lines.push(` start date: ${e.cert.validFrom}`);
    lines.push(` expire date: ${e.cert.validTo}`);
    if (e.cert.subjectAltName) lines.push(` subjectAltName: ${e.cert.subjectAltName}`);
    lines.push(` issuer: ${e.cert.issuer}`);
  }
  if (e.verified) lines.push(' SSL certificate verify ok.');
  else lines.push(` SSL certificate verify result: ${e.verifyError ?? 'unknown'}${e.insecure ? ', continuing anyway.' : ''}`);
  return lines;
}

/** Info lines for an event, or [] when the event is not informational (heads and data have their own layout). */
export function describeEvent(e: TraceEvent): string[] {
  switch (e.type) {
    case 'dns':
      return e.how === 'literal' ? [] : [`Host ${e.host} was resolved${e.how === 'cache' ? ' (cached)' : e.how === 'resolve-option' ? ' (--resolve)' : e.how === 'doh' ? ' (DoH)' : ''}.`,
        ...e.addresses.map((a) => `IPv${a.family}: ${a.address}`)];
    case 'connect':
      return e.phase === 'trying'
        ? [`  Trying ${hostPort(e.address, e.port)}...`]
        : [`Connected to ${e.host} (${e.address}) port ${e.port} (#${e.connId ?? 0})`];
    case 'tls':
      return tlsLines(e);
    case 'redirect':
      return [`Issue another request to this URL: '${e.to}'`];
    case 'retry':
      return [`Retrying: ${e.reason}`];
    case 'info':
      return [e.message];
    case 'request-head':
    case 'response-head':
    case 'data':
    case 'frame':
    case 'h3-frame':
    case 'trailers':
    case 'timing':
    case 'grpc-message':
    case 'grpc-status':
      return [];
    default: {
      const never: never = e;
      return never;
    }
  }
}
