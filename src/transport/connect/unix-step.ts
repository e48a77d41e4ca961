// unix step (--unix-socket, --abstract-unix-socket, gRPC's unix: addresses): a Unix domain socket in place of
// DNS and TCP; the URL's host still names the origin (Host, SNI). Marks namelookup and connect, as curl does.
import net from 'node:net';
import { QurlError, errorCode } from '../../errors/index.js';
import { abortable } from './abortable.js';
import { connectOnce } from './bound-socket.js';
import type { ConnectStep, Endpoint, StepOutput } from './connect-types.js';
import { SOCKET_READ_BUFFER } from './tcp-step.js';

const REASONS: Record<string, string> = {
  ENOENT: 'No such file or directory',
  ECONNREFUSED: 'Connection refused',
  EACCES: 'Permission denied',
  ENOTSOCK: 'Not a socket',
};

/** How curl shows the path: an abstract socket's leading NUL as '@'. */
export const shownSocketPath = (path: string): string => (path.startsWith('\0') ? `@${path.slice(1)}` : path);

function openUnixSocket(path: string): Promise<net.Socket> {
  return connectOnce({ path, readableHighWaterMark: SOCKET_READ_BUFFER } as net.IpcNetConnectOpts);
}

export function createUnixStep(path: string, origin: Endpoint): ConnectStep {
  let socket: net.Socket | undefined;
  const shown = shownSocketPath(path);
  return {
    name: 'unix',
    endpoint: origin,
    provides: new Set(),
    async connect(_below, ctx): Promise<StepOutput> {
      ctx.timings.mark('namelookup');
      ctx.trace.emit({ type: 'connect', source: 'unix', connId: ctx.connId, phase: 'trying', host: origin.host, address: shown, port: 0 });
      try {
        socket = await abortable(openUnixSocket(path), ctx.signal, () => socket?.destroy());
      } catch (err) {
        if (ctx.signal.aborted) throw err;
        const code = errorCode(err);
        const reason = (code && REASONS[code]) ?? (err instanceof Error ? err.message : String(err));
        throw new QurlError('connect', `Failed to connect to ${shown}: ${reason}`, { cause: err, context: { host: origin.host, port: origin.port, step: 'unix' } });
      }
      ctx.timings.mark('connect');
      ctx.trace.emit({ type: 'connect', source: 'unix', connId: ctx.connId, phase: 'connected', host: origin.host, address: shown, port: origin.port });
      return { stream: socket, addresses: [] };
    },
    info: () => ({}),
    close() {
      socket?.destroy();
    },
  };
}
