// --trace-frames and -vv: every HTTP/2 frame both ways in nghttp's layout, with decoded HPACK header fields;
// HTTP/3 frames in the same layout, with their QUIC stream, decoded QPACK fields and QPACK stream instructions.
import type { Writable } from 'node:stream';
import { errorCodeName, flagNames, frameTypeName, http3FrameTypeName, http3SettingName, http3StreamTypeName, SETTINGS_NAMES } from '../codec/index.js';
import type { FrameDetail, H3FrameDetail, TraceEvent, TraceView } from '../trace/index.js';

const INDENT = '          ';

function stamp(t: bigint): string {
  const ms = Number(t / 1_000_000n);
  return `[${String(Math.floor(ms / 1000)).padStart(3)}.${String(ms % 1000).padStart(3, '0')}]`;
}

const hex2 = (n: number): string => `0x${n.toString(16).padStart(2, '0')}`;

function detailLines(p: FrameDetail): string[] {
  switch (p.kind) {
    case 'data':
      return p.padLength ? [`(padlen=${p.padLength})`] : [];
    case 'headers':
      return [`(padlen=${p.padLength}${p.priority ? `, dep_stream_id=${p.priority.dependency}, weight=${p.priority.weight}, exclusive=${p.priority.exclusive ? 1 : 0}` : ''})`];
    case 'priority':
      return [`(dep_stream_id=${p.priority.dependency}, weight=${p.priority.weight}, exclusive=${p.priority.exclusive ? 1 : 0})`];
    case 'rst-stream':
      return [`(error_code=${errorCodeName(p.errorCode)}(${hex2(p.errorCode)}))`];
    case 'settings':
      return [`(niv=${p.settings.length})`, ...p.settings.map(([id, v]) => `[${SETTINGS_NAMES[id] ?? 'UNKNOWN'}(${hex2(id)}):${v}]`)];
    case 'push-promise':
      return [`(padlen=${p.padLength}, promised_stream_id=${p.promisedStreamId})`];
    case 'ping':
      return [`(opaque_data=${Buffer.from(p.opaque).toString('hex')})`];
    case 'goaway': {
      const debug = Buffer.from(p.debug).toString('latin1').replace(/[^\x20-\x7e]/g, '.');
      return [`(last_stream_id=${p.lastStreamId}, error_code=${errorCodeName(p.errorCode)}(${hex2(p.errorCode)}), opaque_data(${p.debug.length})=[${debug}])`];
    }
    case 'window-update':
      return [`(window_size_increment=${p.increment})`];
    case 'continuation':
    case 'unknown':
      return [];
    case 'malformed':
      return [`; MALFORMED: ${p.reason}`];
    default: {
      const never: never = p;
      return never;
    }
  }
}

/** The lines for one frame event, without the trailing newline. */
export function formatFrame(e: Extract<TraceEvent, { type: 'frame' }>): string {
  const name = frameTypeName(e.frameType);
  const lines = [`${stamp(e.t)} ${e.direction} ${name} frame <length=${e.length}, flags=${hex2(e.flags)}, stream_id=${e.streamId ?? 0}>`];
  const flags = flagNames(e.frameType, e.flags);
  if (flags.length > 0) lines.push(`${INDENT}; ${flags.join(' | ')}`);
  lines.push(...detailLines(e.payload).map((l) => INDENT + l));
  for (const size of e.tableSizeUpdates ?? []) lines.push(`${INDENT}; HPACK dynamic table size update: ${size}`);
  for (const [n, v] of e.headers ?? []) lines.push(`${INDENT}${n}: ${v}`);
  if (e.hpackError) lines.push(`${INDENT}; HPACK: ${e.hpackError}`);
  return lines.join('\n');
}

function h3DetailLines(d: H3FrameDetail): string[] {
  switch (d.kind) {
    case 'headers':
      return [
        `; QPACK required_insert_count=${d.requiredInsertCount}, base=${d.base}`,
        ...d.fields.map(([n, v, how]) => (how.includes('dynamic') || how.includes('post-base') ? `${n}: ${v} ; ${how}` : `${n}: ${v}`)),
      ];
    case 'settings':
      return d.settings.map(([id, v]) => `[${http3SettingName(id)}(${hex2(id)}):${v}]`);
    case 'id':
      return [`(id=${d.id})`];
    case 'malformed':
      return [`; MALFORMED: ${d.reason}`];
    case 'stream-type':
    case 'qpack':
    case 'data':
    case 'unknown':
      return [];
    default: {
      const never: never = d;
      return never;
    }
  }
}

/** The lines for one HTTP/3 event: a frame, the type a new stream announced, or a QPACK instruction. */
export function formatH3Frame(e: Extract<TraceEvent, { type: 'h3-frame' }>): string {
  const at = `${stamp(e.t)} ${e.direction}`;
  const id = e.streamId ?? 0;
  if (e.detail.kind === 'stream-type') return `${at} stream ${id} opened: ${http3StreamTypeName(e.detail.streamType)}`;
  if (e.detail.kind === 'qpack') return `${at} QPACK ${e.detail.instruction} <stream_id=${id}>`;
  const name = e.frameType === null ? 'UNKNOWN' : http3FrameTypeName(e.frameType);
  return [`${at} ${name} frame <length=${e.length}, stream_id=${id}>`, ...h3DetailLines(e.detail).map((l) => INDENT + l)].join('\n');
}

export function createFrameTraceView(out: Writable): TraceView {
  return {
    types: new Set(['frame', 'h3-frame']),
    onEvent(e) {
      if (e.type === 'frame') out.write(`${formatFrame(e)}\n`);
      else if (e.type === 'h3-frame') out.write(`${formatH3Frame(e)}\n`);
    },
  };
}
