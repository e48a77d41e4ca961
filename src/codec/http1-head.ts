// Parses an HTTP/1.x message head (start line plus fields) from raw bytes; pure, used by the CONNECT step.
export interface Http1Head {
  readonly startLine: string;
  readonly fields: readonly (readonly [string, string])[];
}

const CRLFCRLF = Buffer.from('\r\n\r\n');

/** Index just past the blank line that ends a head, or -1 if the head is not complete yet. */
export function findHeadEnd(bytes: Uint8Array, from = 0): number {
  const i = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(CRLFCRLF, Math.max(0, from - 3));
  return i < 0 ? -1 : i + 4;
}

export function parseHttp1Head(bytes: Uint8Array): Http1Head {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const lines = text.split('\r\n');
  const startLine = lines[0] ?? '';
  const fields: [string, string][] = [];
  for (const line of lines.slice(1)) {
    if (line === '') break;
    if ((line.startsWith(' ') || line.startsWith('\t')) && fields.length > 0) {
      const last = fields[fields.length - 1]!;
      last[1] = `${last[1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    fields.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return { startLine, fields };
}
