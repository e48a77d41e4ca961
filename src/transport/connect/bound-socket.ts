// A TCP connection from a given local address and port range (--interface, --local-port): the addresses in
// order, each from the ports in order until one binds, as curl does. Node's Happy Eyeballs takes no local
// address, so a bound connect tries one address at a time.
import net from 'node:net';
import type { ResolvedAddress } from '../../trace/index.js';
import { bindError, isPortTaken, localPorts, type LocalAddresses } from './local-bind.js';
import type { LocalBind } from './connect-types.js';

/** One connect: the socket once connected, or its error (the socket destroyed); `track` sees it at once. */
export function connectOnce(options: net.NetConnectOpts, track: (s: net.Socket) => void = () => {}): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(options);
    track(socket);
    socket.once('error', (err) => {
      socket.destroy();
      reject(err);
    });
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
  });
}

export interface BoundConnect {
  readonly addresses: readonly ResolvedAddress[];
  readonly port: number;
  readonly local: LocalAddresses | undefined;
  readonly bind: LocalBind | undefined;
  readonly base: object;
  readonly signal: AbortSignal;
  /** Told of each socket as it is made, so an abort can destroy it. */
  readonly track: (socket: net.Socket) => void;
}

/**
 * Rejects with the bind error (curl's 45) when no port of the range could be bound, or else with the last
 * connect error. Only addresses of a family the local side has are tried (the caller checks there is one).
 */
export async function openBoundSocket(c: BoundConnect): Promise<net.Socket> {
  let last: unknown = new Error('no address to connect to');
  for (const a of c.addresses) {
    const localAddress = c.local?.[a.family];
    if (c.local && !localAddress) continue;
    let bindFailure: unknown;
    for (const localPort of localPorts(c.bind)) {
      if (c.signal.aborted) throw c.signal.reason;
      try {
        return await connectOnce({ ...c.base, host: a.address, port: c.port, family: a.family, localAddress, localPort } as net.TcpNetConnectOpts, c.track);
      } catch (err) {
        if ((err as { syscall?: string }).syscall === 'bind' || (localPort !== undefined && isPortTaken(err))) {
          bindFailure = err;
          continue;
        }
        last = err;
        bindFailure = undefined;
        break;
      }
    }
    if (bindFailure !== undefined) throw bindError(bindFailure);
  }
  throw last;
}
