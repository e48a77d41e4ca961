// The bytes qurl puts on the wire over HTTP/1.x, compared with curl's for the same command line (issue 11 §1):
// the request line, header names in their case and curl's order, the body and its framing. A raw server records
// each request whole; curl and qurl run against it with the same User-Agent.
import { execa } from 'execa';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { needs } from '../helpers/needs.js';
import { hermeticEnv, QURL_BIN } from '../helpers/run-qurl.js';
import { startRawServer, type Running } from '../helpers/raw-servers.js';

const hasCurl = await execa('curl', ['--version'], { reject: false }).then((r) => r.exitCode === 0, () => false);

let server: Running;
const requests: string[] = [];
const file = join(tmpdir(), `qurl-wire-${process.pid}.txt`);

/** One request: its head, then as many body bytes as Content-Length says (or up to the last chunk). */
function complete(bytes: Buffer): number {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return -1;
  const head = bytes.subarray(0, end).toString('latin1');
  const length = /\r\ncontent-length: *(\d+)/i.exec(head);
  if (length) return bytes.length >= end + 4 + Number(length[1]) ? end + 4 + Number(length[1]) : -1;
  if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
    const last = bytes.indexOf('\r\n0\r\n\r\n', end);
    return last < 0 ? -1 : last + 7;
  }
  return end + 4;
}

beforeAll(async () => {
  writeFileSync(file, 'line one\nline two\n');
  server = await startRawServer((socket) => {
    let buf = Buffer.alloc(0);
    let continued = false;
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const headEnd = buf.indexOf('\r\n\r\n');
      if (!continued && headEnd >= 0 && /\r\nexpect: *100-continue/i.test(buf.subarray(0, headEnd).toString('latin1'))) {
        continued = true;
        socket.write('HTTP/1.1 100 Continue\r\n\r\n');
      }
      const n = complete(buf);
      if (n < 0) return;
      const request = buf.subarray(0, n).toString('latin1');
      requests.push(request);
      buf = buf.subarray(n);
      continued = false;
      socket.write(request.startsWith('CONNECT ') ? 'HTTP/1.1 200 Connection established\r\n\r\n' : 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    });
  });
});
afterAll(() => server.close());

/** Multipart boundaries are random in both: the same placeholder for each. */
const normalised = (request: string): string => request.replace(/-{20,}[0-9a-f]{16,}/g, '--BOUNDARY');

/** A command line, and what goes to its stdin. */
type Command = readonly string[] | { readonly args: readonly string[]; readonly input: string };

function commands(): Command[] {
  const u = server.url;
  return [
    [`${u}/plain`],
    ['-H', 'X-A: 1', '-H', 'X-B: two words', `${u}/headers`],
    ['-H', 'Accept:', '-H', 'X-Empty;', `${u}/removed-and-empty`],
    ['-H', 'accept: text/html', '-H', 'user-agent: lower', `${u}/replaced`],
    ['-d', 'a=1', '-d', 'b=2', `${u}/form`],
    ['-H', 'Content-Type: text/plain', '-H', 'X-B: 2', '-d', 'x', `${u}/typed`],
    ['--data-binary', `@${file}`, `${u}/file`],
    ['-X', 'PUT', '-d', 'payload', `${u}/put`],
    ['-G', '-d', 'q=1', '-d', 'r=2', `${u}/search`],
    ['-I', `${u}/head`],
    ['-u', 'user:pass', '-e', 'http://ref.example/', `${u}/auth`],
    ['-F', 'a=b', '-F', `f=@${file}`, `${u}/multipart`],
    ['--http1.0', `${u}/ten`],
    ['-H', 'Host: other.example', `${u}/host`],
    ['-H', 'Host:', `${u}/no-host`],
    ['-X', 'DELETE', `${u}/delete`],
    ['-X', 'OPTIONS', '--request-target', '*', `${u}/`],
    ['--path-as-is', `${u}/a/../b/./c`],
    // This server as an HTTP proxy: absolute form, and CONNECT (its 200 opens the tunnel, the request follows).
    ['-x', u, 'http://origin.example/a'],
    ['-x', u, '-U', 'pu:pp', '-u', 'u:p', 'http://origin.example/b'],
    ['-x', u, '--proxy-header', 'X-P: 1', '-H', 'X-O: 2', '-d', 'x=1', 'http://origin.example/c'],
    ['-x', u, '-p', '--proxy-header', 'X-P: 1', '-H', 'X-O: 2', 'http://origin.example/d'],
    ['--proxy1.0', u.replace('http://', ''), '-p', 'http://origin.example/e'],
    // -T: PUT, the file's name added to a URL that ends in /, Expect: 100-continue whatever the size; stdin chunked.
    ['-T', file, `${u}/`],
    ['-T', file, `${u}/dir/?q=1`],
    ['-T', file, `${u}/named`],
    ['-T', file, '-X', 'POST', `${u}/posted`],
    { args: ['-T', '-', `${u}/stdin`], input: 'from stdin\n' },
    { args: ['--data-binary', '@-', `${u}/data-stdin`], input: 'line one\nline two\n' },
  ];
}

needs(hasCurl, 'curl (apt-get install -y curl)').it('sends the same request bytes as curl', async () => {
  for (const command of commands()) {
    const { args, input } = 'args' in command ? command : { args: command, input: '' };
    const full = ['-s', '-o', '/dev/null', '-A', 'same-agent', ...args];
    requests.length = 0;
    const c = await execa('curl', full, { reject: false, env: hermeticEnv(), extendEnv: false, input });
    const byCurl = requests.splice(0).map(normalised);
    const q = await execa('node', [QURL_BIN, ...full], { reject: false, env: hermeticEnv(), extendEnv: false, input });
    const byQurl = requests.splice(0).map(normalised);
    const label = `qurl vs curl: ${args.join(' ')}`;
    expect([q.exitCode, c.exitCode], label).toEqual([0, 0]);
    expect(byCurl.length, label).toBeGreaterThan(0);
    expect(byQurl, label).toEqual(byCurl);
  }
}, 60_000);
