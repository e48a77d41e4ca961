// Keep-alive reuse meets a connection the server already dropped: idempotent requests go again on a fresh
// connection, others fail with curl's exit code (DESIGN: retries that never duplicate work).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qurl } from '../helpers/run-qurl.js';
import { startRawServer, type Running } from '../helpers/raw-servers.js';

let server: Running & { received: Buffer[] };
let connections = 0;

beforeAll(async () => {
  // Every connection answers its first request, then drops the second without a byte.
  server = await startRawServer((socket) => {
    connections++;
    let requests = 0;
    socket.on('data', () => {
      requests++;
      if (requests === 1) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      else socket.destroy();
    });
  });
});
afterAll(() => server.close());

describe('stale keep-alive connection', () => {
  it('a GET is sent again on a fresh connection, and -v says so', async () => {
    const before = connections;
    const r = await qurl(['-v', '-w', ' %{num_connects}', server.url, server.url]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('ok 1ok 1');
    expect(r.stderr).toMatch(/Retrying: connection #0 was closed before any response byte, sending the request again on a fresh connection/);
    expect(connections - before).toBe(2);
  });

  it('a POST is not replayed: exit 52', async () => {
    const r = await qurl(['-sS', '-d', 'x=1', server.url, server.url]);
    expect(r.exitCode).toBe(52);
    expect(r.stdout).toBe('ok');
    expect(r.stderr).toContain('Empty reply from server');
  });

  it('--max-time ends a slow body with 28 and keeps what arrived', async () => {
    const slow = await startRawServer((socket) =>
      socket.once('data', () => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nfirst');
      }),
    );
    const r = await qurl(['-sS', '-m', '1', slow.url]);
    await slow.close();
    expect(r.exitCode).toBe(28);
    expect(r.stdout).toBe('first');
    expect(r.stderr).toMatch(/Operation timed out after \d+ milliseconds with 5 bytes received/);
  });
});
