// The test server's endpoints, in the spirit of httpbin: /get, /anything, /status, redirects, bytes, compression, auth.
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { SSE_ROUTES } from './sse-routes.js';
import { dohRoute } from './doh-route.js';
import { argsOf, authorityOf, baseInfo, headersOf, readBody, sendJson, streamBytes, type Handler } from './route-helpers.js';

const MAX_BYTES = 2 ** 40;

function nonNegative(text: string | undefined, fallback: number): number {
  const n = Number(text);
  return text !== undefined && Number.isFinite(n) && n >= 0 ? n : fallback;
}

function compressed(encoding: 'gzip' | 'deflate' | 'br'): Handler {
  return (req, res, url) => {
    const body = Buffer.from(`${JSON.stringify({ ...baseInfo(req, url), [encoding === 'br' ? 'brotli' : encoding === 'gzip' ? 'gzipped' : 'deflated']: true }, null, 2)}\n`);
    const data = encoding === 'gzip' ? gzipSync(body) : encoding === 'deflate' ? deflateSync(body) : brotliCompressSync(body);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': encoding, 'Content-Length': data.length });
    res.end(data);
  };
}

function redirectChain(absolute: boolean): Handler {
  return (req, res, _url, m) => {
    const n = Number(m[1]);
    const base = absolute ? `http${'encrypted' in req.socket ? 's' : ''}://${authorityOf(req)}` : '';
    const next = n <= 1 ? `${base}/get` : `${base}/${absolute ? 'absolute-redirect' : 'redirect'}/${n - 1}`;
    res.writeHead(302, { Location: next, 'Content-Length': 0 });
    res.end();
  };
}

export const ROUTES: readonly (readonly [RegExp, Handler])[] = [
  ...SSE_ROUTES,
  [/^\/$/, (_req, res) => {
    const text = `qurl serve: /get /anything /status/:code /redirect/:n /absolute-redirect/:n /redirect-to?url= /bytes/:n /stream/:n /delay/:ms /gzip /deflate /brotli /headers /cookies /cookies/set?k=v /basic-auth/:user/:pass /drip /alt-svc?value= /dns-query (DoH: every name is loopback)\n`;
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }],
  [/^\/get$/, (req, res, url) => sendJson(res, baseInfo(req, url))],
  [/^\/anything(\/.*)?$/, async (req, res, url) => {
    const body = await readBody(req);
    const text = body.toString('utf8');
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    const form = /application\/x-www-form-urlencoded/.test(req.headers['content-type'] ?? '') ? argsOf(new URL(`http://x/?${text}`)) : {};
    sendJson(res, { ...baseInfo(req, url), method: req.method, data: text, json, form, bodyLength: body.length });
  }],
  [/^\/status\/(\d{3})$/, (_req, res, _url, m) => {
    const code = Number(m[1]);
    const headers: Record<string, string | number> = { 'Content-Length': 0 };
    if (code >= 300 && code < 400) headers.Location = '/redirect/1';
    if (code === 401) headers['WWW-Authenticate'] = 'Basic realm="qurl"';
    res.writeHead(code, headers);
    res.end();
  }],
  [/^\/redirect\/(\d+)$/, redirectChain(false)],
  [/^\/absolute-redirect\/(\d+)$/, redirectChain(true)],
  [/^\/redirect-to$/, (_req, res, url) => {
    const status = nonNegative(url.searchParams.get('status_code') ?? undefined, 302);
    res.writeHead(status, { Location: url.searchParams.get('url') ?? '/get', 'Content-Length': 0 });
    res.end();
  }],
  [/^\/bytes\/(\d+)$/, (_req, res, _url, m) => {
    const n = Math.min(Number(m[1]), MAX_BYTES);
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': n });
    streamBytes(res, n);
  }],
  [/^\/stream\/(\d+)$/, (req, res, url, m) => {
    const n = Math.min(Number(m[1]), 100_000);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    for (let i = 0; i < n; i++) res.write(`${JSON.stringify({ id: i, ...baseInfo(req, url) })}\n`);
    res.end();
  }],
  [/^\/delay\/(\d+)$/, (req, res, url, m) => {
    const timer = setTimeout(() => sendJson(res, baseInfo(req, url)), Math.min(Number(m[1]), 600_000));
    res.on('close', () => clearTimeout(timer));
  }],
  [/^\/gzip$/, compressed('gzip')],
  [/^\/deflate$/, compressed('deflate')],
  [/^\/brotli$/, compressed('br')],
  [/^\/headers$/, (req, res) => sendJson(res, { headers: headersOf(req) })],
  [/^\/dns-query$/, dohRoute],
  [/^\/alt-svc$/, (_req, res, url) => {
    // Replaces the TLS port's own advertisement, so clients' Alt-Svc handling can be tested.
    res.setHeader('alt-svc', url.searchParams.get('value') ?? 'clear');
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 3 });
    res.end('ok\n');
  }],
  [/^\/cookies$/, (req, res) => {
    const cookies: Record<string, string> = {};
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const [k, ...v] = part.trim().split('=');
      if (k) cookies[k] = v.join('=');
    }
    sendJson(res, { cookies });
  }],
  [/^\/cookies\/set$/, (_req, res, url) => {
    const cookies = [...url.searchParams].map(([k, v]) => `${k}=${v}; Path=/`);
    res.writeHead(302, { 'Set-Cookie': cookies, Location: '/cookies', 'Content-Length': 0 });
    res.end();
  }],
  [/^\/basic-auth\/([^/]+)\/([^/]+)$/, (req, res, _url, m) => {
    const expected = `Basic ${Buffer.from(`${m[1]}:${m[2]}`).toString('base64')}`;
    if (req.headers.authorization === expected) sendJson(res, { authenticated: true, user: m[1] });
    else sendJson(res, { authenticated: false }, 401, { 'WWW-Authenticate': 'Basic realm="qurl"' });
  }],
  [/^\/drip$/, (_req, res, url) => {
    const numbytes = Math.min(nonNegative(url.searchParams.get('numbytes') ?? undefined, 10), 10_000_000);
    const duration = nonNegative(url.searchParams.get('duration') ?? undefined, 2000);
    const delay = nonNegative(url.searchParams.get('delay') ?? undefined, 0);
    const start = setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': numbytes });
      let sent = 0;
      const tick = (): void => {
        if (sent >= numbytes) return void res.end();
        res.write('*');
        sent++;
        timer = setTimeout(tick, numbytes > 1 ? duration / (numbytes - 1) : 0);
      };
      let timer = setTimeout(tick, 0);
      res.on('close', () => clearTimeout(timer));
    }, delay);
    res.on('close', () => clearTimeout(start));
  }],
];
