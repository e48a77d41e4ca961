// Issue 9 §1: a request body whose source fails fails only its own exchange, with curl's 26 and the file's error in
// one line; on h2 and h3 only its stream is reset and the next transfer reuses the connection; never replayed.
import { existsSync, openSync, closeSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDispatchServers, type DispatchServers } from '../helpers/dispatch-servers.js';
import { needs } from '../helpers/needs.js';
import { qurl } from '../helpers/run-qurl.js';

/** A sysfs file that opens and announces 4096 bytes, then fails every read with EIO (runtime PM attribute). */
export const FAILING_FILE = '/sys/devices/system/cpu/power/autosuspend_delay_ms';
const hasFailingFile = ((): boolean => {
  if (!existsSync(FAILING_FILE)) return false;
  const fd = openSync(FAILING_FILE, 'r');
  try {
    readFileSync(fd);
    return false;
  } catch {
    return true;
  } finally {
    closeSync(fd);
  }
})();

interface Seen {
  method: string;
  url: string;
  received: number;
  /** How the request stream ended: 'end', or the reset (h2 rstCode, h3 error code, h1 'aborted'). */
  ending: string;
}

const seen: Seen[] = [];
let shrinkFile = '';
let servers: DispatchServers;

beforeAll(async () => {
  servers = await startDispatchServers((req, res) => {
    const entry: Seen = { method: req.method ?? '', url: req.url ?? '', received: 0, ending: '' };
    seen.push(entry);
    req.on('data', (chunk: Buffer) => {
      // The upload of /shrink is under way: cut its file short, as a log rotated mid-upload would be.
      if (entry.received === 0 && req.url === '/shrink') truncateSync(shrinkFile, 1000);
      entry.received += chunk.length;
    });
    const stream = (req as unknown as { stream?: { rstCode?: number } }).stream;
    req.on('error', (err: Error & { code?: unknown }) => (entry.ending ||= `error ${String(err.code)}`));
    req.on('aborted', () => (entry.ending ||= stream ? `rst ${stream.rstCode}` : 'aborted'));
    req.on('end', () => {
      entry.ending ||= 'end';
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`${entry.method} ${entry.received}\n`);
    });
    req.resume();
  });
});
afterAll(() => servers.close());

const RESET = { h1: 'aborted', h2: 'rst 8', h3: 'error 268' } as const;

describe.each(['h1', 'h2', 'h3'] as const)('%s: a failing request body', (proto) => {
  needs(hasFailingFile, `a sysfs file whose reads fail (${FAILING_FILE})`).it(`a file whose reads fail: exit 26 in one line, ${proto === 'h1' ? 'the connection dropped' : 'only the stream reset, the connection reused'}`, async () => {
    const { args, base } = servers.protocols[proto];
    const before = seen.length;
    const r = await qurl([
      ...args, '-sS', '-X', 'PUT', '--data-binary', `@${FAILING_FILE}`, '-o', '/dev/null', '-w', '%{num_connects} %{size_upload}\n', `${base}/fail`,
      '--next', ...args, '-sS', '-w', '%{num_connects} %{http_code}\n', `${base}/after`,
    ]);
    expect(r.stderr).toBe(`qurl: (26) Failed to read the request body from file "${FAILING_FILE}": EIO: i/o error, read\n`);
    // Sequential groups exit with the last transfer's code, as curl does.
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`1 0\nGET 0\n${proto === 'h1' ? 1 : 0} 200\n`);
    const requests = seen.slice(before);
    // Never replayed. h1 and h2 send the head before the body fails (the server sees the request cut off: the
    // connection dropped, the stream reset); on h3 the RESET_STREAM may overtake the HEADERS (RFC 9000 §3.2 lets
    // the receiver discard the stream unread), so the server sees the PUT at most once, and reset if at all.
    const lines = requests.map((s) => `${s.method} ${s.url}`);
    if (proto !== 'h3' || lines.length === 2) expect(lines).toEqual(['PUT /fail', 'GET /after']);
    else expect(lines).toEqual(['GET /after']);
    if (lines.length === 2) await expect.poll(() => requests[0]!.ending).toBe(RESET[proto]);
  });

  it('a file that shrinks during the upload: exit 26 with how far it got, the bytes sent counted', async () => {
    const { args, base } = servers.protocols[proto];
    shrinkFile = join(tmpdir(), `qurl-shrink-${proto}-${process.pid}.bin`);
    writeFileSync(shrinkFile, Buffer.alloc(64 << 20, 7));
    const r = await qurl([...args, '-sS', '-X', 'PUT', '--data-binary', `@${shrinkFile}`, '-o', '/dev/null', '-w', '%{size_upload}', `${base}/shrink`]);
    expect(r.exitCode).toBe(26);
    const m = /^qurl: \(26\) Failed to read the request body from file "[^"]+": it ended after (\d+) of the 67108864 bytes announced in Content-Length\n$/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const sent = Number(m![1]);
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(64 << 20);
    expect(Number(r.stdout)).toBe(sent);
  });
});
