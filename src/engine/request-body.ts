// Prepares the request body from -d, --data-*, --json and -F: its length, type and a way to (re)open it for redirects.
import { createReadStream, fstatSync } from 'node:fs';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { guessContentType, multipartClose, multipartPartHead, urlEncode } from '../codec/index.js';
import { toBodyReadError, type RequestBody } from '../transport/index.js';
import { localFileSize, readLocal } from './local-files.js';
import type { DataPart, FormPart } from './request-spec.js';

export interface PreparedBody {
  /** null: unknown (stdin), sent chunked over HTTP/1.1. */
  readonly length: number | null;
  readonly contentType: string | undefined;
  /** Opens the body afresh (a 307/308 redirect sends it again). */
  open(): RequestBody;
}

/** Percent-encoding as curl 7.88 does it for form data: a space becomes `+`. */
const formEncode = (content: string | Uint8Array): string => urlEncode(content).replace(/%20/g, '+');

/** One --data-urlencode (or --url-query) part: `content`, `=content`, `name=content`, `@file`, `name@file`. */
export function urlencodedPart(value: string): string {
  const eq = value.indexOf('=');
  const at = value.indexOf('@');
  if (at >= 0 && (eq < 0 || at < eq)) {
    const name = value.slice(0, at);
    const content = formEncode(readLocal(value.slice(at + 1)));
    return name ? `${name}=${content}` : content;
  }
  if (eq < 0) return formEncode(value);
  const name = value.slice(0, eq);
  return name ? `${name}=${formEncode(value.slice(eq + 1))}` : formEncode(value.slice(eq + 1));
}

function dataPartBytes(part: DataPart): Buffer {
  const fromFile = part.value.startsWith('@') && part.kind !== 'data-raw' && part.kind !== 'data-urlencode';
  switch (part.kind) {
    case 'data':
      return fromFile ? Buffer.from(readLocal(part.value.slice(1)).toString('latin1').replace(/[\r\n]/g, ''), 'latin1') : Buffer.from(part.value);
    case 'data-binary':
    case 'json':
      return fromFile ? readLocal(part.value.slice(1)) : Buffer.from(part.value);
    case 'data-raw':
      return Buffer.from(part.value);
    case 'data-urlencode':
      return Buffer.from(urlencodedPart(part.value));
  }
}

/** The bytes of all data parts joined as curl joins them (`&`, or nothing between --json parts). */
export function joinDataParts(parts: readonly DataPart[]): Buffer {
  const isJson = parts.some((p) => p.kind === 'json');
  const chunks: Buffer[] = [];
  parts.forEach((p, i) => {
    if (i > 0 && !isJson) chunks.push(Buffer.from('&'));
    chunks.push(dataPartBytes(p));
  });
  return Buffer.concat(chunks);
}

function regularStdinSize(): number {
  try {
    const st = fstatSync(0);
    return st.isFile() ? st.size : 0;
  } catch {
    return 0;
  }
}

function prepareData(parts: readonly DataPart[]): PreparedBody {
  const isJson = parts.some((p) => p.kind === 'json');
  const contentType = isJson ? 'application/json' : 'application/x-www-form-urlencoded';
  const only = parts.length === 1 ? parts[0]! : null;
  const streamFile = only && (only.kind === 'data-binary' || only.kind === 'json') && /^@(?!-$)/.test(only.value) ? only.value.slice(1) : null;
  // A file that says it is empty may not be (/proc files): it is read whole up front, as curl reads -d files.
  const size = streamFile ? localFileSize(streamFile) : 0;
  if (streamFile && size > 0) {
    const source = `file "${streamFile}"`;
    return { length: size, contentType, open: () => ({ stream: createReadStream(streamFile), length: size, source }) };
  }
  // @- from a redirected regular file streams too (read at offset 0, so a 307 can send it again); a pipe is
  // read whole first, as curl reads it, for its Content-Length.
  const stdinSize = only && (only.kind === 'data-binary' || only.kind === 'json') && only.value === '@-' ? regularStdinSize() : 0;
  if (stdinSize > 0) {
    return { length: stdinSize, contentType, open: () => ({ stream: createReadStream('', { fd: 0, start: 0, autoClose: false }), length: stdinSize, source: 'stdin' }) };
  }
  const bytes = joinDataParts(parts);
  return { length: bytes.length, contentType, open: () => ({ stream: Readable.from([bytes]), length: bytes.length, source: 'the -d data' }) };
}

type Piece = { readonly text: string } | { readonly file: string; readonly size: number };

async function prepareForm(parts: readonly FormPart[], options: FormOptions): Promise<PreparedBody> {
  const { randomBytes } = await import('node:crypto');
  const boundary = `------------------------${randomBytes(8).toString('hex')}`;
  const backslash = options.escape;
  const mediaType = options.mediaType ?? 'multipart/form-data';
  const disposition = /^multipart\/form-data\s*(;|$)/i.test(mediaType) ? 'form-data' : 'attachment';
  const pieces: Piece[] = [];
  for (const p of parts) {
    const head = { name: p.name, headers: p.headers, disposition } as const;
    if (p.file && p.value === '-') {
      // @-: stdin read whole (curl too), named "-" and, as in curl, without a guessed type.
      pieces.push({ text: multipartPartHead(boundary, { ...head, filename: p.filename ?? '-', type: p.type }, backslash) + readLocal('-').toString('latin1') });
    } else if (p.file) {
      const filename = p.filename ?? basename(p.value);
      pieces.push({ text: multipartPartHead(boundary, { ...head, filename, type: p.type ?? guessContentType(filename) }, backslash) });
      pieces.push({ file: p.value, size: localFileSize(p.value) });
    } else {
      const value = p.contentFile ? readLocal(p.value).toString('latin1') : p.value;
      pieces.push({ text: multipartPartHead(boundary, { ...head, filename: p.filename, type: p.type }, backslash) + value });
    }
    pieces.push({ text: '\r\n' });
  }
  pieces.push({ text: multipartClose(boundary) });
  const length = pieces.reduce((n, p) => n + ('text' in p ? Buffer.byteLength(p.text, 'latin1') : p.size), 0);
  async function* generate(): AsyncGenerator<Buffer> {
    for (const p of pieces) {
      if ('text' in p) yield Buffer.from(p.text, 'latin1');
      else {
        try {
          for await (const chunk of createReadStream(p.file)) yield chunk as Buffer;
        } catch (err) {
          throw toBodyReadError(err, `file "${p.file}"`);
        }
      }
    }
  }
  return { length, contentType: `${mediaType}; boundary=${boundary}`, open: () => ({ stream: Readable.from(generate()), length, source: 'the -F form' }) };
}

/** -T FILE: the file's bytes as they are, no Content-Type; '-' and '.' stream stdin (length unknown). */
export function prepareUpload(file: string): PreparedBody {
  if (file === '-' || file === '.') {
    return { length: null, contentType: undefined, open: () => ({ stream: process.stdin, length: null, source: 'stdin' }) };
  }
  const size = localFileSize(file);
  const source = `file "${file}"`;
  return { length: size, contentType: undefined, open: () => ({ stream: createReadStream(file), length: size, source }) };
}

/** curl's -T rule: a URL with no file name (its path ends in /) gets the uploaded file's name. */
export function uploadUrl(url: string, file: string): string {
  if (file === '-' || file === '.') return url;
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#]*)?([^?#]*)(.*)$/i.exec(url);
  if (!m) return url;
  const [, origin = '', path = '', rest = ''] = m;
  if (path !== '' && !path.endsWith('/')) return url;
  return `${origin}${path === '' ? '/' : path}${encodeURIComponent(basename(file))}${rest}`;
}

export interface FormOptions {
  /** --form-escape. */
  readonly escape: boolean;
  /** A -H Content-Type given with -F: curl uses it, with the boundary added, as the body's type. */
  readonly mediaType?: string;
}

export async function prepareBody(data: readonly DataPart[], form: readonly FormPart[], formOptions: FormOptions = { escape: false }): Promise<PreparedBody | null> {
  if (form.length > 0) return prepareForm(form, formOptions);
  if (data.length > 0) return prepareData(data);
  return null;
}
