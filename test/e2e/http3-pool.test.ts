// Issue 9 §5: HTTP/3 connections the server ends under the pool — GOAWAY on an idle connection, an idle close
// between two URLs, a reused connection closed before the response — against qurl serve's HTTP/3 switches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type RunningServe } from '../../src/serve/index.js';
import { qurl } from '../helpers/run-qurl.js';

let goaway: RunningServe;
let idle: RunningServe;
let closing: RunningServe;
beforeAll(async () => {
  [goaway, idle, closing] = await Promise.all([
    startServe({ h3Switches: { goawayAfter: 1 } }),
    startServe({ h3Switches: { closeIdleMs: 0 } }),
    startServe({ h3Switches: { closeBeforeResponseAfter: 1 } }),
  ]);
  for (const s of [goaway, idle, closing]) if (!s.h3Url) throw new Error(`qurl serve has no HTTP/3 here: ${s.h3Problem}`);
});
afterAll(async () => {
  await Promise.all([goaway, idle, closing].map((s) => s.close()));
});

const h3 = (s: RunningServe): string[] => ['--http3-only', '--cacert', s.caFile, '-sS', '-m', '20'];
const twice = (s: RunningServe, second: readonly string[] = []): string[] => [
  ...h3(s), '-v', '-o', '/dev/null', '-w', '%{num_connects} %{http_code}\n', `${s.h3Url}/get`,
  '--next', ...h3(s), ...second, '-o', '/dev/null', '-w', '%{num_connects} %{http_code}\n', `${s.h3Url}/anything`,
];

describe('HTTP/3 connections the server ends', () => {
  it('an idle connection that received GOAWAY leaves the pool: the next URL opens a fresh one', async () => {
    const r = await qurl(twice(goaway));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('1 200\n1 200\n');
    expect(r.stderr).toMatch(/^\* HTTP\/3 GOAWAY received: no new requests on connection #0 \(streams below 4 continue\)$/m);
    expect(r.stderr).not.toMatch(/Re-using existing connection #0/);
    expect(r.stderr).not.toMatch(/Retrying/);
  });

  it('GOAWAY with a request in flight above its id: that request goes again on a fresh connection', async () => {
    const r = await qurl([...h3(goaway), '-v', '-Z', '-o', '/dev/null', '-o', '/dev/null', '-w', '%{num_connects} %{http_code}\n', `${goaway.h3Url}/delay/100`, `${goaway.h3Url}/delay/100`]);
    expect(r.exitCode).toBe(0);
    // The second shared the first's connection, was refused by its GOAWAY, and opened one of its own.
    expect(r.stdout).toBe('1 200\n1 200\n');
    expect(r.stderr.match(/^\* Retrying: the server did not process the request on connection #0/gm)).toHaveLength(1);
  });

  it('a connection the server closed while idle between two URLs: the second opens a fresh one', async () => {
    // A plain request in between gives the server's idle timer time to fire first, however loaded the machine:
    // back to back, the second request could arrive before it and be answered on the old connection.
    const pause = ['--next', '-sS', '-o', '/dev/null', `${idle.httpUrl}/delay/200`];
    const all = twice(idle);
    const [first, second] = [all.slice(0, all.indexOf('--next')), all.slice(all.indexOf('--next'))];
    const r = await qurl([...first, ...pause, ...second]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('1 200\n1 200\n');
  });

  it('a reused connection closed before the response: a GET goes once more on a fresh connection', async () => {
    const r = await qurl(twice(closing));
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('1 200\n1 200\n');
    expect(r.stderr).toMatch(/^\* Re-using existing connection #0 with host localhost$/m);
    expect(r.stderr).toMatch(/^\* Retrying: connection #0 was closed before any response byte, sending the request again on a fresh connection$/m);
  });

  it('…but a POST is not replayed: 95, and the server answered one request only', async () => {
    const r = await qurl(twice(closing, ['-d', 'once']));
    expect(r.stdout).toBe('1 200\n0 000\n');
    expect(r.stderr).toMatch(/^qurl: \(95\) HTTP\/3 connection closed by the server with H3_NO_ERROR \(closing instead of answering\)$/m);
    expect(r.exitCode).toBe(95);
    expect(r.stderr).not.toMatch(/Retrying/);
  });
});
