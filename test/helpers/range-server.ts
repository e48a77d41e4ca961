// A file server that answers as caddy or nginx do for one 36-byte file: ranges (206, 416), ETag and
// Last-Modified with conditional requests, Content-Disposition; and paths that misbehave for resume tests.
import http from 'node:http';
import { startHttpServer, type Running } from './raw-servers.js';

export const RANGE_BODY = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz');
export const RANGE_ETAG = '"v1"';
export const RANGE_LAST_MODIFIED = 'Wed, 21 Oct 2015 07:28:00 GMT';

function answerRange(req: http.IncomingMessage, res: http.ServerResponse): void {
  const base = { etag: RANGE_ETAG, 'last-modified': RANGE_LAST_MODIFIED, 'accept-ranges': 'bytes', 'content-disposition': 'attachment; filename="file name.txt"' };
  const range = req.headers.range;
  const m = range === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(range);
  if (!m || (m[1] === '' && m[2] === '')) {
    res.writeHead(200, { ...base, 'content-length': RANGE_BODY.length });
    return void res.end(req.method === 'HEAD' ? undefined : RANGE_BODY);
  }
  const size = RANGE_BODY.length;
  const start = m[1] === '' ? Math.max(0, size - Number(m[2])) : Number(m[1]);
  const end = m[1] === '' || m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || start > end) {
    res.writeHead(416, { ...base, 'content-range': `bytes */${size}`, 'content-length': 0 });
    return void res.end();
  }
  res.writeHead(206, { ...base, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': end - start + 1 });
  res.end(RANGE_BODY.subarray(start, end + 1));
}

export function startRangeServer(): Promise<Running> {
  return startHttpServer((req, res) => {
    // Two clients asking in the same test may straddle a second.
    res.sendDate = false;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/norange') {
      res.writeHead(200, { 'content-length': RANGE_BODY.length });
      return void res.end(RANGE_BODY);
    }
    if (path === '/wrongstart') {
      res.writeHead(206, { 'content-range': `bytes 0-35/36`, 'content-length': RANGE_BODY.length });
      return void res.end(RANGE_BODY);
    }
    if (path === '/noetag') return void res.end('no etag here\n');
    if (path === '/evilname') {
      res.writeHead(200, { 'content-disposition': 'attachment; filename="../../evil.txt"' });
      return void res.end('evil\n');
    }
    if (req.headers['if-none-match'] === RANGE_ETAG) {
      res.writeHead(304, { etag: RANGE_ETAG });
      return void res.end();
    }
    const since = req.headers['if-modified-since'];
    if (since !== undefined && path !== '/ignores-conditions' && Date.parse(since) >= Date.parse(RANGE_LAST_MODIFIED)) {
      res.writeHead(304);
      return void res.end();
    }
    const unmodified = req.headers['if-unmodified-since'];
    if (unmodified !== undefined && path !== '/ignores-conditions' && Date.parse(unmodified) < Date.parse(RANGE_LAST_MODIFIED)) {
      res.writeHead(412);
      return void res.end();
    }
    answerRange(req, res);
  });
}
