// --trace / --trace-ascii: curl's dump layout (tool_cb_dbg.c) of every byte sent and received, plus `== Info:` lines.
import type { Writable } from 'node:stream';
import { now, wallClockUs, type TraceEvent, type TraceView } from '../trace/index.js';
import { describeEvent } from './describe-event.js';

export interface TraceDumpOptions {
  readonly out: Writable;
  readonly ascii: boolean;
  readonly withTime: boolean;
}

/** curl's --trace-time stamp: local wall-clock time with microseconds, of the event at `t` (now without one). */
export function timestamp(t: bigint = now()): string {
  const us = Math.floor(wallClockUs(t));
  const d = new Date(Math.floor(us / 1000));
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(us % 1_000_000, 6)} `;
}

/** curl's dump(): 16 bytes a row in hex, or 64 characters a row in ASCII mode breaking at CRLF. */
export function dumpBytes(label: string, bytes: Uint8Array, ascii: boolean): string {
  const width = ascii ? 0x40 : 0x10;
  const size = bytes.length;
  let out = `${label}, ${size} bytes (0x${size.toString(16)})\n`;
  const printable = (b: number): string => (b >= 0x20 && b < 0x80 ? String.fromCharCode(b) : '.');
  for (let i = 0; i < size; i += width) {
    out += `${i.toString(16).padStart(4, '0')}: `;
    if (!ascii) {
      for (let c = 0; c < width; c++) out += i + c < size ? `${bytes[i + c]!.toString(16).padStart(2, '0')} ` : '   ';
    }
    for (let c = 0; c < width && i + c < size; c++) {
      if (ascii && i + c + 1 < size && bytes[i + c] === 0x0d && bytes[i + c + 1] === 0x0a) {
        i += c + 2 - width;
        break;
      }
      out += printable(bytes[i + c]!);
      if (ascii && i + c + 2 < size && bytes[i + c + 1] === 0x0d && bytes[i + c + 2] === 0x0a) {
        i += c + 3 - width;
        break;
      }
    }
    out += '\n';
  }
  return out;
}

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

export function createTraceDumpView(options: TraceDumpOptions): TraceView {
  // The event's own time: a line is stamped when it happened, not when it was written.
  let at = 0n;
  const write = (text: string): void => {
    options.out.write(options.withTime ? `${timestamp(at)}${text}` : text);
  };
  return {
    types: new Set(['dns', 'connect', 'tls', 'data', 'redirect', 'retry', 'info']),
    onEvent(e: TraceEvent) {
      at = e.t;
      if (e.type !== 'data') {
        for (const line of describeEvent(e)) write(`== Info: ${line}\n`);
        return;
      }
      const label = `${e.direction === 'send' ? '=> Send' : '<= Recv'} ${e.kind === 'header' ? 'header' : 'data'}`;
      // curl reports received header lines one at a time
      const blocks = e.direction === 'recv' && e.kind === 'header' ? splitLines(e.bytes) : [e.bytes];
      for (const b of blocks) write(dumpBytes(label, b, options.ascii));
    },
  };
}
