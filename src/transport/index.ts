export { createConnectionPool } from './connection-pool.js';
export { classifyStaleError, describeStale, isReplayable } from './stale-connection.js';
export type { ConnectionPool, ConnectionRequest, ConnectLimit, Acquired } from './connection-pool.js';
export type { ConnectOptions, ConnectTarget, ProxyHop, ProxyScheme, ResolveOverride, TlsSettings } from './connect/index.js';
export type {
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
