// Request and response header conversion between qurl's ordered lists and node:http2's header objects (RFC 9113 §8.2).
import type { HeaderList } from '../../trace/index.js';
import type { RequestHead } from '../protocol-connection.js';
import { toRequestFields } from '../request-fields.js';

export function toH2RequestHeaders(head: RequestHead, scheme: string, contentLength: number | null): { list: HeaderList; object: Record<string, string | string[]> } {
  const list = toRequestFields(head, scheme, contentLength);
  const object: Record<string, string | string[]> = {};
  for (let i = 0; i < list.length; i++) {
    const name = list[i]![0];
    const value = list[i]![1];
    const prev = object[name];
    if (prev === undefined) object[name] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else object[name] = [prev, value];
  }
  return { list, object };
}

/** The fields of node:http2's raw header array [name, value, name, value, …], in wire order, without pseudo-headers. */
export function fromRawHeaders(raw: readonly string[]): HeaderList {
  const list: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]![0] !== ':') list.push([raw[i]!, raw[i + 1]!]);
  return list;
}
