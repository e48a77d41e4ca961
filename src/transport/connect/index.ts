export { planChain } from './plan-chain.js';
export { tlsMaterialKey } from './tls-material-key.js';
export { openSocket } from './tcp-step.js';
export { USER_READ_SIZE } from './user-reads.js';
export { ConnectTimeout, openChain, streamOf } from './open-chain.js';
export type {
  ConnectTarget,
  ConnectOptions,
  NameResolver,
  PeerCertificate,
  ConnectContext,
  ConnectStep,
  ConnectionChain,
  Endpoint,
  ProxyHop,
  ProxyScheme,
  ResolveOverride,
  StepInfo,
  TlsSettings,
  TlsVersion,
  LocalBind,
  TcpTuning,
  HaproxyOptions,
} from './connect-types.js';
export type { QuicSession, StreamReader, QuicCloseInfo } from './quic-driver.js';
export { quicTransportErrorName } from './quic-errors.js';
export { loadQuicBinding } from './quic-binding.js';
export { driveQuicConnection } from './quic-driver.js';
export { tuneQuicConfig } from './quic-client.js';
export type { DrivenQuicSession, QuicIo } from './quic-driver.js';
export { toTlsReceiveError } from './tls-errors.js';
