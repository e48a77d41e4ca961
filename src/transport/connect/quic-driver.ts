// driveQuicConnection: one QUIC connection, client or server, run with quiche's raw binding. The service loop
// runs once per event-loop turn (setImmediate), not per datagram: flushing per datagram measured ~10× slower.
// Streams are byte pipes with write queues (quiche may take only part of a write) and a per-stream pause,
// so a slow body consumer holds back QUIC flow control instead of buffering.
import { streamResetCode, type HostPort, type QuicheConnection, type QuicheConnectionError } from './quic-binding.js';

export const MAX_DATAGRAM = 1350;
export const RECV_BUFFER = 64 * 1024;

export interface StreamReader {
  /** A chunk of the stream in order; `fin` on the last one. The chunk is the reader's to keep. */
  onData(chunk: Uint8Array, fin: boolean): void;
  /** The peer reset the stream (with its code), or the connection ended first (`closed` says how). */
  onError(message: string, code: number | null, closed?: QuicCloseInfo): void;
}

/** Why the connection ended: who closed it, with which code, or that it timed out or the socket failed. */
export interface QuicCloseInfo {
  readonly by: 'peer' | 'local' | 'idle-timeout' | 'socket';
  readonly isApp: boolean;
  readonly code: number;
  readonly reason: string;
  readonly socketError?: NodeJS.ErrnoException;
}

export interface QuicSession {
  readonly local: HostPort;
  readonly remote: HostPort;
  /** Resolves once the handshake completed; rejects with the close info if the connection ended first. */
  readonly established: Promise<void>;
  /** Resolves when the connection is over, for any reason. */
  readonly closed: Promise<QuicCloseInfo>;
  isClosed(): boolean;
  alpn(): string;
  peerCertChain(): readonly Uint8Array[];
  /** Opens our next stream of that kind, numbered for our role (RFC 9000 §2.1). */
  openStream(kind: 'bidi' | 'uni'): number;
  /** Queues bytes; false when the queue is over the high-water mark (then wait for onDrain). */
  write(streamId: number, data: Uint8Array, fin: boolean): boolean;
  onDrain(streamId: number, callback: () => void): void;
  setReader(streamId: number, reader: StreamReader): void;
  /** Called for each stream the peer opens, before its first data. */
  onPeerStream: ((streamId: number) => StreamReader) | null;
  pause(streamId: number): void;
  resume(streamId: number): void;
  /** RESET_STREAM and STOP_SENDING with an application error code. */
  abortStream(streamId: number, code: number): void;
  close(isApp: boolean, code: number, reason: string): void;
  stats(): { sentBytes: number; recvBytes: number; lost: number; peerMaxIdleTimeout: number };
}

const WRITE_HIGH_WATER = 256 * 1024;
const text = new TextDecoder();

interface WriteQueue {
  chunks: { data: Uint8Array; fin: boolean }[];
  bytes: number;
  drain: (() => void)[];
}

function closeInfoOf(conn: QuicheConnection, socketError?: NodeJS.ErrnoException): QuicCloseInfo {
  if (socketError) return { by: 'socket', isApp: false, code: 0, reason: socketError.message, socketError };
  const describe = (by: 'peer' | 'local', e: QuicheConnectionError): QuicCloseInfo => ({ by, isApp: e.isApp, code: e.errorCode, reason: text.decode(e.reason) });
  const peer = conn.peerError();
  if (peer) return describe('peer', peer);
  const local = conn.localError();
  if (local) return describe('local', local);
  if (conn.isTimedOut()) return { by: 'idle-timeout', isApp: false, code: 0, reason: 'idle timeout' };
  return { by: 'local', isApp: true, code: 0, reason: '' };
}

/** What the driver needs from the UDP side: who we are, who the peer is, and a way to send a datagram. */
export interface QuicIo {
  readonly role: 'client' | 'server';
  /** Our max_idle_timeout; PINGs keep open request streams alive within it. */
  readonly idleTimeoutMs: number;
  readonly local: HostPort;
  readonly remote: HostPort;
  send(datagram: Uint8Array): void;
  /** The connection is over; the last datagram was already handed to send(). */
  onEnd(): void;
}

/** A session plus the calls its UDP side makes. */
export interface DrivenQuicSession extends QuicSession {
  /** A datagram from the peer. */
  receive(datagram: Uint8Array, from: HostPort): void;
  /** The socket failed (ICMP unreachable and the like): the connection is over. */
  fail(err: NodeJS.ErrnoException): void;
}

/** Runs a quiche connection: the service loop, stream queues and timers, for either role. */
export function driveQuicConnection(conn: QuicheConnection, io: QuicIo): DrivenQuicSession {
  let socketError: NodeJS.ErrnoException | undefined;
  let keepaliveMs = Math.max(200, Math.floor(io.idleTimeoutMs / 3));

  const readers = new Map<number, StreamReader>();
  const paused = new Set<number>();
  const finished = new Set<number>();
  const queues = new Map<number, WriteQueue>();
  // RFC 9000 §2.1: the low bit says who opened a stream (0 client, 1 server), the next bit uni.
  const ourBit = io.role === 'client' ? 0 : 1;
  let nextBidi = ourBit;
  let nextUni = 2 | ourBit;
  let scheduled = false;
  let timer: NodeJS.Timeout | undefined;
  let ended: QuicCloseInfo | null = null;
  const recvBuffer = Buffer.allocUnsafe(RECV_BUFFER);

  let resolveEstablished!: () => void;
  let rejectEstablished!: (info: QuicCloseInfo) => void;
  const established = new Promise<void>((res, rej) => {
    resolveEstablished = res;
    rejectEstablished = rej;
  });
  established.catch(() => {});
  let resolveClosed!: (info: QuicCloseInfo) => void;
  const closed = new Promise<QuicCloseInfo>((res) => (resolveClosed = res));
  let isEstablished = false;

  const schedule = (): void => {
    if (scheduled || ended) return;
    scheduled = true;
    setImmediate(service);
  };

  /** A stream is over for reading: its reader goes (a long run opens thousands), its id stays known. */
  const finishStream = (id: number): void => {
    finished.add(id);
    readers.delete(id);
    paused.delete(id);
  };

  const readStreams = (): void => {
    for (const id of conn.readable()) {
      if (paused.has(id) || finished.has(id)) continue;
      let reader = readers.get(id);
      if (!reader) {
        if ((id & 1) === ourBit || !session.onPeerStream) continue;
        reader = session.onPeerStream(id);
        readers.set(id, reader);
      }
      for (;;) {
        let got: [number, boolean] | null;
        try {
          got = conn.streamRecv(id, recvBuffer);
        } catch (err) {
          finishStream(id);
          const code = streamResetCode(err);
          reader.onError(code !== null ? `stream ${id} reset by the peer` : `stream ${id}: ${err instanceof Error ? err.message : String(err)}`, code);
          break;
        }
        if (!got) break;
        const [n, fin] = got;
        if (fin) finishStream(id);
        reader.onData(Buffer.from(recvBuffer.subarray(0, n)), fin);
        if (fin || paused.has(id)) break;
      }
    }
  };

  const flushWrites = (): void => {
    for (const [id, queue] of queues) {
      while (queue.chunks.length > 0) {
        const head = queue.chunks[0]!;
        let written: number | null;
        try {
          written = conn.streamSend(id, head.data, head.fin);
        } catch {
          // The peer stopped the stream (STOP_SENDING) or it was reset: nothing more can go out on it.
          queue.chunks = [];
          queue.bytes = 0;
          break;
        }
        if (written === null) break;
        queue.bytes -= written;
        if (written < head.data.length) {
          head.data = head.data.subarray(written);
          break;
        }
        queue.chunks.shift();
      }
      if (queue.bytes < WRITE_HIGH_WATER && queue.drain.length > 0) {
        const callbacks = queue.drain.splice(0);
        for (const cb of callbacks) cb();
      }
      if (queue.chunks.length === 0 && queue.drain.length === 0) queues.delete(id);
    }
  };

  const sendPackets = (): void => {
    for (;;) {
      const packet = Buffer.allocUnsafe(MAX_DATAGRAM);
      let sent: [number, unknown] | null;
      try {
        sent = conn.send(packet);
      } catch {
        break;
      }
      if (!sent) break;
      io.send(packet.subarray(0, sent[0]));
    }
  };

  const finish = (): void => {
    if (ended) return;
    ended = closeInfoOf(conn, socketError);
    clearTimeout(keepalive);
    io.onEnd();
    clearTimeout(timer);
    const message = ended.by === 'idle-timeout' ? 'QUIC connection timed out' : `QUIC connection closed${ended.reason ? `: ${ended.reason}` : ''}`;
    for (const reader of readers.values()) reader.onError(message, null, ended);
    for (const queue of queues.values()) for (const cb of queue.drain.splice(0)) cb();
    if (!isEstablished) rejectEstablished(ended);
    resolveClosed(ended);
  };

  // While a stream is open, a PING every third of the idle timeout (ours or the peer's, the smaller) keeps a
  // slow response or a quiet event stream from ending in an idle timeout (RFC 9000 §10.1.2).
  let keepalive: NodeJS.Timeout;
  const ping = (): void => {
    keepalive = setTimeout(ping, keepaliveMs).unref();
    if (ended || !isEstablished) return;
    if (![...readers.keys()].some((id) => (id & 2) === 0)) return;
    try {
      conn.sendAckEliciting();
    } catch {
      return;
    }
    schedule();
  };
  keepalive = setTimeout(ping, keepaliveMs).unref();

  function service(): void {
    scheduled = false;
    if (ended) return;
    readStreams();
    flushWrites();
    sendPackets();
    if (!isEstablished && conn.isEstablished()) {
      isEstablished = true;
      const peerIdle = conn.stats().peerMaxIdleTimeout;
      if (peerIdle > 0 && peerIdle < io.idleTimeoutMs) {
        keepaliveMs = Math.max(200, Math.floor(peerIdle / 3));
        clearTimeout(keepalive);
        keepalive = setTimeout(ping, keepaliveMs).unref();
      }
      resolveEstablished();
    }
    if (conn.isClosed() || socketError) {
      finish();
      return;
    }
    clearTimeout(timer);
    const wait = conn.timeout();
    if (wait !== null) {
      timer = setTimeout(() => {
        conn.onTimeout();
        service();
      }, wait);
    }
  }

  const queueFor = (id: number): WriteQueue => {
    let q = queues.get(id);
    if (!q) queues.set(id, (q = { chunks: [], bytes: 0, drain: [] }));
    return q;
  };

  const session: DrivenQuicSession = {
    local: io.local,
    remote: io.remote,
    receive(datagram, from) {
      try {
        conn.recv(datagram, { from, to: io.local });
      } catch {
        // quiche throws for Done and for packets it drops; a fatal error shows as isClosed() in service().
      }
      schedule();
    },
    fail(err) {
      socketError = err;
      finish();
    },
    established,
    closed,
    isClosed: () => ended !== null || conn.isClosed() || conn.isDraining(),
    alpn: () => text.decode(conn.applicationProto()),
    peerCertChain: () => conn.peerCertChain() ?? [],
    openStream(kind) {
      const id = kind === 'bidi' ? nextBidi : nextUni;
      if (kind === 'bidi') nextBidi += 4;
      else nextUni += 4;
      return id;
    },
    write(id, data, fin) {
      const q = queueFor(id);
      q.chunks.push({ data, fin });
      q.bytes += data.length;
      schedule();
      return q.bytes < WRITE_HIGH_WATER;
    },
    onDrain(id, callback) {
      if (ended) return callback();
      queueFor(id).drain.push(callback);
      schedule();
    },
    setReader(id, reader) {
      readers.set(id, reader);
    },
    onPeerStream: null,
    pause(id) {
      paused.add(id);
    },
    resume(id) {
      if (paused.delete(id)) schedule();
    },
    abortStream(id, code) {
      finishStream(id);
      queues.delete(id);
      try {
        conn.streamShutdown(id, 0, code);
      } catch {
        // already finished in that direction
      }
      try {
        conn.streamShutdown(id, 1, code);
      } catch {
        // already finished in that direction
      }
      schedule();
    },
    close(isApp, code, reason) {
      if (ended) return;
      try {
        conn.close(isApp, code, Buffer.from(reason));
      } catch {
        // already closing
      }
      sendPackets();
      finish();
    },
    stats() {
      const s = conn.stats();
      return { sentBytes: s.sentBytes, recvBytes: s.recvBytes, lost: s.lost, peerMaxIdleTimeout: s.peerMaxIdleTimeout };
    },
  };
  service();
  return session;
}
