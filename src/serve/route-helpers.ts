// Small helpers shared by the test server's routes.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, match: RegExpExecArray) => void | Promise<void>;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Host under HTTP/1.1, :authority under HTTP/2. */
export function authorityOf(req: IncomingMessage): string {
  return req.headers.host ?? (req.headers[':authority'] as string | undefined) ?? 'localhost';
}

export function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    if (name.startsWith(':')) continue;
    out[name] = out[name] === undefined ? req.rawHeaders[i + 1]! : `${out[name]}, ${req.rawHeaders[i + 1]!}`;
  }
  return out;
}

export function argsOf(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export function sendJson(res: ServerResponse, value: unknown, status = 200, extra: Record<string, string> = {}): void {
  const body = Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length, ...extra });
  res.end(body);
}

export function baseInfo(req: IncomingMessage, url: URL): Record<string, unknown> {
  return {
    args: argsOf(url),
    headers: headersOf(req),
    origin: req.socket.remoteAddress,
    url: url.href,
  };
}

/** A repeatable pseudo-random pattern, so /bytes/:n is not trivially compressible yet costs nothing per request. */
export const PATTERN: Buffer = (() => {
  const b = Buffer.alloc(64 * 1024);
  let x = 0x2545f491;
  for (let i = 0; i < b.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
})();

export function streamBytes(res: ServerResponse, total: number, done?: () => void): void {
  let sent = 0;
  const pump = (): void => {
    while (sent < total) {
      const n = Math.min(PATTERN.length, total - sent);
      sent += n;
      if (!res.write(n === PATTERN.length ? PATTERN : PATTERN.subarray(0, n))) {
        res.once('drain', pump);
        return;
      }
    }
    res.end();
    done?.();
  };
  pump();
}
