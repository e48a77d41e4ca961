// Maps Node's TLS verification codes to curl's exit codes (60 vs 35) and OpenSSL's X509_V_* numbers.
import { QurlError, errorCode } from '../../errors/index.js';

/** OpenSSL X509_V_ERR_* numbers, which curl prints as %{ssl_verify_result}. */
export const X509_VERIFY_RESULT: Readonly<Record<string, number>> = {
  UNABLE_TO_GET_ISSUER_CERT: 2,
  CERT_NOT_YET_VALID: 9,
  CERT_HAS_EXPIRED: 10,
  DEPTH_ZERO_SELF_SIGNED_CERT: 18,
  SELF_SIGNED_CERT_IN_CHAIN: 19,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 20,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 21,
  CERT_REVOKED: 23,
  CERT_UNTRUSTED: 27,
  CERT_REJECTED: 28,
  HOSTNAME_MISMATCH: 62,
  ERR_TLS_CERT_ALTNAME_INVALID: 62,
};

export function verifyResultOf(code: string | undefined): number {
  if (!code) return 0;
  return X509_VERIFY_RESULT[code] ?? 1;
}

export function toTlsError(err: unknown, host: string, port: number): QurlError {
  const code = errorCode(err);
  const detail = err instanceof Error ? err.message : String(err);
  const context = { host, port, step: 'tls' };
  if (code && code in X509_VERIFY_RESULT) {
    return new QurlError(
      'cert',
      `SSL certificate problem: ${detail} (trust its CA with --cacert FILE, or skip verification with -k)`,
      { cause: err, context },
    );
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return new QurlError('tls', `TLS connect error: connection reset by ${host}:${port} during the handshake`, { cause: err, context });
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
    return new QurlError('tls', `TLS connect error with ${host}:${port}: the server did not answer with TLS (wrong version number): is it plain HTTP? (try http://)`, { cause: err, context });
  }
  // OpenSSL's own text carries addresses and source paths; its reason is the part a person can act on.
  const reason = typeof err === 'object' && err !== null && typeof (err as { reason?: unknown }).reason === 'string' ? (err as { reason: string }).reason : detail;
  return new QurlError('tls', `TLS connect error with ${host}:${port}: ${reason}`, { cause: err, context });
}

/**
 * A TLS error after the handshake (an alert: the server wanted a client certificate, or gave up), as curl's 56
 * with OpenSSL's reason; null for an error that is not TLS's. h1 and h2 see such errors only as a closed socket.
 */
export function toTlsReceiveError(err: unknown): QurlError | null {
  const code = errorCode(err) ?? '';
  if (!code.startsWith('ERR_SSL_')) return null;
  const reason = (err as { reason?: string }).reason ?? (err instanceof Error ? err.message : String(err));
  const hint = code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED' ? ' (the server wants a client certificate: --cert and --key)' : '';
  return new QurlError('recv', `TLS error from the server while receiving: ${reason}${hint}`, { cause: err });
}
