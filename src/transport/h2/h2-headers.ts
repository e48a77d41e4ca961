// Request and response header conversion between qurl's ordered lists and node:http2's header objects (RFC 9113 §8.2).
import type { HeaderList } from '../../trace/index.js';
import type { RequestHead } from '../protocol-connection.js';
import { toRequestFields } from '../request-fields.js';

export function toH2RequestHeaders(head: RequestHead, scheme: string, contentLength: number | null): { list: HeaderList; object: Record<string, string | string[]> } {
  const list = toRequestFields(head, scheme, contentLength);
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
