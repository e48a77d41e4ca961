// SSE against a server written with another stack: Python's http.server (Debian's /usr/bin/python3).
import { execa, type ResultPromise } from 'execa';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { needs } from '../helpers/needs.js';
import { qurl } from '../helpers/run-qurl.js';
import { freePort, hasCommand, stop, waitForPort } from './helpers/peer.js';

const PYTHON = '/usr/bin/python3';
const present = await hasCommand(PYTHON);
const withPython = needs(present, '/usr/bin/python3 (apt-get install -y python3)');

const SERVER = `
import sys
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

class Events(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def log_message(self, *args):
        pass
    def do_GET(self):
        last = int(self.headers.get('Last-Event-ID') or 0)
        self.send_response(200)
        self.send_header('Content-Type', 'text/event-stream; charset=utf-8')
        self.send_header('Cache-Control', 'no-cache')
        self.send_header('Connection', 'close')
        self.end_headers()
        self.wfile.write(b'retry: 50\\r\\n: hello from python\\r\\n\\r\\n')
        # five events per connection, CRLF line ends, then the connection drops
        for n in range(last + 1, last + 6):
            self.wfile.write(('id: %d\\r\\nevent: tick\\r\\ndata: {"n": %d}\\r\\n\\r\\n' % (n, n)).encode())
            self.wfile.flush()
        self.close_connection = True

ThreadingHTTPServer(('127.0.0.1', int(sys.argv[1])), Events).serve_forever()
`;

let server: ResultPromise | undefined;
let port = 0;

beforeAll(async () => {
  if (!present) return;
  const dir = mkdtempSync(join(tmpdir(), 'qurl-sse-py-'));
  writeFileSync(join(dir, 'server.py'), SERVER);
  port = await freePort();
  server = execa(PYTHON, [join(dir, 'server.py'), String(port)], { reject: false });
  await waitForPort(port, 10_000, 'python sse server');
});
afterAll(() => stop(server));

withPython.describe('SSE against Python http.server', () => {
  it('resumes across dropped connections with Last-Event-ID: 23 events, in order, once each', async () => {
    const r = await qurl(['sse', '--format', 'json', '--count', '23', `http://127.0.0.1:${port}/events`]);
    expect(r.exitCode).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; event: string; data: string; retry: number });
    expect(events.map((e) => Number(e.id))).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(events.every((e) => e.event === 'tick')).toBe(true);
    expect(JSON.parse(events[22]!.data)).toEqual({ n: 23 });
    expect(events[0]!.retry).toBe(50);
  });
});
