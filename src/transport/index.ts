export { createConnectionPool } from './connection-pool.js';
export { warmTransport } from './warm-transport.js';
export type { WarmPlan } from './warm-transport.js';
export { classifyStaleError, describeStale, isReplayable } from './stale-connection.js';
export { toBodyReadError } from './request-body-pump.js';
export { ConnectTimeout, tlsMaterialKey } from './connect/index.js';
export type { ConnectionPool, ConnectionRequest, ConnectLimit, Acquired } from './connection-pool.js';
export type {
  ConnectOptions,
  NameResolver,
  PeerCertificate,
  ConnectTarget,
  HaproxyOptions,
  LocalBind,
  ProxyHop,
  ProxyScheme,
  ResolveOverride,
  TcpTuning,
  TlsSettings,
  TlsVersion,
} from './connect/index.js';
export type {
  Http1Reading,
  HttpVersion,
  HttpVersionChoice,
  KeepaliveSettings,
  ProtocolConnection,
  RequestBody,
  RequestHead,
  ResponseHead,
  ResponseStream,
  StreamContext,
} from './protocol-connection.js';
// For qurl serve's HTTP/3 endpoint: the same QUIC driver, in the server role.
export { driveQuicConnection, loadQuicBinding, tuneQuicConfig } from './connect/index.js';
export type { DrivenQuicSession, QuicSession, StreamReader } from './connect/index.js';
export { H3_ERROR, typedStream } from './h3/index.js';
