// The passive HTTP/2 frame trace: --trace-frames and -vv in nghttp's layout, HPACK decoded, hostile frames shown.
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame, FRAME_TYPE } from '../../src/codec/index.js';
import type { RunningServe } from '../../src/serve/index.js';
import { qurl } from '../helpers/run-qurl.js';
import { startRawServer } from '../helpers/raw-servers.js';
import { withServe } from '../helpers/serve.js';

let serve: RunningServe;
beforeAll(async () => {
  serve = await withServe();
});
afterAll(() => serve.close());

describe('HTTP/2 frame trace', () => {
  it('--trace-frames - shows every frame both ways with decoded headers', async () => {
    const r = await qurl(['-s', '--cacert', serve.caFile, '--trace-frames', '-', '-o', '/dev/null', `${serve.httpsUrl}/bytes/10`]);
    const t = r.stdout;
    expect(t).toMatch(/^\[ {2}\d\.\d{3}\] send SETTINGS frame <length=\d+, flags=0x00, stream_id=0>\n {10}\(niv=\d+\)\n {10}\[SETTINGS_ENABLE_PUSH\(0x02\):0\]$/m);
    expect(t).toMatch(/^\[[ \d.]+\] recv SETTINGS frame <length=0, flags=0x01, stream_id=0>\n {10}; ACK$/m);
    expect(t).toMatch(/^\[[ \d.]+\] send HEADERS frame <length=\d+, flags=0x05, stream_id=1>\n {10}; END_STREAM \| END_HEADERS\n {10}\(padlen=0\)\n {10}:method: GET\n {10}:path: \/bytes\/10\n {10}:scheme: https\n/m);
    expect(t).toMatch(/^ {10}user-agent: qurl\/0\.1\.0$/m);
    expect(t).toMatch(/^\[[ \d.]+\] recv HEADERS frame <length=\d+, flags=0x04, stream_id=1>\n {10}; END_HEADERS\n {10}\(padlen=0\)\n {10}:status: 200\n/m);
    expect(t).toMatch(/^\[[ \d.]+\] recv DATA frame <length=\d+, flags=0x0[01], stream_id=1>$/m);
    expect(t).toMatch(/; END_STREAM\n/);
    expect(t).toMatch(/^\[[ \d.]+\] send GOAWAY frame <length=8, flags=0x00, stream_id=0>\n {10}\(last_stream_id=0, error_code=NO_ERROR\(0x00\), opaque_data\(0\)=\[\]\)$/m);
  });

  it('-vv adds the frames to -v on stderr', async () => {
    const r = await qurl(['-vv', '--cacert', serve.caFile, '-o', '/dev/null', `${serve.httpsUrl}/get`]);
    expect(r.stderr).toMatch(/^> GET \/get HTTP\/2\r$/m);
    expect(r.stderr).toMatch(/^\[[ \d.]+\] send HEADERS frame/m);
  });

  it('a server that lowers SETTINGS_HEADER_TABLE_SIZE: the trace shows the table size update, later requests work', async () => {
    const server = http2.createServer({ settings: { headerTableSize: 256 } }, (_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const r = await qurl(['-s', '--http2-prior-knowledge', '--trace-frames', '%', '-w', ' %{num_connects}', url, url, url]);
    server.close();
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('ok 1ok 0ok 0');
    expect(r.stderr).toMatch(/\[SETTINGS_HEADER_TABLE_SIZE\(0x01\):256\]/);
    expect(r.stderr).toMatch(/^ {10}; HPACK dynamic table size update: (256|0)$/m);
    expect(r.stderr.match(/^ {10}:status: 200$/gm)).toHaveLength(3);
  });

  it('--trace dumps the cleartext HTTP/2 bytes, starting with the client preface', async () => {
    const r = await qurl(['-s', '--http2-prior-knowledge', '--trace-ascii', '-', '-o', '/dev/null', `${serve.h2cUrl}/get`]);
    expect(r.stdout).toMatch(/^=> Send data, \d+ bytes \(0x[0-9a-f]+\)\n0000: PRI \* HTTP\/2\.0\n/m);
    expect(r.stdout).toMatch(/^<= Recv data, /m);
  });

  it('a malformed frame from the server is shown as malformed; the transfer fails with 16', async () => {
    const hostile = await startRawServer((socket) => {
      socket.once('data', () => {
        socket.write(encodeFrame(FRAME_TYPE.SETTINGS, 0, 0));
        socket.write(encodeFrame(FRAME_TYPE.PING, 0, 0, Uint8Array.of(1, 2, 3)));
      });
    });
    const r = await qurl(['-sS', '-m', '5', '--http2-prior-knowledge', '--trace-frames', '-', hostile.url]);
    await hostile.close();
    expect(r.stdout).toMatch(/recv PING frame <length=3, flags=0x00, stream_id=0>\n {10}; MALFORMED: PING payload is 3 bytes, not 8/);
    expect(r.exitCode).toBe(16);
    expect(r.stderr).toMatch(/^qurl: \(16\) HTTP\/2 error: /m);
  });
});

describe('hostile HTTP/2 servers', () => {
  function hostile(reply: (send: (b: Uint8Array) => void) => void) {
    return startRawServer((socket) => {
      let seen = Buffer.alloc(0);
      let answered = false;
      socket.once('data', () => socket.write(encodeFrame(FRAME_TYPE.SETTINGS, 0, 0)));
      socket.on('data', (d: Buffer) => {
        seen = Buffer.concat([seen, d]);
        // reply once the client's HEADERS for stream 1 is in
        if (!answered && seen.includes(Buffer.from([FRAME_TYPE.HEADERS, 0x05, 0, 0, 0, 1]))) {
          answered = true;
          reply((b) => socket.write(b));
        }
      });
    });
  }

  it('a header block that fails to decode: 16, the trace says why', async () => {
    const s = await hostile((send) => send(encodeFrame(FRAME_TYPE.HEADERS, 0x04, 1, Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x7f))));
    const r = await qurl(['-sS', '-m', '10', '--http2-prior-knowledge', '--trace-frames', '-', s.url]);
    await s.close();
    expect(r.stdout).toMatch(/; HPACK: index \d+ is beyond the dynamic table/);
    expect(r.stdout).toMatch(/send GOAWAY frame .*\n {10}\(last_stream_id=0, error_code=COMPRESSION_ERROR\(0x09\)/);
    expect(r.exitCode).toBe(16);
    expect(r.stderr).toMatch(/connection closed with COMPRESSION_ERROR \(err 9\)/);
  });

  it('a frame larger than our SETTINGS_MAX_FRAME_SIZE: 16', async () => {
    const s = await hostile((send) => send(encodeFrame(FRAME_TYPE.DATA, 0, 1, new Uint8Array(20_000))));
    const r = await qurl(['-sS', '-m', '10', '--http2-prior-knowledge', '--trace-frames', '/dev/null', s.url]);
    await s.close();
    expect(r.exitCode).toBe(16);
    expect(r.stderr).toMatch(/FRAME_SIZE_ERROR/);
  });

  it('without a trace too, a connection error ends the transfer at once with 16', async () => {
    const s = await hostile((send) => send(encodeFrame(FRAME_TYPE.HEADERS, 0x04, 1, Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x7f))));
    const r = await qurl(['-sS', '-m', '30', '--http2-prior-knowledge', s.url]);
    await s.close();
    expect(r.exitCode).toBe(16);
    expect(r.stderr).toMatch(/^qurl: \(16\) HTTP\/2 error: the server broke the protocol/);
    // Node 20's node:http2 says nothing after nghttp2's fatal GOAWAY; qurl must not wait for -m.
    expect(r.ms).toBeLessThan(6000);
  });
});
