// Passive HTTP/2 frame trace: splits both directions into frames, decodes HPACK for each (RFC 7541) and reports
// every frame as a trace event. Observes only; malformed input is reported, never thrown.
import { createFrameSplitter, createHpackDecoder, FLAG, FRAME_TYPE, parseFramePayload, type RawFrame } from '../../codec/index.js';
import type { HeaderList, TransferTrace } from '../../trace/index.js';

const SETTINGS_HEADER_TABLE_SIZE = 1;

export interface H2FrameTap {
  observe(direction: 'send' | 'recv', bytes: Uint8Array): void;
}

/** Called when nghttp2 sends GOAWAY: with an error code the connection is dead (RFC 9113 §5.4.1). */
export type GoawaySent = (errorCode: number) => void;

export function createH2FrameTap(trace: () => TransferTrace, connId: number, onGoawaySent: GoawaySent): H2FrameTap {
  const splitters = { send: createFrameSplitter(true), recv: createFrameSplitter(false) };
  // Each direction's decoder mirrors the peer's encoder: its limit is what the receiving side announced.
  const decoders = { send: createHpackDecoder(), recv: createHpackDecoder() };
  const pendingBlocks = { send: [] as Uint8Array[], recv: [] as Uint8Array[] };
  const broken = { send: '', recv: '' };

  const decodeBlock = (direction: 'send' | 'recv', end: boolean): { headers?: HeaderList; tableSizeUpdates?: readonly number[]; hpackError?: string } => {
    if (!end) return {};
    const block = Buffer.concat(pendingBlocks[direction]);
    pendingBlocks[direction] = [];
    if (broken[direction]) return { hpackError: `not decoded: ${broken[direction]}` };
    try {
      const decoded = decoders[direction].decode(block);
      return { headers: decoded.fields.map((f) => [f.name, f.value] as const), tableSizeUpdates: decoded.tableSizeUpdates };
    } catch (err) {
      // The dynamic table is out of step from here on; say so rather than show wrong fields.
      broken[direction] = (err as Error).message;
      return { hpackError: broken[direction] };
    }
  };

  const onFrame = (direction: 'send' | 'recv', frame: RawFrame): void => {
    const payload = parseFramePayload(frame);
    let headerInfo = {};
    if (payload.kind === 'headers' || payload.kind === 'push-promise' || payload.kind === 'continuation') {
      pendingBlocks[direction].push(payload.block);
      headerInfo = decodeBlock(direction, (frame.flags & FLAG.END_HEADERS) !== 0);
    }
    if (payload.kind === 'settings' && !(frame.flags & FLAG.ACK)) {
      for (const [id, value] of payload.settings) {
        // Our SETTINGS bound what the peer may encode to us, and the other way round.
        if (id === SETTINGS_HEADER_TABLE_SIZE) decoders[direction === 'send' ? 'recv' : 'send'].setMaxTableSize(value);
      }
    }
    if (payload.kind === 'goaway' && direction === 'send') onGoawaySent(payload.errorCode);
    trace().emit({
      type: 'frame', source: 'h2', connId, streamId: frame.streamId, direction,
      frameType: frame.type, flags: frame.flags, length: frame.length, payload, ...headerInfo,
    });
  };

  return {
    observe(direction, bytes) {
      for (const frame of splitters[direction].push(bytes)) onFrame(direction, frame);
    },
  };
}

/**
 * Only watches the frames we send for a GOAWAY: Node 20's node:http2 stops reading after nghttp2 sent a fatal
 * GOAWAY without telling JavaScript (22 and later emit a session error), so an untraced connection needs this.
 */
export function watchGoawaySent(onGoawaySent: GoawaySent): H2FrameTap {
  const splitter = createFrameSplitter(true);
  return {
    observe(direction, bytes) {
      if (direction !== 'send') return;
      for (const frame of splitter.push(bytes)) {
        const payload = frame.type === FRAME_TYPE.GOAWAY ? parseFramePayload(frame) : null;
        if (payload?.kind === 'goaway') onGoawaySent(payload.errorCode);
      }
    },
  };
}
