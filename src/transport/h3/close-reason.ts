// How an HTTP/3 connection ended, in words: who closed it and with which HTTP/3 or QUIC error.
import { http3ErrorName } from '../../codec/index.js';
import { quicTransportErrorName, type QuicCloseInfo } from '../connect/index.js';

export function describeClose(end: QuicCloseInfo): string {
  if (end.by === 'idle-timeout') return 'HTTP/3 connection timed out (QUIC idle timeout)';
  if (end.by === 'socket') return `HTTP/3 connection lost: ${end.reason}`;
  const how = end.isApp ? http3ErrorName(end.code) : quicTransportErrorName(end.code);
  return `HTTP/3 connection closed by ${end.by === 'peer' ? 'the server' : 'qurl'} with ${how}${end.reason ? ` (${end.reason})` : ''}`;
}
