// HTTP/3 frame codec (RFC 9114 §7): encodes frames and SETTINGS, and reads one stream's frames
// incrementally without buffering DATA payloads. Pure; used by the HTTP/3 client and its frame trace.
import { http3FrameTypeName, http3SettingName } from './http3-names.js';
import { concatBytes } from './concat-bytes.js';
import { encodeVarint, readVarint } from './quic-varint.js';

export const HTTP3_FRAME = {
  DATA: 0x0, HEADERS: 0x1, CANCEL_PUSH: 0x3, SETTINGS: 0x4, PUSH_PROMISE: 0x5, GOAWAY: 0x7, MAX_PUSH_ID: 0xd,
} as const;

export const HTTP3_SETTING = {
  QPACK_MAX_TABLE_CAPACITY: 0x1, MAX_FIELD_SECTION_SIZE: 0x6, QPACK_BLOCKED_STREAMS: 0x7, ENABLE_CONNECT_PROTOCOL: 0x8, H3_DATAGRAM: 0x33,
} as const;

export const HTTP3_STREAM_TYPE = { CONTROL: 0x0, PUSH: 0x1, QPACK_ENCODER: 0x2, QPACK_DECODER: 0x3 } as const;

export class Http3FrameError extends Error {
  override readonly name = 'Http3FrameError';
}

export type Http3FrameItem =
  | {
    readonly kind: 'frame'; readonly type: number; readonly length: number; readonly payload: Uint8Array;
    /** An unknown or reserved type over maxFramePayload: its payload was skipped, not kept (RFC 9114 §9). */
    readonly skipped?: true;
  }
  | { readonly kind: 'data'; readonly length: number; readonly chunk: Uint8Array; readonly isFirst: boolean; readonly isLast: boolean };

export interface Http3FrameReader {
  /** Feeds the stream's next bytes (split anywhere); returns the frames and DATA pieces they complete, in stream order.
   * Throws Http3FrameError for a non-DATA frame above maxFramePayload; the reader is unusable after any throw. */
  push(chunk: Uint8Array): Http3FrameItem[];
  /** Call once after the last push; throws Http3FrameError if the stream ended inside a frame. */
  end(): void;
}

export function encodeHttp3Frame(type: number, payload: Uint8Array): Uint8Array {
  return concatBytes([encodeVarint(type), encodeVarint(payload.length), payload]);
}

/** The payload of a SETTINGS frame: identifier and value varints, in the given order. */
export function encodeSettings(pairs: readonly (readonly [number, number])[]): Uint8Array {
  return concatBytes(pairs.flatMap(([id, value]) => [encodeVarint(id), encodeVarint(value)]));
}

/** Parses a SETTINGS payload; truncation, a repeated identifier or an HTTP/2-only one is an Http3FrameError (H3_SETTINGS_ERROR). */
export function parseSettings(payload: Uint8Array): [number, number][] {
  const settings: [number, number][] = [];
  const seen = new Set<number>();
  let pos = 0;
  while (pos < payload.length) {
    const id = readVarint(payload, pos);
    const value = id && readVarint(payload, pos + id.length);
    if (!id || !value) throw new Http3FrameError(`SETTINGS payload of ${payload.length} bytes ends inside a setting at byte ${pos}`);
    // RFC 9114 §7.2.4: the same identifier MUST NOT occur more than once; §7.2.4.1: HTTP/2-only identifiers MUST NOT be sent.
    if (seen.has(id.value)) throw new Http3FrameError(`SETTINGS repeats ${http3SettingName(id.value)}`);
    if (id.value >= 0x2 && id.value <= 0x5) throw new Http3FrameError(`SETTINGS carries the HTTP/2 setting 0x${id.value.toString(16)}`);
    seen.add(id.value);
    settings.push([id.value, value.value]);
    pos += id.length + value.length;
  }
  return settings;
}

/** The stream or push id of a GOAWAY payload, which must be exactly one varint (RFC 9114 §7.2.6). */
export function parseGoaway(payload: Uint8Array): number {
  const id = readVarint(payload, 0);
  if (!id || id.length !== payload.length) throw new Http3FrameError(`GOAWAY payload of ${payload.length} bytes is not a single varint`);
  return id.value;
}

type ReaderState =
  | { readonly kind: 'header' }
  | { readonly kind: 'frame'; readonly type: number; readonly payload: Uint8Array; filled: number }
  | { readonly kind: 'data'; readonly length: number; remaining: number }
  | { readonly kind: 'skip'; readonly type: number; readonly length: number; remaining: number };

const KNOWN_TYPES: ReadonlySet<number> = new Set(Object.values(HTTP3_FRAME));

/** Type and length varints are 8 bytes at most each. */
const MAX_HEADER_BYTES = 16;
const EMPTY = new Uint8Array(0);

export function createHttp3FrameReader(options: { readonly maxFramePayload: number }): Http3FrameReader {
  let state: ReaderState = { kind: 'header' };
  const head = new Uint8Array(MAX_HEADER_BYTES);
  let headLength = 0;

  const startFrame = (type: number, length: number, items: Http3FrameItem[]): void => {
    if (!Number.isSafeInteger(length)) throw new Http3FrameError(`${http3FrameTypeName(type)} frame length ${length} is beyond 2^53`);
    if (type === HTTP3_FRAME.DATA) {
      if (length === 0) items.push({ kind: 'data', length, chunk: EMPTY, isFirst: true, isLast: true });
      else state = { kind: 'data', length, remaining: length };
      return;
    }
    if (length > options.maxFramePayload && !KNOWN_TYPES.has(type)) {
      items.push({ kind: 'frame', type, length, payload: EMPTY, skipped: true });
      state = { kind: 'skip', type, length, remaining: length };
      return;
    }
    if (length > options.maxFramePayload) {
      throw new Http3FrameError(`${http3FrameTypeName(type)} frame of ${length} bytes exceeds the ${options.maxFramePayload}-byte limit`);
    }
    if (length === 0) items.push({ kind: 'frame', type, length, payload: EMPTY });
    else state = { kind: 'frame', type, payload: new Uint8Array(length), filled: 0 };
  };

  /** Consumes header bytes from `chunk` at `pos`; returns the new position. */
  const readHeader = (chunk: Uint8Array, pos: number, items: Http3FrameItem[]): number => {
    if (headLength === 0) {
      const type = readVarint(chunk, pos);
      const length = type && readVarint(chunk, pos + type.length);
      if (type && length) {
        startFrame(type.value, length.value, items);
        return pos + type.length + length.length;
      }
    }
    // Slow path: the header straddles pushes, so gather it byte by byte (at most 16).
    while (pos < chunk.length) {
      head[headLength++] = chunk[pos++]!;
      const view = head.subarray(0, headLength);
      const type = readVarint(view, 0);
      const length = type && readVarint(view, type.length);
      if (type && length) {
        headLength = 0;
        startFrame(type.value, length.value, items);
        break;
      }
    }
    return pos;
  };

  return {
    push(chunk) {
      const items: Http3FrameItem[] = [];
      let pos = 0;
      while (pos < chunk.length) {
        const s: ReaderState = state;
        if (s.kind === 'header') {
          pos = readHeader(chunk, pos, items);
        } else if (s.kind === 'data') {
          const take = Math.min(s.remaining, chunk.length - pos);
          const isFirst = s.remaining === s.length;
          s.remaining -= take;
          items.push({ kind: 'data', length: s.length, chunk: chunk.subarray(pos, pos + take), isFirst, isLast: s.remaining === 0 });
          pos += take;
          if (s.remaining === 0) state = { kind: 'header' };
        } else if (s.kind === 'skip') {
          const take = Math.min(s.remaining, chunk.length - pos);
          s.remaining -= take;
          pos += take;
          if (s.remaining === 0) state = { kind: 'header' };
        } else {
          const take = Math.min(s.payload.length - s.filled, chunk.length - pos);
          s.payload.set(chunk.subarray(pos, pos + take), s.filled);
          s.filled += take;
          pos += take;
          if (s.filled === s.payload.length) {
            items.push({ kind: 'frame', type: s.type, length: s.payload.length, payload: s.payload });
            state = { kind: 'header' };
          }
        }
      }
      return items;
    },
    end() {
      const s = state;
      if (s.kind === 'header' && headLength > 0) throw new Http3FrameError(`stream ended inside a frame header (${headLength} bytes of it)`);
      if (s.kind === 'data') throw new Http3FrameError(`stream ended ${s.length - s.remaining} bytes into a ${s.length}-byte DATA frame`);
      if (s.kind === 'skip') throw new Http3FrameError(`stream ended ${s.length - s.remaining} bytes into a ${s.length}-byte ${http3FrameTypeName(s.type)} frame`);
      if (s.kind === 'frame') {
        throw new Http3FrameError(`stream ended ${s.filled} bytes into a ${s.payload.length}-byte ${http3FrameTypeName(s.type)} frame`);
      }
    },
  };
}
