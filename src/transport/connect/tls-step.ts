// tls step: TLS over the stream below with SNI, ALPN, certificate checks, --pinnedpubkey and the TLS knobs
// (versions, ciphers, CRL, client certificate formats); marks appconnect.
import { isIP } from 'node:net';
import tls, { type DetailedPeerCertificate, type TLSSocket } from 'node:tls';
import { QurlError, errorCode } from '../../errors/index.js';
import type { CertSummary } from '../../trace/index.js';
import { abortable } from './abortable.js';
import type { ConnectContext, ConnectStep, Endpoint, PeerCertificate, StepInfo, StepOutput, TlsSettings } from './connect-types.js';
import { SOCKET_READ_BUFFER } from './tcp-step.js';
import { toTlsError, verifyResultOf } from './tls-errors.js';
import { cipherError, cipherOption } from './tls-ciphers.js';
import { loadTlsMaterial } from './tls-files.js';
import { checkPinnedPubkey } from './tls-pin.js';
import { versionBounds } from './tls-versions.js';

function dn(entity: Record<string, unknown> | undefined): string {
  if (!entity) return '';
  return Object.entries(entity)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`)
    .join('; ');
}

function summarize(cert: tls.PeerCertificate): CertSummary | undefined {
  if (!cert || Object.keys(cert).length === 0) return undefined;
  return {
    subject: dn(cert.subject as unknown as Record<string, unknown>),
    issuer: dn(cert.issuer as unknown as Record<string, unknown>),
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    subjectAltName: cert.subjectaltname,
  };
}

function handshake(options: tls.ConnectionOptions): { socket: tls.TLSSocket; done: Promise<tls.TLSSocket> } {
  const socket = tls.connect(options);
  const done = new Promise<tls.TLSSocket>((resolve, reject) => {
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
    socket.once('close', () => reject(Object.assign(new Error('connection closed during the TLS handshake'), { code: 'ECONNRESET' })));
  });
  return { socket, done };
}

/**
 * tls.connect reads --cert and --key before any byte is sent, and throws OpenSSL's error (ERR_OSSL_*) for one
 * it cannot use: that is curl's 58, with OpenSSL's reason.
 */
function startHandshake(options: tls.ConnectionOptions, settings: TlsSettings): { socket: tls.TLSSocket; done: Promise<tls.TLSSocket> } {
  try {
    return handshake(options);
  } catch (err) {
    const reason = err instanceof Error ? ((err as { reason?: string }).reason ?? err.message) : String(err);
    const code = errorCode(err);
    if (code === 'ERR_SSL_NO_CIPHER_MATCH' && options.ciphers) throw cipherError(settings, err);
    if (options.crl && /CRL/.test(reason)) throw new QurlError('crl-file', `error loading CRL file: ${settings.crlFile ?? ''} (${reason})`, { cause: err });
    if (options.pfx) throw new QurlError('client-cert', `could not parse PKCS12 file, check password (--pass): ${reason}`, { cause: err });
    if (code?.startsWith('ERR_OSSL_') && options.cert) {
      throw new QurlError('client-cert', `unable to use the client certificate or key (--cert, --key): ${reason}`, { cause: err });
    }
    throw new QurlError('tls', `TLS setup failed: ${reason}`, { cause: err });
  }
}

/** curl's -v lines for the knobs given, before the handshake. */
function knobLines(settings: TlsSettings): string[] {
  return [
    ...(settings.ciphers !== undefined ? [`Cipher selection: ${settings.ciphers}`] : []),
    ...(settings.tls13Ciphers !== undefined ? [`TLS 1.3 cipher selection: ${settings.tls13Ciphers}`] : []),
    ...(settings.crlFile !== undefined ? [`  CRLfile: ${settings.crlFile}`] : []),
  ];
}

function checkPin(socket: tls.TLSSocket, pin: string, info: (message: string) => void): void {
  const spki = socket.getPeerX509Certificate()?.publicKey.export({ type: 'spki', format: 'der' });
  checkPinnedPubkey(spki ?? Buffer.alloc(0), pin, info);
}

/** TLS to `endpoint`: the origin, or an https:// proxy (then the step is named tls-proxy). */
export function createTlsStep(settings: TlsSettings, endpoint: Endpoint, name = 'tls'): ConnectStep {
  let socket: tls.TLSSocket | undefined;
  let info: StepInfo = {};
  return {
    name,
    endpoint,
    provides: new Set(['tls']),
    async connect(below, ctx: ConnectContext): Promise<StepOutput> {
      const host = endpoint.host;
      const servername = isIP(host) ? undefined : host;
      const material = loadTlsMaterial(settings);
      const note = (message: string): void => ctx.trace.emit({ type: 'info', source: name, connId: ctx.connId, message });
      ctx.trace.emit({
        type: 'tls', source: 'tls', connId: ctx.connId, phase: 'hello',
        servername, alpnOffered: settings.alpn, insecure: settings.insecure,
      });
      for (const line of knobLines(settings)) note(line);
      const ciphers = cipherOption(settings);
      const started = startHandshake({
        ...({ highWaterMark: SOCKET_READ_BUFFER } as object),
        socket: below.stream as never,
        host,
        servername,
        ALPNProtocols: [...settings.alpn],
        rejectUnauthorized: !settings.insecure,
        ca: material.ca,
        cert: material.cert,
        key: material.key,
        pfx: material.pfx,
        passphrase: material.passphrase,
        crl: material.crl,
        ...versionBounds(settings),
        ...(ciphers !== undefined && { ciphers }),
      }, settings);
      socket = started.socket;
      try {
        await abortable(started.done, ctx.signal, () => socket?.destroy());
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        throw toTlsError(err, host, endpoint.port);
      }
      socket.removeAllListeners('close');
      socket.removeAllListeners('error');
      socket.on('error', () => {});
      if (settings.pinnedPubkey !== undefined) checkPin(socket, settings.pinnedPubkey, note);
      const verifyError = socket.authorizationError ? String(socket.authorizationError) : undefined;
      const cipher = socket.getCipher();
      info = {
        alpn: socket.alpnProtocol || undefined,
        tlsVersion: socket.getProtocol() ?? undefined,
        cipher: cipher?.standardName ?? cipher?.name,
        sslVerifyResult: verifyResultOf(verifyError),
        peerCertificates: peerChainOf(socket),
      };
      ctx.timings.mark('appconnect');
      ctx.trace.emit({
        type: 'tls', source: 'tls', connId: ctx.connId, phase: 'done',
        servername, alpnOffered: settings.alpn, insecure: settings.insecure,
        protocol: info.tlsVersion, cipher: info.cipher, alpn: socket.alpnProtocol ?? false,
        cert: summarize(socket.getPeerCertificate()), verified: socket.authorized, verifyError,
      });
      return { stream: socket, addresses: below.addresses };
    },
    info: () => info,
    close() {
      socket?.destroy();
    },
  };
}

/** OpenSSL's one-line form of a name Node gives as fields: `CN = localhost, O = Example`. */
function oneLine(name: Record<string, string | string[]> | undefined): string {
  return Object.entries(name ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one) => `${k} = ${one}`)).join(', ');
}

function describeCertificate(c: DetailedPeerCertificate): PeerCertificate {
  const key = c as DetailedPeerCertificate & { asn1Curve?: string; nistCurve?: string; modulus?: string };
  return {
    subject: oneLine(c.subject as unknown as Record<string, string | string[]>),
    issuer: oneLine(c.issuer as unknown as Record<string, string | string[]>),
    serialNumber: c.serialNumber.toLowerCase(),
    validFrom: c.valid_from,
    validTo: c.valid_to,
    subjectAltName: c.subjectaltname || undefined,
    keyAlgorithm: key.modulus ? 'rsaEncryption' : key.asn1Curve || key.nistCurve ? 'id-ecPublicKey' : undefined,
    der: c.raw,
  };
}

/**
 * The chain the server sent, leaf first. Node completes it with the root from the trust store, which servers
 * do not send (RFC 8446 §4.4.2 lets them leave it out), so a self-signed last certificate after others is
 * left out: curl counts what came over the wire.
 */
function peerChainOf(socket: TLSSocket): () => readonly PeerCertificate[] {
  return () => {
    const chain: DetailedPeerCertificate[] = [];
    const seen = new Set<string>();
    for (let c: DetailedPeerCertificate | undefined = socket.getPeerCertificate(true); c?.raw && !seen.has(c.fingerprint256); c = c.issuerCertificate) {
      seen.add(c.fingerprint256);
      chain.push(c);
    }
    const last = chain.at(-1);
    if (chain.length > 1 && last && last.issuerCertificate?.fingerprint256 === last.fingerprint256) chain.pop();
    return chain.map(describeCertificate);
  };
}
