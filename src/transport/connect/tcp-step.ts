// tcp step: connects to the resolved addresses (Happy Eyeballs via Node's autoSelectFamily), from --interface
// and --local-port when given, with curl's socket options (TCP_NODELAY, keepalive); marks connect.
import net from 'node:net';
import { QurlError, errorCode } from '../../errors/index.js';
import type { ResolvedAddress } from '../../trace/index.js';
import { abortable } from './abortable.js';
import type { ConnectStep, Endpoint, StepInfo, StepOutput } from './connect-types.js';
import { openBoundSocket } from './bound-socket.js';
import { resolveLocalAddresses } from './local-bind.js';
import { createUserReads, type UserReads } from './user-reads.js';

const DEFAULT_KEEPALIVE_MS = 60_000;

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'Connection refused',
  EHOSTUNREACH: 'No route to host',
  ENETUNREACH: 'Network is unreachable',
  ECONNRESET: 'Connection reset by peer',
  EADDRNOTAVAIL: 'Cannot assign requested address',
};

function firstCode(err: unknown): string | undefined {
  if (err instanceof AggregateError) {
    for (const e of err.errors) if (errorCode(e)) return errorCode(e);
  }
  return errorCode(err);
}

/**
 * Node's default (16 KiB) stops reading the socket after every 64 KiB chunk until the parser has taken it,
 * which costs an event-loop turn per chunk; a larger buffer keeps the kernel's data flowing.
 */
export const SOCKET_READ_BUFFER = 1 << 20;
/** Node accepts it but its types do not list it. */
const READ_BUFFER_OPTION: object = { readableHighWaterMark: SOCKET_READ_BUFFER };

/**
 * `onread`: the socket's reads go to a protocol that attaches to it instead of into its stream buffer.
 * `happyEyeballsMs`: how long one address runs alone before the next starts (Node takes 10 ms at least).
 */
export function openSocket(addresses: readonly ResolvedAddress[], port: number, onread?: net.OnReadOpts, happyEyeballsMs?: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const first = addresses[0]!;
    const reading = onread ? { onread } : READ_BUFFER_OPTION;
    const socket =
      addresses.length === 1
        ? net.connect({ ...reading, host: first.address, port, family: first.family })
        : net.connect({
            ...reading,
            // A name (not an IP) makes Node call our lookup and race the addresses (RFC 8305).
            host: 'qurl.invalid',
            port,
            autoSelectFamily: true,
            ...(happyEyeballsMs !== undefined && { autoSelectFamilyAttemptTimeout: Math.max(10, happyEyeballsMs) }),
            lookup: (_h, _o, cb) => (cb as (e: null, a: ResolvedAddress[]) => void)(null, [...addresses]),
          });
    const onError = (err: Error): void => {
      socket.destroy();
      reject(err);
    };
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      resolve(socket);
    });
  });
}

/** `userReads`: the socket is the chain's top (plain HTTP/1.x, no proxy), and its protocol reads it through UserReads. */
export function createTcpStep(endpoint: Endpoint, options: { userReads?: boolean } = {}): ConnectStep {
  let socket: net.Socket | undefined;
  let info: StepInfo = {};
  let reads: UserReads | undefined;
  return {
    name: 'tcp',
    endpoint,
    provides: new Set(['ip']),
    async connect(below, ctx): Promise<StepOutput> {
      const port = endpoint.port;
      for (const a of below.addresses) {
        ctx.trace.emit({ type: 'connect', source: 'tcp', connId: ctx.connId, phase: 'trying', host: endpoint.host, address: a.address, port });
        if (below.addresses.length > 1 && a.family !== below.addresses[0]!.family) break;
      }
      const bind = ctx.options.bind;
      const local = await resolveLocalAddresses(bind);
      const addresses = local ? below.addresses.filter((a) => local[a.family] !== undefined) : below.addresses;
      if (addresses.length === 0) {
        const families = below.addresses.map((a) => `IPv${a.family}`).filter((f, i, all) => all.indexOf(f) === i).join(' or ');
        throw new QurlError('connect', `Failed to connect to ${endpoint.host} port ${port}: --interface ${bind?.interface?.name ?? ''} has no ${families} address to connect from`, {
          context: { host: endpoint.host, port, step: 'tcp' },
        });
      }
      let attempt: net.Socket | undefined;
      try {
        const user = options.userReads ? createUserReads() : undefined;
        reads = user?.reads;
        const opening = bind
          ? openBoundSocket({
              addresses, port, local, bind, signal: ctx.signal,
              base: user?.onread ? { onread: user.onread } : READ_BUFFER_OPTION,
              track: (s) => (attempt = s),
            })
          : openSocket(addresses, port, user?.onread, ctx.options.tcp?.happyEyeballsMs);
        socket = await abortable(opening, ctx.signal, () => (socket ?? attempt)?.destroy());
      } catch (err) {
        if (ctx.signal.aborted || err instanceof QurlError) throw err;
        const code = firstCode(err);
        const where = below.addresses.length === 1 ? below.addresses[0]!.address : endpoint.host;
        const reason = (code && REASONS[code]) ?? (err instanceof Error ? err.message : String(err));
        throw new QurlError('connect', `Failed to connect to ${where} port ${port}: ${reason}`, {
          cause: err,
          context: { host: endpoint.host, port, step: 'tcp' },
        });
      }
      const tuning = ctx.options.tcp;
      socket.setNoDelay(tuning?.noDelay ?? true);
      // curl's default: probes after 60 s idle (--keepalive-time, --no-keepalive).
      const keepaliveMs = tuning ? tuning.keepaliveMs : DEFAULT_KEEPALIVE_MS;
      if (keepaliveMs !== null) socket.setKeepAlive(true, keepaliveMs);
      info = {
        remoteAddress: socket.remoteAddress,
        remotePort: socket.remotePort,
        localAddress: socket.localAddress,
        localPort: socket.localPort,
      };
      ctx.timings.mark('connect');
      ctx.trace.emit({
        type: 'connect',
        source: 'tcp',
        connId: ctx.connId,
        phase: 'connected',
        host: endpoint.host,
        address: info.remoteAddress ?? '',
        port: info.remotePort ?? port,
        localAddress: info.localAddress,
        localPort: info.localPort,
      });
      return { stream: socket, addresses: below.addresses, reads };
    },
    info: () => info,
    close() {
      socket?.destroy();
    },
  };
}
