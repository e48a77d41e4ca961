// -v: curl's verbose lines on stderr (`* ` info, `> ` request head, `< ` response head, `{ [N bytes data]`).
import type { Writable } from 'node:stream';
import type { TraceEvent, TraceEventType, TraceView } from '../trace/index.js';
import { describeEvent } from './describe-event.js';
import { timestamp } from './trace-dump-view.js';

export interface VerboseOptions {
  readonly out: Writable;
  /** curl hides the `{ [N bytes data]` lines when the body goes to the terminal. */
  readonly showDataLines: boolean;
  /** --trace-time: stamp every line. */
  readonly withTime: boolean;
}

const TYPES: readonly TraceEventType[] = ['dns', 'connect', 'tls', 'request-head', 'response-head', 'trailers', 'data', 'redirect', 'retry', 'info'];

export function createVerboseView(options: VerboseOptions): TraceView {
  // The event's own time: a line is stamped when it happened, not when it was written.
  let at = 0n;
  const write = (text: string): void => {
    options.out.write(options.withTime ? text.replace(/^(?=.)/gm, () => timestamp(at)) : text);
  };
  return {
    types: new Set(TYPES),
    onEvent(e: TraceEvent) {
      at = e.t;
      switch (e.type) {
        case 'request-head': {
          // As curl does for HTTP/2: :authority shown as Host, the other pseudo-headers are on the request line.
          const authority = e.headers.find(([k]) => k === ':authority')?.[1];
          const fields = [...(authority === undefined ? [] : [['Host', authority] as const]), ...e.headers.filter(([k]) => !k.startsWith(':'))];
          const lines = [`${e.method} ${e.target} HTTP/${e.version}`, ...fields.map(([k, v]) => `${k}: ${v}`), ''];
          write(lines.map((l) => `> ${l}\r\n`).join(''));
          return;
        }
        case 'response-head': {
          const text = Buffer.from(e.raw).toString('latin1');
          write(text.split('\r\n').slice(0, -1).map((l) => `< ${l}\r\n`).join(''));
          return;
        }
        case 'trailers':
          write(e.headers.map(([k, v]) => `< ${k}: ${v}\r\n`).join(''));
          return;
        case 'data':
          if (e.kind === 'body' && options.showDataLines) write(`${e.direction === 'recv' ? '{' : '}'} [${e.bytes.length} bytes data]\n`);
          return;
        default:
          for (const line of describeEvent(e)) write(`* ${line}\n`);
      }
    },
  };
}
