// openQuicSession: a client QUIC connection on its own connected UDP socket, and the transport parameters
// both roles use.
import { bindError } from './local-bind.js';
import type { HostPort, QuicBinding, QuicheConfig } from './quic-binding.js';
import { MAX_DATAGRAM, RECV_BUFFER, driveQuicConnection, type QuicSession } from './quic-driver.js';

export interface QuicSessionOptions {
  readonly remote: { readonly address: string; readonly family: 4 | 6; readonly port: number };
  /** SNI and the name quiche checks the certificate against; null for IP literals (checked by the caller). */
  readonly serverName: string | null;
  readonly verifyPeer: boolean;
  /** PEM trust store; quiche ignores the system store, so the caller passes it. */
  readonly caPem: string | null;
  readonly alpn: readonly string[];
  readonly idleTimeoutMs: number;
  /** PEM client certificate and key (--cert/--key). */
  readonly clientCert: { readonly cert: Uint8Array; readonly key: Uint8Array } | null;
  /** --interface (already resolved for the remote's family) and --local-port's range, in order. */
  readonly localAddress?: string;
  readonly localPorts?: readonly (number | undefined)[];
}

/** Transport parameters for either role: large windows (fast downloads), no migration, uni streams for HTTP/3. */
export function tuneQuicConfig(config: QuicheConfig, role: 'client' | 'server', alpn: readonly string[], idleTimeoutMs: number): void {
  config.setApplicationProtos([...alpn]);
  config.setMaxIdleTimeout(idleTimeoutMs);
  config.setMaxRecvUdpPayloadSize(RECV_BUFFER);
  config.setMaxSendUdpPayloadSize(MAX_DATAGRAM);
  config.setInitialMaxData(16 << 20);
  config.setInitialMaxStreamDataBidiLocal(4 << 20);
  config.setInitialMaxStreamDataBidiRemote(4 << 20);
  config.setInitialMaxStreamDataUni(1 << 20);
  // Only clients open request streams in HTTP/3.
  config.setInitialMaxStreamsBidi(role === 'server' ? 128 : 0);
  config.setInitialMaxStreamsUni(16);
  config.setMaxStreamWindow(16 << 20);
  config.setMaxConnectionWindow(32 << 20);
  config.setDisableActiveMigration(true);
}

type Dgram = typeof import('node:dgram');

function bindOnce(socket: import('node:dgram').Socket, address: string | undefined, port: number | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ address, port: port ?? 0 }, () => {
      socket.off('error', reject);
      resolve();
    });
  });
}

/** A UDP socket, bound first when --interface or --local-port asks (each port of the range in turn); curl's 45 when none binds. */
async function boundUdpSocket(dgram: Dgram, options: QuicSessionOptions): Promise<import('node:dgram').Socket> {
  const create = (): import('node:dgram').Socket => dgram.createSocket({ type: options.remote.family === 6 ? 'udp6' : 'udp4', recvBufferSize: 4 << 20 });
  if (options.localAddress === undefined && options.localPorts === undefined) return create();
  let failure: unknown;
  for (const port of options.localPorts ?? [undefined]) {
    const socket = create();
    try {
      await bindOnce(socket, options.localAddress, port);
      return socket;
    } catch (err) {
      socket.close();
      failure = err;
    }
  }
  throw bindError(failure);
}

/** A client connection on its own connected UDP socket (ICMP errors then reach us as socket errors). */
export async function openQuicSession(binding: QuicBinding, options: QuicSessionOptions): Promise<QuicSession> {
  // Loaded here, not at the top: transport's index re-exports this module, and a plain request needs neither.
  const [{ default: dgram }, { randomBytes }] = await Promise.all([import('node:dgram'), import('node:crypto')]);
  const socket = await boundUdpSocket(dgram, options);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.connect(options.remote.port, options.remote.address, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const address = socket.address();
  const local: HostPort = { host: address.address, port: address.port };
  const remote: HostPort = { host: options.remote.address, port: options.remote.port };

  const config = binding.Config.withBoringSslCtx(options.verifyPeer, false, options.caPem ? Buffer.from(options.caPem) : null,
    options.clientCert ? [options.clientCert.key] : null, options.clientCert ? [options.clientCert.cert] : null, null);
  tuneQuicConfig(config, 'client', options.alpn, options.idleTimeoutMs);
  const conn = binding.Connection.connect(options.serverName, randomBytes(20), local, remote, config);
  const session = driveQuicConnection(conn, {
    role: 'client',
    idleTimeoutMs: options.idleTimeoutMs,
    local,
    remote,
    send: (datagram) => socket.send(datagram),
    // Let the last CONNECTION_CLOSE datagram leave before the socket goes.
    onEnd: () => setImmediate(() => socket.close()),
  });
  // A connected socket hears only from the peer: one `from` for every datagram.
  socket.on('message', (msg) => session.receive(msg, remote));
  socket.on('error', (err) => session.fail(err));
  return session;
}

