// HTTP/2 frame codec (RFC 9113 §4.1, §6): splits a byte stream into frames and parses their payloads.
// Pure and total: malformed input becomes a frame marked malformed, never an exception.
import { concatBytes } from './concat-bytes.js';
import { FRAME_TYPE, FLAG } from './http2-frame-names.js';

export const CLIENT_PREFACE = Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1');
const HEADER_BYTES = 9;

export interface RawFrame {
  readonly length: number;
  readonly type: number;
  readonly flags: number;
  readonly streamId: number;
  readonly payload: Uint8Array;
}

export type FramePayload =
  | { readonly kind: 'data'; readonly dataLength: number; readonly padLength: number }
  | { readonly kind: 'headers'; readonly block: Uint8Array; readonly padLength: number; readonly priority?: Priority }
  | { readonly kind: 'priority'; readonly priority: Priority }
  | { readonly kind: 'rst-stream'; readonly errorCode: number }
  | { readonly kind: 'settings'; readonly settings: readonly (readonly [number, number])[] }
  | { readonly kind: 'push-promise'; readonly promisedStreamId: number; readonly block: Uint8Array; readonly padLength: number }
  | { readonly kind: 'ping'; readonly opaque: Uint8Array }
  | { readonly kind: 'goaway'; readonly lastStreamId: number; readonly errorCode: number; readonly debug: Uint8Array }
  | { readonly kind: 'window-update'; readonly increment: number }
  | { readonly kind: 'continuation'; readonly block: Uint8Array }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'malformed'; readonly reason: string };

export interface Priority {
  readonly exclusive: boolean;
  readonly dependency: number;
  readonly weight: number;
}

const lengthAt = (b: Uint8Array, at: number): number => (b[at]! << 16) | (b[at + 1]! << 8) | b[at + 2]!;
const u32 = (b: Uint8Array, at: number): number => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

function priorityAt(p: Uint8Array, at: number): Priority {
  const word = u32(p, at);
  return { exclusive: word >>> 31 === 1, dependency: word & 0x7fffffff, weight: p[at + 4]! + 1 };
}

/** Strips padding (RFC 9113 §6.1); null when the pad length does not fit. */
function unpad(f: RawFrame): { body: Uint8Array; padLength: number } | null {
  if (!(f.flags & FLAG.PADDED)) return { body: f.payload, padLength: 0 };
  if (f.payload.length < 1) return null;
  const padLength = f.payload[0]!;
  if (padLength >= f.payload.length) return null;
  return { body: f.payload.subarray(1, f.payload.length - padLength), padLength };
}

export function parseFramePayload(f: RawFrame): FramePayload {
  const p = f.payload;
  const bad = (reason: string): FramePayload => ({ kind: 'malformed', reason });
  switch (f.type) {
    case FRAME_TYPE.DATA: {
      const u = unpad(f);
      return u ? { kind: 'data', dataLength: u.body.length, padLength: u.padLength } : bad('pad length exceeds the payload');
    }
    case FRAME_TYPE.HEADERS: {
      const u = unpad(f);
      if (!u) return bad('pad length exceeds the payload');
      if (f.flags & FLAG.PRIORITY) {
        if (u.body.length < 5) return bad('PRIORITY flag set but no room for it');
        return { kind: 'headers', block: u.body.subarray(5), padLength: u.padLength, priority: priorityAt(u.body, 0) };
      }
      return { kind: 'headers', block: u.body, padLength: u.padLength };
    }
    case FRAME_TYPE.PRIORITY:
      return p.length === 5 ? { kind: 'priority', priority: priorityAt(p, 0) } : bad(`PRIORITY payload is ${p.length} bytes, not 5`);
    case FRAME_TYPE.RST_STREAM:
      return p.length === 4 ? { kind: 'rst-stream', errorCode: u32(p, 0) } : bad(`RST_STREAM payload is ${p.length} bytes, not 4`);
    case FRAME_TYPE.SETTINGS: {
      if (p.length % 6 !== 0) return bad(`SETTINGS payload of ${p.length} bytes is not a multiple of 6`);
      if (f.flags & FLAG.ACK && p.length > 0) return bad('SETTINGS ACK with a payload');
      const settings: [number, number][] = [];
      for (let i = 0; i < p.length; i += 6) settings.push([(p[i]! << 8) | p[i + 1]!, u32(p, i + 2)]);
      return { kind: 'settings', settings };
    }
    case FRAME_TYPE.PUSH_PROMISE: {
      const u = unpad(f);
      if (!u || u.body.length < 4) return bad('PUSH_PROMISE too short');
      return { kind: 'push-promise', promisedStreamId: u32(u.body, 0) & 0x7fffffff, block: u.body.subarray(4), padLength: u.padLength };
    }
    case FRAME_TYPE.PING:
      return p.length === 8 ? { kind: 'ping', opaque: p } : bad(`PING payload is ${p.length} bytes, not 8`);
    case FRAME_TYPE.GOAWAY:
      return p.length >= 8 ? { kind: 'goaway', lastStreamId: u32(p, 0) & 0x7fffffff, errorCode: u32(p, 4), debug: p.subarray(8) } : bad('GOAWAY shorter than 8 bytes');
    case FRAME_TYPE.WINDOW_UPDATE:
      return p.length === 4 ? { kind: 'window-update', increment: u32(p, 0) & 0x7fffffff } : bad(`WINDOW_UPDATE payload is ${p.length} bytes, not 4`);
    case FRAME_TYPE.CONTINUATION:
      return { kind: 'continuation', block: p };
    default:
      return { kind: 'unknown' };
  }
}

export interface FrameSplitter {
  /** Feeds bytes as they pass; returns the frames completed by them. */
  push(bytes: Uint8Array): RawFrame[];
  /** Bytes held back waiting for the rest of a frame. */
  pending(): number;
}

/**
 * Splits one direction of a connection into frames. `expectPreface`: the client's direction starts with the
 * connection preface (RFC 9113 §3.4), which is skipped.
 */
export function createFrameSplitter(expectPreface: boolean): FrameSplitter {
  let prefaceLeft = expectPreface ? CLIENT_PREFACE.length : 0;
  // Bytes of the incomplete frame at the front, as our own copies: the caller may reuse its buffer after push.
  let held: Uint8Array[] = [];
  let heldLength = 0;
  /** Bytes the held frame needs to be complete: a header, then header and payload (at most 9 + 2^24 - 1). */
  let needed = HEADER_BYTES;
  return {
    pending: () => heldLength,
    push(bytes) {
      // A plain view, so that slice() copies (Buffer's slice is a view).
      let chunk = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (prefaceLeft > 0) {
        const skip = Math.min(prefaceLeft, chunk.length);
        prefaceLeft -= skip;
        chunk = chunk.subarray(skip);
      }
      if (chunk.length === 0) return [];
      if (heldLength + chunk.length < needed) {
        // Joined only once a frame is complete, so a large frame in small pieces costs linear, not quadratic, time.
        held.push(chunk.slice());
        heldLength += chunk.length;
        return [];
      }
      const buf = held.length === 0 ? chunk : concatBytes([...held, chunk]);
      const frames: RawFrame[] = [];
      let at = 0;
      while (buf.length - at >= HEADER_BYTES) {
        const length = lengthAt(buf, at);
        if (buf.length - at < HEADER_BYTES + length) break;
        frames.push({
          length,
          type: buf[at + 3]!,
          flags: buf[at + 4]!,
          streamId: u32(buf, at + 5) & 0x7fffffff,
          payload: buf.slice(at + HEADER_BYTES, at + HEADER_BYTES + length),
        });
        at += HEADER_BYTES + length;
      }
      const rest = buf.slice(at);
      held = rest.length === 0 ? [] : [rest];
      heldLength = rest.length;
      needed = rest.length >= HEADER_BYTES ? HEADER_BYTES + lengthAt(rest, 0) : HEADER_BYTES;
      return frames;
    },
  };
}

/** Serialises a frame (tests and test servers build hostile peers with it). */
export function encodeFrame(type: number, flags: number, streamId: number, payload: Uint8Array = new Uint8Array()): Uint8Array {
  const out = Buffer.alloc(HEADER_BYTES + payload.length);
  out.writeUIntBE(payload.length, 0, 3);
  out[3] = type;
  out[4] = flags;
  out.writeUInt32BE(streamId & 0x7fffffff, 5);
  out.set(payload, HEADER_BYTES);
  return out;
}
