// How a QUIC handshake ended → curl's exit code and a message that says what to do.
import { describe, expect, it } from 'vitest';
import { quicHandshakeError, quicTransportErrorName } from '../../../src/transport/connect/quic-errors.js';

const closed = (by: 'peer' | 'local' | 'idle-timeout', code: number, isApp = false, reason = '') => ({ by, isApp, code, reason });

describe('quicHandshakeError', () => {
  it.each([
    [closed('local', 0x100 + 48), 60, /SSL certificate problem: unknown_ca from h port 443 over QUIC \(trust its CA with --cacert FILE, or skip verification with -k\)/],
    [closed('local', 0x100 + 45), 60, /certificate_expired/],
    [closed('peer', 0x100 + 120), 35, /h port 443 does not speak HTTP\/3: the QUIC handshake found no common ALPN protocol \(h3\)/],
    [closed('peer', 0x100 + 40, false, 'no cipher'), 35, /QUIC TLS handshake with h port 443 failed: the server sent alert 40 \(handshake_failure\) \(no cipher\)/],
    [closed('peer', 0x2), 95, /the server closed the connection with CONNECTION_REFUSED/],
    [closed('peer', 0x101, true), 95, /application error 0x101/],
    [closed('idle-timeout', 0), 28, /QUIC handshake with h port 443 timed out: no answer over UDP/],
  ])('%o → exit %i', (info, exit, message) => {
    const err = quicHandshakeError(info, 'h', 443);
    expect(err.exitCode).toBe(exit);
    expect(err.message).toMatch(message);
  });

  it('a refused UDP port is curl\'s 7', () => {
    const socketError = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const err = quicHandshakeError({ by: 'socket', isApp: false, code: 0, reason: socketError.message, socketError }, 'h', 443);
    expect(err.exitCode).toBe(7);
    expect(err.message).toBe('Failed to connect to h port 443 over QUIC: Connection refused (nothing listens on that UDP port)');
  });

  it('names transport errors and TLS alerts', () => {
    expect(quicTransportErrorName(0xa)).toBe('PROTOCOL_VIOLATION');
    expect(quicTransportErrorName(0x100 + 42)).toBe('CRYPTO_ERROR(bad_certificate)');
    expect(quicTransportErrorName(0x1234)).toBe('0x1234');
  });
});
