// Request and response header conversion between qurl's ordered lists and node:http2's header objects (RFC 9113 §8.2).
import type { HeaderList } from '../../trace/index.js';
import type { RequestHead } from '../protocol-connection.js';

/** Connection-specific fields that HTTP/2 forbids (RFC 9113 §8.2.2); Host becomes :authority. */
const DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host']);

export function toH2RequestHeaders(head: RequestHead, scheme: string, contentLength: number | null): { list: HeaderList; object: Record<string, string | string[]> } {
  const list: [string, string][] = [
    [':method', head.method],
    [':path', head.target],
    [':scheme', scheme],
    [':authority', head.authority],
  ];
  for (const [name, value] of head.headers) {
    const lower = name.toLowerCase();
    if (DROPPED.has(lower)) continue;
    if (lower === 'te' && value.toLowerCase() !== 'trailers') continue;
    list.push([lower, value]);
  }
  if (contentLength !== null && !list.some(([n]) => n === 'content-length')) list.push(['content-length', String(contentLength)]);
  const object: Record<string, string | string[]> = {};
  for (const [name, value] of list) {
    const prev = object[name];
    object[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return { list, object };
}

/** node:http2 gives a raw header array [name, value, name, value, …] in wire order. */
export function fromRawHeaders(raw: readonly string[]): HeaderList {
  const list: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) list.push([raw[i]!, raw[i + 1]!]);
  return list;
}

/** The head as curl's -i shows it for HTTP/2: `HTTP/2 200` then the fields, without pseudo-headers. */
export function renderH2Head(status: number, fields: HeaderList): Uint8Array {
  let text = `HTTP/2 ${status}\r\n`;
  for (const [name, value] of fields) if (!name.startsWith(':')) text += `${name}: ${value}\r\n`;
  return Buffer.from(`${text}\r\n`, 'latin1');
}
