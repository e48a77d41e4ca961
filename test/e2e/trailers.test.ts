// Response trailers over HTTP/1.1 (chunked) and HTTP/2: shown by -i, -D and -v after the body.
import http from 'node:http';
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qurl } from '../helpers/run-qurl.js';

let h1: http.Server;
let h2: http2.Http2Server;
let h1Url = '';
let h2Url = '';

beforeAll(async () => {
  h1 = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain', Trailer: 'X-Checksum' });
    res.write('body');
    res.addTrailers({ 'X-Checksum': 'abc123' });
    res.end();
  });
  h2 = http2.createServer();
  h2.on('stream', (stream) => {
    stream.respond({ ':status': 200, 'content-type': 'text/plain' }, { waitForTrailers: true });
    stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0', 'x-checksum': 'def456' }));
    stream.end('body');
  });
  await new Promise<void>((r) => h1.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => h2.listen(0, '127.0.0.1', r));
  h1Url = `http://127.0.0.1:${(h1.address() as AddressInfo).port}/`;
  h2Url = `http://127.0.0.1:${(h2.address() as AddressInfo).port}/`;
});
afterAll(() => {
  h1.close();
  h2.close();
});

describe('trailers', () => {
  it('HTTP/1.1 chunked trailers follow the body with -i and show in -v', async () => {
    const r = await qurl(['-v', '-i', h1Url]);
    expect(r.stdout).toMatch(/\r\n\r\nbodyX-Checksum: abc123\r\n$/);
    expect(r.stderr).toMatch(/^< X-Checksum: abc123\r$/m);
  });

  it('HTTP/2 trailers the same way', async () => {
    const r = await qurl(['-v', '-i', '--http2-prior-knowledge', h2Url]);
    expect(r.stdout).toMatch(/^HTTP\/2 200\r\n/);
    expect(r.stdout).toMatch(/\r\n\r\nbodygrpc-status: 0\r\nx-checksum: def456\r\n$/);
    expect(r.stderr).toMatch(/^< x-checksum: def456\r$/m);
  });
});
