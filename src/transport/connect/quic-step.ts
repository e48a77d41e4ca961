// quic step: a QUIC connection over UDP with TLS 1.3 inside (RFC 9000/9001); marks connect and appconnect
// when the handshake completes, as curl does for HTTP/3. It provides no byte stream: h3 drives the session.
// --pinnedpubkey, --interface and --local-port apply; what QUIC's TLS cannot honour is refused.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { QurlError } from '../../errors/index.js';
import { now, type CertSummary } from '../../trace/index.js';
import { abortable } from './abortable.js';
import type { ConnectContext, ConnectOptions, ConnectStep, Endpoint, StepInfo, StepOutput, TlsSettings } from './connect-types.js';
import { localPorts, resolveLocalAddresses } from './local-bind.js';
import { loadQuicBinding } from './quic-binding.js';
import { quicHandshakeError } from './quic-errors.js';
import { openQuicSession } from './quic-client.js';
import type { QuicCloseInfo, QuicSession } from './quic-driver.js';
import { loadTlsMaterial, type TlsMaterial } from './tls-files.js';
import { checkPinnedPubkey } from './tls-pin.js';

const ALPN = ['h3'];

/** Without traffic a QUIC connection ends after this (RFC 9000 §10.1); HTTP/3 keeps it busy while it is used. */
const IDLE_TIMEOUT_MS = 30_000;

function summarize(der: Uint8Array | undefined): CertSummary | undefined {
  if (!der) return undefined;
  const cert = new X509Certificate(der);
  const dn = (text: string): string => text.split('\n').join('; ');
  return { subject: dn(cert.subject), issuer: dn(cert.issuer), validFrom: cert.validFrom, validTo: cert.validTo, subjectAltName: cert.subjectAltName };
}

function checkQuicPin(session: QuicSession, pin: string, info: (message: string) => void): void {
  const leaf = session.peerCertChain()[0];
  const spki = leaf ? new X509Certificate(leaf).publicKey.export({ type: 'spki', format: 'der' }) : Buffer.alloc(0);
  checkPinnedPubkey(spki, pin, info);
}

/** quiche refuses IP literals as server names, so for those the leaf's IP SANs are checked here. */
function checkIpCertificate(session: QuicSession, ip: string, port: number): void {
  const leaf = session.peerCertChain()[0];
  if (leaf && new X509Certificate(leaf).checkIP(ip)) return;
  throw new QurlError('cert', `SSL: no alternative certificate subject name matches target ipaddress '${ip}' (QUIC to ${ip} port ${port}; use the certificate's name, or -k)`, {
    context: { host: ip, port, step: 'quic' },
  });
}

/** What QUIC's TLS (quiche's BoringSSL) cannot do: an error rather than a silently weaker connection. */
function refuseUnsupported(settings: TlsSettings, options: ConnectOptions): void {
  if (settings.maxVersion && settings.maxVersion !== 'TLSv1.3') throw new QurlError('tls', 'QUIC needs at least TLS version 1.3 (--tls-max)');
  if (options.haproxy) throw new QurlError('unsupported-protocol', 'haproxy protocol not supported with QUIC (--haproxy-protocol needs TCP: drop --http3-only)');
  const unsupported = (what: string): QurlError => new QurlError('not-built-in', `${what} is not supported over HTTP/3 (QUIC's TLS stack takes none): drop --http3-only`);
  if (settings.tls13Ciphers !== undefined) throw unsupported('--tls13-ciphers');
  if (settings.crlFile !== undefined) throw unsupported('--crlfile');
  if (settings.certType === 'P12') throw unsupported('a P12 client certificate (--cert-type P12)');
}

/** The PEM certificate and key quiche loads; an encrypted key is decrypted here with --pass. */
function quicClientCert(material: TlsMaterial): { cert: Uint8Array; key: Uint8Array } | null {
  if (!material.cert || !material.key) return null;
  const key = material.passphrase
    ? (createPrivateKey({ key: material.key, format: 'pem', passphrase: material.passphrase }).export({ type: 'pkcs8', format: 'pem' }) as string)
    : material.key;
  return { cert: Buffer.from(material.cert), key: Buffer.from(key) };
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
      refuseUnsupported(settings, ctx.options);
      const material = loadTlsMaterial(settings);
      const clientCert = quicClientCert(material);
      const local = await resolveLocalAddresses(ctx.options.bind);
      const ports = ctx.options.bind?.ports ? localPorts(ctx.options.bind) : undefined;
      const serverName = isIP(host) ? null : host;
      ctx.trace.emit({ type: 'tls', source: 'quic', connId: ctx.connId, phase: 'hello', servername: serverName ?? undefined, alpnOffered: ALPN, insecure: settings.insecure });
      // Addresses in order; the next one only when this one refused outright (a silent one uses up the timeout).
      const addresses = local ? below.addresses.filter((a) => local[a.family] !== undefined) : below.addresses;
      if (addresses.length === 0) throw new QurlError('connect', `Failed to connect to ${connectTo.host} port ${port} over QUIC: --interface has no address of its family to connect from`);
      for (const [i, remote] of addresses.entries()) {
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
              clientCert,
              localAddress: local?.[remote.family],
              localPorts: ports,
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
          if (error.kind !== 'connect' || i === addresses.length - 1) throw error;
        }
      }
      if (!session) throw new Error('quic step: no address to connect to');
      if (serverName === null && !settings.insecure) checkIpCertificate(session, host, port);
      if (settings.pinnedPubkey !== undefined) checkQuicPin(session, settings.pinnedPubkey, (message) => ctx.trace.emit({ type: 'info', source: 'quic', connId: ctx.connId, message }));
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
