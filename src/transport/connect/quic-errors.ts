// Turns how a QUIC handshake ended into curl's exit codes: refused 7, certificate 60, other TLS 35, timeout 28.
import { QurlError } from '../../errors/index.js';
import type { QuicCloseInfo } from './quic-driver.js';

/** TLS alerts (RFC 8446 §6) that QUIC carries as CRYPTO_ERROR 0x100 + alert (RFC 9001 §4.8). */
const TLS_ALERTS: Readonly<Record<number, string>> = {
  10: 'unexpected_message', 40: 'handshake_failure', 42: 'bad_certificate', 43: 'unsupported_certificate',
  44: 'certificate_revoked', 45: 'certificate_expired', 46: 'certificate_unknown', 47: 'illegal_parameter',
  48: 'unknown_ca', 49: 'access_denied', 50: 'decode_error', 51: 'decrypt_error', 70: 'protocol_version',
  71: 'insufficient_security', 80: 'internal_error', 109: 'missing_extension', 112: 'unrecognized_name',
  116: 'certificate_required', 120: 'no_application_protocol',
};
const CERTIFICATE_ALERTS = new Set([42, 43, 44, 45, 46, 48]);

/** RFC 9000 §20.1 transport error codes. */
const TRANSPORT_ERRORS = [
  'NO_ERROR', 'INTERNAL_ERROR', 'CONNECTION_REFUSED', 'FLOW_CONTROL_ERROR', 'STREAM_LIMIT_ERROR', 'STREAM_STATE_ERROR',
  'FINAL_SIZE_ERROR', 'FRAME_ENCODING_ERROR', 'TRANSPORT_PARAMETER_ERROR', 'CONNECTION_ID_LIMIT_ERROR',
  'PROTOCOL_VIOLATION', 'INVALID_TOKEN', 'APPLICATION_ERROR', 'CRYPTO_BUFFER_EXCEEDED', 'KEY_UPDATE_ERROR',
  'AEAD_LIMIT_REACHED', 'NO_VIABLE_PATH',
];

export function quicTransportErrorName(code: number): string {
  if (code >= 0x100 && code <= 0x1ff) return `CRYPTO_ERROR(${TLS_ALERTS[code - 0x100] ?? `alert ${code - 0x100}`})`;
  return TRANSPORT_ERRORS[code] ?? `0x${code.toString(16)}`;
}

const SOCKET_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'Connection refused (nothing listens on that UDP port)',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
};

/** The error for a QUIC connection that ended before its handshake completed. */
export function quicHandshakeError(info: QuicCloseInfo, host: string, port: number): QurlError {
  const context = { host, port, step: 'quic' };
  const where = `${host} port ${port}`;
  if (info.by === 'socket') {
    const code = info.socketError?.code ?? '';
    return new QurlError('connect', `Failed to connect to ${where} over QUIC: ${SOCKET_REASONS[code] ?? info.reason}`, { cause: info.socketError, context });
  }
  if (info.by === 'idle-timeout') {
    return new QurlError('timeout', `QUIC handshake with ${where} timed out: no answer over UDP`, { context });
  }
  const alert = !info.isApp && info.code >= 0x100 && info.code <= 0x1ff ? info.code - 0x100 : null;
  const reason = info.reason ? ` (${info.reason})` : '';
  if (alert !== null && info.by === 'local' && CERTIFICATE_ALERTS.has(alert)) {
    return new QurlError('cert', `SSL certificate problem: ${TLS_ALERTS[alert]} from ${where} over QUIC (trust its CA with --cacert FILE, or skip verification with -k)`, { context });
  }
  if (alert === 120) {
    return new QurlError('tls', `${where} does not speak HTTP/3: the QUIC handshake found no common ALPN protocol (h3)`, { context });
  }
  if (alert !== null) {
    const side = info.by === 'peer' ? 'the server sent' : 'qurl sent';
    return new QurlError('tls', `QUIC TLS handshake with ${where} failed: ${side} alert ${alert} (${TLS_ALERTS[alert] ?? 'unknown'})${reason}`, { context });
  }
  const side = info.by === 'peer' ? 'the server closed' : 'qurl closed';
  return new QurlError('h3', `QUIC handshake with ${where} failed: ${side} the connection with ${info.isApp ? `application error 0x${info.code.toString(16)}` : quicTransportErrorName(info.code)}${reason}`, { context });
}
