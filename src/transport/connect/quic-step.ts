// quic step: a QUIC connection over UDP with TLS 1.3 inside (RFC 9000/9001); marks connect and appconnect
// when the handshake completes, as curl does for HTTP/3. It provides no byte stream: h3 drives the session.
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { QurlError } from '../../errors/index.js';
import { now, type CertSummary } from '../../trace/index.js';
import { abortable } from './abortable.js';
import type { ConnectContext, ConnectStep, Endpoint, StepInfo, StepOutput, TlsSettings } from './connect-types.js';
import { loadQuicBinding } from './quic-binding.js';
import { quicHandshakeError } from './quic-errors.js';
import { openQuicSession } from './quic-client.js';
import type { QuicCloseInfo, QuicSession } from './quic-driver.js';
import { loadTlsMaterial } from './tls-files.js';

const ALPN = ['h3'];

/** Without traffic a QUIC connection ends after this (RFC 9000 §10.1); HTTP/3 keeps it busy while it is used. */
const IDLE_TIMEOUT_MS = 30_000;

function summarize(der: Uint8Array | undefined): CertSummary | undefined {
  if (!der) return undefined;
  const cert = new X509Certificate(der);
  const dn = (text: string): string => text.split('\n').join('; ');
  return { subject: dn(cert.subject), issuer: dn(cert.issuer), validFrom: cert.validFrom, validTo: cert.validTo, subjectAltName: cert.subjectAltName };
}

/** quiche refuses IP literals as server names, so for those the leaf's IP SANs are checked here. */
function checkIpCertificate(session: QuicSession, ip: string, port: number): void {
  const leaf = session.peerCertChain()[0];
  if (leaf && new X509Certificate(leaf).checkIP(ip)) return;
  throw new QurlError('cert', `SSL: no alternative certificate subject name matches target ipaddress '${ip}' (QUIC to ${ip} port ${port}; use the certificate's name, or -k)`, {
    context: { host: ip, port, step: 'quic' },
  });
}

export function createQuicStep(settings: TlsSettings, endpoint: Endpoint, connectTo: Endpoint): ConnectStep {
  let session: QuicSession | undefined;
  let info: StepInfo = {};
  return {
    name: 'quic',
    endpoint: connectTo,
    provides: new Set(['ip', 'tls', 'multiplex']),
    async connect(below, ctx: ConnectContext): Promise<StepOutput> {
      const binding = loadQuicBinding();
      const host = endpoint.host;
      const port = connectTo.port;
      const material = loadTlsMaterial(settings);
      const serverName = isIP(host) ? null : host;
      ctx.trace.emit({ type: 'tls', source: 'quic', connId: ctx.connId, phase: 'hello', servername: serverName ?? undefined, alpnOffered: ALPN, insecure: settings.insecure });
      // Addresses in order; the next one only when this one refused outright (a silent one uses up the timeout).
      for (const [i, remote] of below.addresses.entries()) {
        ctx.trace.emit({ type: 'connect', source: 'quic', connId: ctx.connId, phase: 'trying', host: connectTo.host, address: remote.address, port });
        try {
          session = await abortable(
            openQuicSession(binding, {
              remote: { address: remote.address, family: remote.family, port },
              serverName,
              verifyPeer: !settings.insecure,
              caPem: (material.ca ?? rootCertificates).join('\n'),
              alpn: ALPN,
              idleTimeoutMs: IDLE_TIMEOUT_MS,
              clientCert: material.cert && material.key ? { cert: material.cert, key: material.key } : null,
            }),
            ctx.signal,
          );
          await abortable(session.established, ctx.signal, () => session?.close(false, 0, 'connect timeout'));
          break;
        } catch (err) {
          if (ctx.signal.aborted || err instanceof QurlError) throw err;
          const error = err instanceof Error
            ? new QurlError('connect', `Failed to connect to ${remote.address} port ${port} over QUIC: ${err.message}`, { cause: err })
            : quicHandshakeError(err as QuicCloseInfo, connectTo.host, port);
          if (error.kind !== 'connect' || i === below.addresses.length - 1) throw error;
        }
      }
      if (!session) throw new Error('quic step: no address to connect to');
      if (serverName === null && !settings.insecure) checkIpCertificate(session, host, port);
      info = {
        remoteAddress: session.remote.host,
        remotePort: session.remote.port,
        localAddress: session.local.host,
        localPort: session.local.port,
        alpn: session.alpn(),
        tlsVersion: 'TLSv1.3',
        sslVerifyResult: 0,
      };
      const handshakeDone = now();
      ctx.timings.mark('connect', handshakeDone);
      ctx.timings.mark('appconnect', handshakeDone);
      ctx.trace.emit({
        type: 'connect', source: 'quic', connId: ctx.connId, phase: 'connected', host: connectTo.host,
        address: session.remote.host, port, localAddress: session.local.host, localPort: session.local.port,
      });
      ctx.trace.emit({
        type: 'tls', source: 'quic', connId: ctx.connId, phase: 'done', servername: serverName ?? undefined, alpnOffered: ALPN,
        insecure: settings.insecure, protocol: 'TLSv1.3', alpn: info.alpn || false, cert: summarize(session.peerCertChain()[0]), verified: !settings.insecure,
      });
      return { stream: null, quic: session, addresses: below.addresses };
    },
    info: () => info,
    close() {
      session?.close(true, 0x100, '');
    },
  };
}
