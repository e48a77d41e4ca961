// The native QUIC binding (quiche 0.18 inside @matrixai/quic-linux-x64), behind the few calls qurl makes,
// so it can be replaced without touching the driver. Loaded only when a command needs HTTP/3.
import { createRequire } from 'node:module';
import { QurlError } from '../../errors/index.js';

export interface HostPort {
  host: string;
  port: number;
}

export interface QuicheConnectionError {
  isApp: boolean;
  errorCode: number;
  reason: Uint8Array;
}

export interface QuicheConfig {
  setApplicationProtos(protos: string[]): void;
  setMaxIdleTimeout(ms: number): void;
  setMaxRecvUdpPayloadSize(size: number): void;
  setMaxSendUdpPayloadSize(size: number): void;
  setInitialMaxData(v: number): void;
  setInitialMaxStreamDataBidiLocal(v: number): void;
  setInitialMaxStreamDataBidiRemote(v: number): void;
  setInitialMaxStreamDataUni(v: number): void;
  setInitialMaxStreamsBidi(v: number): void;
  setInitialMaxStreamsUni(v: number): void;
  setMaxStreamWindow(v: number): void;
  setMaxConnectionWindow(v: number): void;
  setDisableActiveMigration(v: boolean): void;
  grease(v: boolean): void;
}

export interface QuicheConnection {
  recv(data: Uint8Array, info: { from: HostPort; to: HostPort }): number;
  send(data: Uint8Array): [number, unknown] | null;
  streamRecv(streamId: number, data: Uint8Array): [number, boolean] | null;
  streamSend(streamId: number, data: Uint8Array, fin: boolean): number | null;
  streamShutdown(streamId: number, direction: 0 | 1, err: number): void | null;
  readable(): Iterable<number>;
  timeout(): number | null;
  onTimeout(): void;
  close(app: boolean, err: number, reason: Uint8Array): void | null;
  applicationProto(): Uint8Array;
  peerCertChain(): Uint8Array[] | null;
  isEstablished(): boolean;
  isClosed(): boolean;
  isTimedOut(): boolean;
  isDraining(): boolean;
  peerError(): QuicheConnectionError | null;
  localError(): QuicheConnectionError | null;
  stats(): { sent: number; recv: number; lost: number; sentBytes: number; recvBytes: number; peerMaxIdleTimeout: number };
  /** Queues a PING so the peer acknowledges something (keeps an idle connection alive). */
  sendAckEliciting(): void;
}

export interface QuicBinding {
  Config: {
    withBoringSslCtx(verifyPeer: boolean, verifyAllowFail: boolean, ca?: Uint8Array | null, key?: Uint8Array[] | null, cert?: Uint8Array[] | null, sigalgs?: string | null): QuicheConfig;
  };
  Connection: {
    connect(serverName: string | null, scid: Uint8Array, local: HostPort, remote: HostPort, config: QuicheConfig): QuicheConnection;
    accept(scid: Uint8Array, odcid: Uint8Array | null, local: HostPort, remote: HostPort, config: QuicheConfig): QuicheConnection;
  };
  Header: {
    /** Parses a packet's header; `type` 0 is Initial (throws on garbage). */
    fromSlice(data: Uint8Array, dcidLength: number): { ty: number; version: number; dcid: Uint8Array; scid: Uint8Array };
  };
}

/**
 * The application error code of a stream the peer reset (RESET_STREAM / STOP_SENDING), from the error
 * streamRecv threw: quiche's binding reports it only in its message, as `StreamReset(code)`. Null for others.
 */
export function streamResetCode(err: unknown): number | null {
  const match = /StreamReset\((\d+)\)/.exec(err instanceof Error ? err.message : String(err));
  return match ? Number(match[1]) : null;
}

const PACKAGE = '@matrixai/quic-linux-x64';
declare const require: NodeRequire | undefined;
let binding: QuicBinding | undefined;

/** The binding, or a QurlError('not-built-in') saying why HTTP/3 is unavailable on this machine. */
export function loadQuicBinding(): QuicBinding {
  if (binding) return binding;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new QurlError('not-built-in', `HTTP/3 is not available on ${process.platform}-${process.arch}: its QUIC binding (${PACKAGE}) exists for Linux x64 only`);
  }
  try {
    const load = typeof require === 'function' ? require : createRequire(import.meta.url);
    binding = load(PACKAGE) as QuicBinding;
    return binding;
  } catch (err) {
    throw new QurlError('not-built-in', `HTTP/3 is not available: the QUIC binding ${PACKAGE} did not load (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); reinstall qurl on Linux x64 with glibc 2.34 or newer`, { cause: err });
  }
}
