// Hostile HTTP/2 servers (issue 9 §2), hand-written frames over h2c by prior knowledge: bad prefaces and
// SETTINGS, oversize frames, bad HPACK, floods, resets and truncated bodies, flow-control abuse. Without a
// trace: nothing here may wait for -m (the tests bound every run) or end in a success with a short body.
import { FLAG, FRAME_TYPE } from '../../src/codec/index.js';
import { describeHostile, type HostileCase, type Peer } from './hostile-case.js';
import { startRawH2Server, u32, type H2Peer, type H2Script } from './peers/raw-h2-server.js';
import { rawPeer } from './peers/raw-peers.js';

const OK: readonly (readonly [string, string])[] = [[':status', '200']];
const h2 = (script: H2Script, options: Parameters<typeof startRawH2Server>[1] = {}): (() => Promise<Peer>) => () => startRawH2Server(script, options);
const args = (u: string): string[] => ['--http2-prior-knowledge', '-m', '20', `${u}/`];
const later = (ms: number, f: () => void): void => void setTimeout(f, ms);
const settings = (pairs: readonly (readonly [number, number])[]): Uint8Array =>
  Buffer.concat(pairs.map(([id, v]) => Buffer.concat([Buffer.from([id >> 8, id & 0xff]), u32(v)])));

/** HEADERS then `n` CONTINUATION frames of 100 bytes of a never-ending literal, never END_HEADERS. */
function continuationFlood(p: H2Peer, id: number, n: number): void {
  p.frame(FRAME_TYPE.HEADERS, 0, id, Uint8Array.of(0x88));
  const piece = Buffer.alloc(100, 0x40);
  for (let i = 0; i < n; i++) p.frame(FRAME_TYPE.CONTINUATION, 0, id, piece);
}

const CONNECTION_ERROR = /^HTTP\/2 error: the server broke the protocol/;
const EMPTY = "curl 7.88 calls nghttp2 ending the connection before a response an empty reply (52); qurl says the server broke HTTP/2";
const FLOOD = "curl 7.88 reports nghttp2's flood and CONTINUATION limits as a receive error (56)";
const IGNORED = 'curl 7.88 ignores the frame: it exits 0 with no body, or waits for -m';

const cases: HostileCase[] = [
  // The connection's start.
  { name: 'a server that answers the preface with HTTP/1.1', peer: rawPeer((s) => s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'))), args, exit: 16, curl: 52, differs: EMPTY, message: /^HTTP\/2 error: / },
  { name: 'a SETTINGS frame of 7 bytes', peer: h2(() => {}, { onOpen: (p) => p.frame(FRAME_TYPE.SETTINGS, 0, 0, new Uint8Array(7)) }), args, exit: 16, curl: 52, differs: EMPTY, message: CONNECTION_ERROR },
  { name: 'SETTINGS_MAX_FRAME_SIZE below the minimum', peer: h2(() => {}, { onOpen: (p) => p.frame(FRAME_TYPE.SETTINGS, 0, 0, settings([[5, 100]])) }), args, exit: 16, curl: 52, differs: EMPTY, message: CONNECTION_ERROR },
  { name: 'SETTINGS_ENABLE_PUSH from a server', peer: h2(() => {}, { onOpen: (p) => p.frame(FRAME_TYPE.SETTINGS, 0, 0, settings([[2, 1]])) }), args, exit: 16, curl: 52, differs: EMPTY, message: CONNECTION_ERROR },

  // Frames that break the rules.
  { name: 'a DATA frame larger than SETTINGS_MAX_FRAME_SIZE', peer: h2((p, id) => (p.headers(id, OK), p.frame(FRAME_TYPE.DATA, 0, id, new Uint8Array(20_000)))), args, exit: 16, curl: null, differs: IGNORED, message: CONNECTION_ERROR },
  { name: 'DATA before HEADERS', peer: h2((p, id) => p.data(id, 'early')), args, exit: 16, curl: 52, differs: EMPTY, message: CONNECTION_ERROR },
  { name: 'DATA on stream 0', peer: h2((p, id) => (p.headers(id, OK), p.data(0, 'x'))), args, exit: 16, curl: null, differs: IGNORED, message: CONNECTION_ERROR },
  { name: 'PUSH_PROMISE though push is off', peer: h2((p, id) => p.frame(FRAME_TYPE.PUSH_PROMISE, FLAG.END_HEADERS, id, Buffer.concat([u32(2), Uint8Array.of(0x82, 0x84, 0x87)]))), args, exit: 16, curl: 52, differs: EMPTY, message: CONNECTION_ERROR },
  { name: 'a WINDOW_UPDATE that overflows the window', peer: h2((p) => p.frame(FRAME_TYPE.WINDOW_UPDATE, 0, 0, u32(0x7fffffff))), args, exit: 16, curl: 52, differs: EMPTY, message: CONNECTION_ERROR },
  { name: 'a PING of 3 bytes', peer: h2((p) => p.frame(FRAME_TYPE.PING, 0, 0, Uint8Array.of(1, 2, 3))), args, exit: 16, curl: 52, differs: EMPTY, message: CONNECTION_ERROR },

  // HPACK.
  { name: 'an HPACK index out of range', peer: h2((p, id) => p.frame(FRAME_TYPE.HEADERS, FLAG.END_HEADERS, id, Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x7f))), args, exit: 16, curl: 52, differs: EMPTY, message: CONNECTION_ERROR },
  { name: 'an HPACK integer that never ends', peer: h2((p, id) => p.frame(FRAME_TYPE.HEADERS, FLAG.END_HEADERS, id, Uint8Array.from([0x3f, ...new Array(20).fill(0xff)]))), args, exit: 16, curl: 52, differs: EMPTY, message: CONNECTION_ERROR },
  { name: 'a table size update over our SETTINGS_HEADER_TABLE_SIZE', peer: h2((p, id) => p.frame(FRAME_TYPE.HEADERS, FLAG.END_HEADERS, id, Uint8Array.of(0x3f, 0xe1, 0x9f, 0x06, 0x88))), args, exit: 16, curl: 52, differs: EMPTY, message: CONNECTION_ERROR },
  { name: 'a CONTINUATION flood (20,000 frames, no END_HEADERS)', peer: h2((p, id) => continuationFlood(p, id, 20_000)), args, exit: 16, curl: 56, differs: FLOOD, message: CONNECTION_ERROR, withinMs: 10_000, maxRssMb: 200 },

  // Floods of valid frames: nghttp2 answers each PING and SETTINGS; a peer that never reads its ACKs is cut off.
  { name: 'a PING flood (100,000 PINGs)', peer: h2((p) => p.write(Buffer.concat(Array.from({ length: 100_000 }, () => Buffer.from([0, 0, 8, FRAME_TYPE.PING, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]))))), args, exit: 16, curl: 56, differs: FLOOD, message: /^HTTP\/2 error: /, withinMs: 10_000 },
  { name: 'a SETTINGS flood (100,000 empty SETTINGS)', peer: h2((p) => p.write(Buffer.concat(Array.from({ length: 100_000 }, () => Buffer.from([0, 0, 0, FRAME_TYPE.SETTINGS, 0, 0, 0, 0, 0]))))), args, exit: 16, curl: 56, differs: FLOOD, message: /^HTTP\/2 error: /, withinMs: 10_000 },
  { name: 'an RST_STREAM flood on idle streams', peer: h2((p) => p.write(Buffer.concat(Array.from({ length: 10_000 }, (_, i) => Buffer.concat([Buffer.from([0, 0, 4, FRAME_TYPE.RST_STREAM, 0]), u32(2 * i + 3), u32(8)]))))), args, exit: 16, curl: 52, differs: EMPTY, message: CONNECTION_ERROR },
  { name: 'GOAWAY after GOAWAY, every stream refused', peer: h2((p) => { for (let i = 0; i < 50; i++) p.goaway(0, 0); }), args, exit: 92, curl: 16, differs: 'qurl sends the refused GET once more on a fresh connection (safe to replay) and reports that stream\'s refusal', message: /^HTTP\/2 stream 1 was not closed cleanly: REFUSED_STREAM \(err 7\)$/ },

  // A POST the server refuses with GOAWAY on a kept-alive connection: never replayed (a GET would be).
  {
    name: 'GOAWAY below a POST\'s stream on a reused connection: 92, not sent again',
    peer: (() => {
      let connections = 0;
      return () => {
        connections = 0;
        return startRawH2Server((p, id) => {
          if (id === 1) return p.headers(id, OK, { endStream: false }), p.data(id, 'first;', { endStream: true });
          if (id === 3 && connections === 1) return p.goaway(1, 0);
          p.headers(id, OK), p.data(id, 'REPLAYED', { endStream: true });
        }, { onOpen: (p) => (connections++, p.frame(FRAME_TYPE.SETTINGS, 0, 0)) });
      };
    })(),
    args: (u) => ['--http2-prior-knowledge', `${u}/`, '--next', '-sS', '--http2-prior-knowledge', '-d', 'x', `${u}/`],
    exit: 92, curl: null, differs: 'curl 7.88 fails it too, with 16 (checked by hand: this peer counts connections across runs)',
    message: /^HTTP\/2 stream 3 was not closed cleanly: REFUSED_STREAM \(err 7\)$|^HTTP\/2 connection is going away/, stdout: 'first;',
  },

  // The response cut short.
  { name: 'RST_STREAM CANCEL after part of the body', peer: h2((p, id) => (p.headers(id, OK), p.data(id, 'partial'), later(50, () => p.rst(id, 8)))), args, exit: 92, curl: 92, message: /^HTTP\/2 stream 1 was not closed cleanly: CANCEL \(err 8\)$/, stdout: 'partial' },
  { name: 'HEADERS, DATA and RST_STREAM CANCEL in one read', peer: h2((p, id) => (p.headers(id, OK), p.data(id, 'partial'), p.rst(id, 8))), args, exit: 92, curl: 92, message: /^HTTP\/2 stream 1 was not closed cleanly: CANCEL \(err 8\)$/, stdout: 'partial' },
  { name: 'RST_STREAM NO_ERROR before the announced Content-Length', peer: h2((p, id) => (p.headers(id, [...OK, ['content-length', '100']]), p.data(id, 'partial'), later(50, () => p.rst(id, 0)))), args, exit: 18, curl: 18, message: /^transfer closed with 93 bytes remaining to read$/, stdout: 'partial' },
  { name: 'the connection closed before the announced Content-Length', peer: h2((p, id) => (p.headers(id, [...OK, ['content-length', '100']]), p.data(id, 'partial'), later(50, () => p.end()))), args, exit: 18, curl: 18, message: /^HTTP\/2 stream 1 was not closed cleanly before end of the underlying stream$/, stdout: 'partial' },
  { name: 'END_STREAM short of Content-Length', peer: h2((p, id) => (p.headers(id, [...OK, ['content-length', '100']]), p.data(id, 'partial', { endStream: true }))), args, exit: 92, curl: 92, message: /^HTTP\/2 stream 1 was not closed cleanly: PROTOCOL_ERROR \(err 1\)$/, stdout: 'partial' },
  { name: 'RST_STREAM before any response', peer: h2((p, id) => p.rst(id, 2)), args, exit: 92, curl: 92, message: /^HTTP\/2 stream 1 was not closed cleanly: INTERNAL_ERROR \(err 2\)$/ },

  // Flow control.
  {
    name: 'a zero window that never opens: an upload stalls until -m',
    peer: h2(() => {}, { onOpen: (p) => p.frame(FRAME_TYPE.SETTINGS, 0, 0, settings([[4, 0]])) }),
    args: (u) => ['--http2-prior-knowledge', '-m', '1', '-d', 'x'.repeat(1000), `${u}/`], exit: 28, curl: 28, message: /^Operation timed out after \d{4,} milliseconds with 0 bytes received$/,
  },
];

describeHostile('hostile HTTP/2 servers', cases);
