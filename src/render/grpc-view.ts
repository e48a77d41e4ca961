// What `qurl grpc` prints, as grpcurl prints it: response messages on stdout (JSON, or raw bytes), -v's
// sections (method, request metadata, response headers, contents, trailers, counts) and the status on stderr.
import type { Writable } from 'node:stream';
import { encodeSizeDelimited } from '../codec/index.js';
import { createBatchedOutput } from './batched-output.js';
import type { HeaderList, TraceEvent, TraceView } from '../trace/index.js';

export interface GrpcViewOptions {
  readonly out: Writable;
  readonly err: Writable;
  readonly verbose: number;
  /** --format-error: the status as JSON. */
  readonly formatError: boolean;
  /** grpc-go's name for a code (`NotFound`). */
  readonly codeName: (code: number) => string;
  /** A metadata value as grpcurl shows it (-bin values as padded base64). */
  readonly showValue: (name: string, value: string) => string;
}

/** grpcurl's textSeparatorChar (ASCII RS). */
const TEXT_SEPARATOR = '\x1e';

/** Request fields the gRPC transport sets; -v's "Request metadata to send" shows only the user's. */
const TRANSPORT_FIELDS = new Set(['content-type', 'user-agent', 'te', 'grpc-accept-encoding', 'grpc-encoding', 'grpc-timeout']);

/** grpcurl's MetadataToString: `name: value` lines sorted by name (each name's values in order), or `(empty)`. */
function metadataText(fields: HeaderList, show: GrpcViewOptions['showValue']): string {
  const named = fields.filter(([n]) => !n.startsWith(':'));
  const lines = [...named].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([n, v]) => `${n}: ${show(n, v)}`);
  return lines.length === 0 ? '(empty)' : lines.join('\n');
}

function statusText(e: Extract<TraceEvent, { type: 'grpc-status' }>, codeName: (code: number) => string): string {
  let text = `ERROR:\n  Code: ${codeName(e.code)}\n  Message: ${e.message}\n`;
  if (e.details.length === 0) return text;
  text += '  Details:\n';
  e.details.forEach((detail, i) => {
    const prefix = `  ${i + 1})`;
    const [first = '', ...rest] = detail.split('\n');
    text += `${prefix}\t${first}\n${rest.map((line) => `${' '.repeat(prefix.length)}\t${line}\n`).join('')}`;
  });
  return text;
}

function statusJson(e: Extract<TraceEvent, { type: 'grpc-status' }>): string {
  const details = e.details.map((d) => JSON.parse(d) as unknown);
  return `${JSON.stringify({ code: e.code, message: e.message, ...(details.length ? { details } : {}) }, null, 2)}\n`;
}

export interface GrpcView extends TraceView {
  /** Resolves when stdout has taken the messages printed so far (a call waits on it before reading more). */
  drained(): Promise<void> | undefined;
}

export function createGrpcView(o: GrpcViewOptions): GrpcView {
  const out = createBatchedOutput(o.out);
  let shownResponses = 0;
  const section = (title: string, body: string): void => out.write(`\n${title}:\n${body}\n`);
  return {
    drained: () => out.drained(),
    types: new Set(['grpc-message', 'grpc-status', 'request-head', 'response-head', 'trailers', 'info']),
    onEvent(e) {
      // Transfer 0 is the method call; server reflection's calls (numbered after it) are not part of its story.
      if (e.transferId !== 0) return;
      switch (e.type) {
        case 'info':
          if (e.source === 'grpc-method' && o.verbose > 0) section('Resolved method descriptor', e.message);
          return;
        case 'request-head':
          if (o.verbose > 0) section('Request metadata to send', metadataText(e.headers.filter(([n]) => !TRANSPORT_FIELDS.has(n)), o.showValue));
          return;
        case 'response-head':
          // A trailers-only response's one HEADERS frame is its trailers, as grpc-go reports it.
          if (o.verbose > 0 && e.status >= 200) section('Response headers received', e.headers.some(([n]) => n === 'grpc-status') ? '(empty)' : metadataText(e.headers, o.showValue));
          return;
        case 'trailers':
          if (o.verbose > 0 && e.source === 'grpc') section('Response trailers received', metadataText(e.headers.filter(([n]) => !/^grpc-(status|message|status-details-bin)$/.test(n)), o.showValue));
          return;
        case 'grpc-message':
          if (e.direction !== 'recv') return;
          if (o.verbose > 1) out.write(`\nEstimated response size: ${e.bytes.length} bytes\n`);
          if (o.verbose > 0) out.write('\nResponse contents:\n');
          // grpcurl separates text-format responses with 0x1E, except under -v (whose sections separate them).
          if (e.format === 'text' && o.verbose === 0 && shownResponses > 0) out.write(TEXT_SEPARATOR);
          shownResponses++;
          if (e.text === null) out.write(e.delimited ? encodeSizeDelimited(e.bytes) : e.bytes);
          else out.write(`${e.text}\n`);
          return;
        case 'grpc-status':
          if (o.verbose > 0) out.write(`Sent ${e.requests} request${e.requests === 1 ? '' : 's'} and received ${e.responses} response${e.responses === 1 ? '' : 's'}\n`);
          out.flush();
          if (e.code !== 0) o.err.write(!o.formatError ? statusText(e, o.codeName) : e.text !== undefined ? `${e.text}\n` : statusJson(e));
          return;
        default:
          return;
      }
    },
  };
}
