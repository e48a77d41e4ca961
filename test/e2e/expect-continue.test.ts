// Expect: 100-continue over HTTP/1.1, as curl does it: sent with uploads over 1 MiB, the body held until the
// 100 (or --expect100-timeout), never sent when the server answers first; -H 'Expect:' turns it off.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, startRawServer, type Running } from '../helpers/raw-servers.js';
import { qurl } from '../helpers/run-qurl.js';

const big = join(tmpdir(), `qurl-expect-${process.pid}.bin`);
const exactlyOneMiB = join(tmpdir(), `qurl-expect-1m-${process.pid}.bin`);
const SIZE = 1024 * 1024 + 1;
let node: Running & { requests: { headers: Record<string, string>; body: string }[] };
let silent: Running & { received: Buffer[] };
let refusing: Running & { received: Buffer[] };
let noExpect: Running & { received: Buffer[] };
const noExpectHeads: string[] = [];

beforeAll(async () => {
  writeFileSync(big, Buffer.alloc(SIZE, 120));
  writeFileSync(exactlyOneMiB, Buffer.alloc(1024 * 1024, 120));
  // node:http answers `Expect: 100-continue` with a 100 by itself.
  node = await startHttpServer((req, res) => res.end(`${req.headers.expect ?? 'no expect'}`));
  // Never sends a 100: reads the whole request, then answers.
  silent = await startRawServer((socket, received) => {
    socket.on('data', () => {
      const all = Buffer.concat(received);
      const end = all.indexOf('\r\n\r\n');
      if (end >= 0 && all.length - end - 4 >= SIZE) socket.end(`HTTP/1.1 200 OK\r\nContent-Length: ${String(all.length - end - 4).length}\r\n\r\n${all.length - end - 4}`);
    });
  });
  // Answers as soon as the head arrives, without waiting for the body.
  refusing = await startRawServer((socket) => socket.once('data', () => socket.write('HTTP/1.1 413 Payload Too Large\r\nContent-Length: 3\r\n\r\nno\n')));
  // Refuses Expect with 417 (closing), and takes the request whole without it.
  noExpect = await startRawServer((socket) => {
    let buf = Buffer.alloc(0);
    let recorded = false;
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = buf.subarray(0, end).toString('latin1');
      if (!recorded) noExpectHeads.push(head.split('\r\n')[0]! + (/\r\nexpect:/i.test(head) ? ' +expect' : ''));
      recorded = true;
      if (/\r\nexpect:/i.test(head)) return void socket.end('HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      if (buf.length - end - 4 >= SIZE) socket.end(`HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\ngot\n\n`);
    });
  });
});
afterAll(async () => {
  await Promise.all([node.close(), silent.close(), refusing.close(), noExpect.close()]);
});

describe('Expect: 100-continue', () => {
  it('an upload over 1 MiB asks first, and goes once the server says 100', async () => {
    const r = await qurl(['-sS', '--data-binary', `@${big}`, '-w', ' %{size_upload}', node.url]);
    expect(r.stdout).toBe(`100-continue ${SIZE}`);
    expect(node.requests.at(-1)!.body.length).toBe(SIZE);
  });

  it('1 MiB or less does not ask; -H "Expect:" turns it off', async () => {
    const small = await qurl(['-sS', '--data-binary', `@${exactlyOneMiB}`, node.url]);
    expect(small.stdout).toBe('no expect');
    const off = await qurl(['-sS', '-H', 'Expect:', '--data-binary', `@${big}`, node.url]);
    expect(off.stdout).toBe('no expect');
  });

  it('no 100 within --expect100-timeout: the body goes anyway', async () => {
    const r = await qurl(['-sS', '--expect100-timeout', '0.2', '--data-binary', `@${big}`, '-w', ' %{size_upload}', silent.url]);
    expect([r.exitCode, r.stdout]).toEqual([0, `${SIZE} ${SIZE}`]);
  });

  it('a final answer before the 100: the body is never sent, and the connection is not used again', async () => {
    const r = await qurl(['-sS', '--expect100-timeout', '5', '--data-binary', `@${big}`, '-w', '%{http_code} %{size_upload} %{num_connects}\n', refusing.url, '--next', '-sS', '-w', '%{http_code} %{num_connects}\n', '-o', '/dev/null', refusing.url]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('no\n413 0 1\n413 1\n');
    expect(r.ms).toBeLessThan(4000);
  });

  it('417 Expectation Failed: the request goes once more without Expect, as curl sends it', async () => {
    noExpectHeads.length = 0;
    const r = await qurl(['-sS', '--data-binary', `@${big}`, '-w', '%{http_code} %{num_connects}', noExpect.url]);
    expect([r.exitCode, r.stdout]).toEqual([0, 'got\n\n200 2']);
    expect(noExpectHeads).toEqual(['POST / HTTP/1.1 +expect', 'POST / HTTP/1.1']);
  });
});
