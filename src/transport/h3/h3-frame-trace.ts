// Turns HTTP/3 frames, stream types and QPACK results into 'h3-frame' trace events (only when a view wants them).
import {
  HTTP3_FRAME, createQpackDecoder, parseGoaway, parseSettings,
  type Http3FrameItem, type QpackEncoderInstruction, type QpackFieldSection,
} from '../../codec/index.js';
import type { H3FrameDetail, TransferTrace } from '../../trace/index.js';

export interface H3FrameTrace {
  readonly trace: () => TransferTrace;
  readonly connId: number;
}

function emit(t: H3FrameTrace, direction: 'send' | 'recv', streamId: number, frameType: number | null, length: number, detail: H3FrameDetail): void {
  t.trace().emit({ type: 'h3-frame', source: 'h3', connId: t.connId, streamId, direction, frameType, length, detail });
}

/** A request stream's bytes as they went or came, for --trace (the frames, not split into head and body). */
export function traceBytes(t: H3FrameTrace, direction: 'send' | 'recv', streamId: number, bytes: Uint8Array): void {
  const trace = t.trace();
  if (trace.wants('data')) trace.emit({ type: 'data', source: 'h3', connId: t.connId, streamId, direction, kind: 'raw', bytes });
}

export function wantsH3Frames(t: H3FrameTrace): boolean {
  return t.trace().wants('h3-frame');
}

export function traceStreamType(t: H3FrameTrace, direction: 'send' | 'recv', streamId: number, streamType: number): void {
  if (wantsH3Frames(t)) emit(t, direction, streamId, null, 0, { kind: 'stream-type', streamType });
}

export function describeFieldSection(section: QpackFieldSection): H3FrameDetail {
  return {
    kind: 'headers',
    requiredInsertCount: section.requiredInsertCount,
    base: section.base,
    fields: section.fields.map((f) => [f.name, f.value, f.index === undefined ? f.representation : `${f.representation} ${f.index}`] as const),
  };
}

/** A frame as read or written; HEADERS need their decoded section (ours are decoded again here, for the trace only). */
export function traceFrame(t: H3FrameTrace, direction: 'send' | 'recv', streamId: number, item: Http3FrameItem, section?: QpackFieldSection): void {
  if (!wantsH3Frames(t)) return;
  if (item.kind === 'data') {
    if (item.isFirst) emit(t, direction, streamId, HTTP3_FRAME.DATA, item.length, { kind: 'data' });
    return;
  }
  emit(t, direction, streamId, item.type, item.length, detailOf(item, section));
}

function detailOf(item: Extract<Http3FrameItem, { kind: 'frame' }>, section?: QpackFieldSection): H3FrameDetail {
  try {
    switch (item.type) {
      case HTTP3_FRAME.HEADERS:
        return describeFieldSection(section ?? createQpackDecoder({ maxTableCapacity: 0 }).decodeFieldSection(0, item.payload));
      case HTTP3_FRAME.SETTINGS:
        return { kind: 'settings', settings: parseSettings(item.payload) };
      case HTTP3_FRAME.GOAWAY:
      case HTTP3_FRAME.MAX_PUSH_ID:
      case HTTP3_FRAME.CANCEL_PUSH:
        return { kind: 'id', id: parseGoaway(item.payload) };
      default:
        return { kind: 'unknown' };
    }
  } catch (err) {
    return { kind: 'malformed', reason: err instanceof Error ? err.message : String(err) };
  }
}

export function traceQpackInstructions(t: H3FrameTrace, streamId: number, instructions: readonly QpackEncoderInstruction[]): void {
  if (!wantsH3Frames(t)) return;
  for (const i of instructions) {
    const text =
      i.kind === 'set-capacity' ? `Set Dynamic Table Capacity ${i.capacity}`
      : i.kind === 'duplicate' ? `Duplicate ${i.index} -> [${i.absoluteIndex}] ${i.name}: ${i.value}`
      : `Insert ${i.kind === 'insert-with-name-reference' ? `With Name Reference ${i.isStatic ? 'static' : 'dynamic'} ${i.index}` : 'With Literal Name'} -> [${i.absoluteIndex}] ${i.name}: ${i.value}`;
    emit(t, 'recv', streamId, null, 0, { kind: 'qpack', instruction: text });
  }
}
