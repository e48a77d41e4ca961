// Request and response fields of the multiplexed protocols (RFC 9113 §8.3, RFC 9114 §4.3): pseudo-header
// fields first, no connection-specific fields, lower-case names; and the head as curl's -i shows it.
import type { HeaderList } from '../trace/index.js';
import type { RequestHead } from './protocol-connection.js';

/** Connection-specific fields that HTTP/2 and HTTP/3 forbid (RFC 9113 §8.2.2, RFC 9114 §4.2); Host becomes :authority. */
const DROPPED = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host']);

export function toRequestFields(head: RequestHead, scheme: string, contentLength: number | null): HeaderList {
  const list: [string, string][] = [
    [':method', head.method],
    [':path', head.target],
    [':scheme', scheme],
    [':authority', head.authority],
  ];
  let hasLength = false;
  // Index loops here and below: these run for every request, mostly before V8 optimises their iterators away.
  for (let i = 0; i < head.headers.length; i++) {
    const name = head.headers[i]![0];
    const value = head.headers[i]![1];
    const lower = name.toLowerCase();
    if (DROPPED.has(lower)) continue;
    if (lower === 'te' && value.toLowerCase() !== 'trailers') continue;
    if (lower === 'content-length') hasLength = true;
    list.push([lower, value]);
  }
  if (contentLength !== null && !hasLength) list.push(['content-length', String(contentLength)]);
  return list;
}

/** `HTTP/2 200` or `HTTP/3 200`, then the fields without pseudo-headers, as curl's -i prints them. */
export function renderHead(version: '2' | '3', status: number, fields: HeaderList): Uint8Array {
  let text = `HTTP/${version} ${status}\r\n`;
  for (let i = 0; i < fields.length; i++) if (fields[i]![0][0] !== ':') text += `${fields[i]![0]}: ${fields[i]![1]}\r\n`;
  return Buffer.from(`${text}\r\n`, 'latin1');
}
