// A scripted HTTP/2 server for hostile tests: hand-written frames over raw sockets (h2c by prior knowledge, or
// TLS with ALPN h2), because node:http2's server refuses to misbehave. A script answers each request stream.
import net from 'node:net';
import tls from 'node:tls';
import { CLIENT_PREFACE, FLAG, FRAME_TYPE, createFrameSplitter, encodeFrame, type RawFrame } from '../../../src/codec/index.js';
import type { Running } from '../../helpers/raw-servers.js';

export interface H2Peer {
  /** Writes raw bytes (frames or garbage). */
  write(bytes: Uint8Array): void;
  frame(type: number, flags: number, streamId: number, payload?: Uint8Array): void;
  headers(streamId: number, fields: readonly (readonly [string, string])[], options?: { endStream?: boolean }): void;
  data(streamId: number, bytes: Uint8Array | string, options?: { endStream?: boolean }): void;
  rst(streamId: number, code: number): void;
  goaway(lastStreamId: number, code: number, debug?: string): void;
  /** Closes the TCP connection (FIN). */
  end(): void;
  /** Resets the TCP connection (RST). */
  destroy(): void;
}

export type H2Script = (peer: H2Peer, streamId: number, request: RawFrame) => void;

export interface H2ServerOptions {
  /** Replaces the server's own first frames (default: an empty SETTINGS). */
  readonly onOpen?: (peer: H2Peer) => void;
  /** Called for every frame received, after the built-in handling (SETTINGS ACK, PING ACK). */
  readonly onFrame?: (peer: H2Peer, frame: RawFrame) => void;
  readonly tls?: { readonly key: string; readonly cert: string };
}

/** HPACK integer with an N-bit prefix (RFC 7541 §5.1). */
function hpackInt(value: number, prefixBits: number, firstByte: number): number[] {
  const max = (1 << prefixBits) - 1;
  if (value < max) return [firstByte | value];
  const out = [firstByte | max];
  let rest = value - max;
  while (rest >= 128) {
    out.push((rest % 128) + 128);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
  return out;
}

/** A header block of literals without indexing and without Huffman (RFC 7541 §6.2.2): simple and always valid. */
export function literalBlock(fields: readonly (readonly [string, string])[]): Uint8Array {
  const out: number[] = [];
  for (const [name, value] of fields) {
    const n = Buffer.from(name, 'latin1');
    const v = Buffer.from(value, 'latin1');
    out.push(0x00, ...hpackInt(n.length, 7, 0), ...n, ...hpackInt(v.length, 7, 0), ...v);
  }
  return Uint8Array.from(out);
}

export function u32(value: number): Uint8Array {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0);
  return b;
}

function createPeer(socket: net.Socket): H2Peer {
  const write = (bytes: Uint8Array): void => {
    if (!socket.destroyed) socket.write(bytes);
  };
  const frame = (type: number, flags: number, streamId: number, payload?: Uint8Array): void => write(encodeFrame(type, flags, streamId, payload));
  return {
    write,
    frame,
    headers: (id, fields, o = {}) => frame(FRAME_TYPE.HEADERS, FLAG.END_HEADERS | (o.endStream ? FLAG.END_STREAM : 0), id, literalBlock(fields)),
    data: (id, bytes, o = {}) => frame(FRAME_TYPE.DATA, o.endStream ? FLAG.END_STREAM : 0, id, typeof bytes === 'string' ? Buffer.from(bytes) : bytes),
    rst: (id, code) => frame(FRAME_TYPE.RST_STREAM, 0, id, u32(code)),
    goaway: (last, code, debug = '') => frame(FRAME_TYPE.GOAWAY, 0, 0, Buffer.concat([u32(last), u32(code), Buffer.from(debug)])),
    end: () => socket.end(),
    destroy: () => socket.resetAndDestroy(),
  };
}

export interface RunningH2 extends Running {
  /** Frames received on every connection, in order. */
  readonly received: RawFrame[];
  connections(): number;
}

export function startRawH2Server(script: H2Script, options: H2ServerOptions = {}): Promise<RunningH2> {
  const received: RawFrame[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const onSocket = (socket: net.Socket): void => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const peer = createPeer(socket);
    const splitter = createFrameSplitter(false);
    let preface = Buffer.alloc(0);
    let started = false;
    socket.on('data', (chunk: Buffer) => {
      if (!started) {
        preface = Buffer.concat([preface, chunk]);
        if (preface.length < CLIENT_PREFACE.length) return;
        started = true;
        chunk = preface.subarray(CLIENT_PREFACE.length);
        if (options.onOpen) options.onOpen(peer);
        else peer.frame(FRAME_TYPE.SETTINGS, 0, 0);
      }
      for (const f of splitter.push(chunk)) {
        received.push(f);
        if (f.type === FRAME_TYPE.SETTINGS && !(f.flags & FLAG.ACK)) peer.frame(FRAME_TYPE.SETTINGS, FLAG.ACK, 0);
        if (f.type === FRAME_TYPE.PING && !(f.flags & FLAG.ACK)) peer.frame(FRAME_TYPE.PING, FLAG.ACK, 0, f.payload);
        if (f.type === FRAME_TYPE.HEADERS && f.flags & FLAG.END_HEADERS) script(peer, f.streamId, f);
        options.onFrame?.(peer, f);
      }
    });
  };
  const server = options.tls
    ? tls.createServer({ key: options.tls.key, cert: options.tls.cert, ALPNProtocols: ['h2'] }, onSocket)
    : net.createServer(onSocket);
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        port,
        url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
        received,
        connections: () => connections,
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
