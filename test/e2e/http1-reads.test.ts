// Plain HTTP/1.1 reads its socket into one reused buffer while the body goes to a sink that writes each chunk
// at once (-o files, stdout as a file); every byte must land where it belongs, however the reads fall.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { QURL_BIN, hermeticEnv, qurlBuffer, qurl } from '../helpers/run-qurl.js';
import { startHttpServer, startRawServer, type Running } from '../helpers/raw-servers.js';

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const BODY = randomBytes(8 * 1024 * 1024 + 12345);
const OTHER = randomBytes(3 * 1024 * 1024 + 7);
const dir = mkdtempSync(join(tmpdir(), 'qurl-reads-'));
let server: Running;

beforeAll(async () => {
  server = await startHttpServer((req, res) => res.end(req.url === '/other' ? OTHER : BODY));
});
afterAll(async () => {
  await server.close();
});

describe('HTTP/1.1 reads into a reused buffer', () => {
  it('-o files: two bodies on one kept-alive connection, each intact', async () => {
    const [a, b] = [join(dir, 'a.bin'), join(dir, 'b.bin')];
    const r = await qurl(['-sS', '-w', '%{num_connects} ', '-o', a, `${server.url}/body`, '-o', b, `${server.url}/other`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('1 0 ');
    expect(sha(readFileSync(a))).toBe(sha(BODY));
    expect(sha(readFileSync(b))).toBe(sha(OTHER));
  });

  it('stdout redirected to a file: intact; to a pipe (not lent): intact', async () => {
    const file = join(dir, 'stdout.bin');
    const r = await execa('node', [QURL_BIN, '-sS', `${server.url}/body`], { env: hermeticEnv(), extendEnv: false, stdout: { file }, reject: false });
    expect(r.exitCode).toBe(0);
    expect(sha(readFileSync(file))).toBe(sha(BODY));
    const piped = await qurlBuffer([`${server.url}/body`]);
    expect(sha(piped.stdout)).toBe(sha(BODY));
  });

  it('chunked framing cut across reads (size lines and CRLFs split): the body intact in the -o file', async () => {
    const pieces = Array.from({ length: 12 }, (_, i) => randomBytes(40_000 + i * 9_001));
    const raw = await startRawServer((socket) => {
      socket.setNoDelay(true);
      socket.once('data', async () => {
        const write = async (s: string | Buffer): Promise<void> => {
          socket.write(s);
          await sleep(3);
        };
        await write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n');
        for (const p of pieces) {
          const size = p.length.toString(16);
          await write(size.slice(0, 2));
          await write(`${size.slice(2)}\r`);
          await write(Buffer.concat([Buffer.from('\n'), p.subarray(0, 1000)]));
          await write(Buffer.concat([p.subarray(1000), Buffer.from('\r')]));
          await write('\n');
        }
        await write('0\r');
        socket.end('\n\r\n');
      });
    });
    const out = join(dir, 'chunked.bin');
    const r = await qurl(['-sS', '-o', out, raw.url]);
    await raw.close();
    expect(r.exitCode).toBe(0);
    expect(sha(readFileSync(out))).toBe(sha(Buffer.concat(pieces)));
  });

  it('--max-filesize on a lent body stops at the limit with 63, the file holding exactly the first bytes', async () => {
    const out = join(dir, 'limited.bin');
    const raw = await startRawServer((socket) => {
      socket.once('data', () => {
        // No Content-Length: the limit is met while the body streams, not refused from the head.
        socket.write('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n');
        socket.end(BODY);
      });
    });
    const r = await qurl(['-sS', '--max-filesize', '5000000', '-o', out, raw.url]);
    await raw.close();
    expect(r.exitCode).toBe(63);
    expect(sha(readFileSync(out))).toBe(sha(BODY.subarray(0, 5_000_000)));
  });
});
