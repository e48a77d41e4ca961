// The bytes qurl puts on the wire over HTTP/1.x, compared with curl's for the same command line (issue 11 §1):
// the request line, header names in their case and curl's order, the body and its framing. A raw server records
// each request whole; curl and qurl run against it with the same User-Agent.
import { execa } from 'execa';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { withCurl } from '../helpers/needs.js';
import { hermeticEnv, QURL_BIN } from '../helpers/run-qurl.js';
import { startRawServer, type Running } from '../helpers/raw-servers.js';


let server: Running;
const requests: string[] = [];
const file = join(tmpdir(), `qurl-wire-${process.pid}.txt`);
const headerFile = join(tmpdir(), `qurl-wire-${process.pid}.headers`);
const cookieFile = join(tmpdir(), `qurl-wire-${process.pid}.cookies`);

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
  writeFileSync(headerFile, 'X-From-File: 1\nX-Second:two\n');
  writeFileSync(cookieFile, '127.0.0.1\tFALSE\t/\tFALSE\t0\tjar\tyes\n');
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
    // -H exactly as typed: spacing, `Name ;`, a name with a space before the colon, header files.
    ['-H', 'X-A:b', '-H', 'X-B:   spaced  ', '-H', 'X-D ;', '-H', 'X-F : v', `${u}/typed-headers`],
    ['-H', 'Authorization:Bearer t', '-H', 'accept:text/plain', `${u}/typed-replaced`],
    ['-H', `@${headerFile}`, '-H', 'X-After: 3', `${u}/header-file`],
    ['-H', 'User-Agent:', '-H', 'Accept:', `${u}/bare`],
    ['-H', 'Connection: close', `${u}/close`],
    ['--tr-encoding', `${u}/te`],
    ['--tr-encoding', '-H', 'Connection: close', `${u}/te-close`],
    ['-H', 'Transfer-Encoding: chunked', '-d', 'abc', `${u}/chunked-asked`],
    // -F in all of curl's forms.
    ['-F', 'a="quo;ted";type=text/q', `${u}/form-quoted`],
    ['-F', 'a=v;type=text/foo;headers=X-P: 1', `${u}/form-part-header`],
    ['-F', `f=@${file};headers=@${headerFile}`, `${u}/form-header-file`],
    ['-F', `f=@${file};type=text/x-test;filename=other.txt`, `${u}/form-file-typed`],
    ['-F', `f=@${file};filename="x;y.txt"`, `${u}/form-quoted-filename`],
    ['-F', `f=<${file}`, `${u}/form-content-file`],
    ['-F', 'n"q=v', '-F', `f=@${file};filename=a"b\\c.txt`, `${u}/form-percent`],
    ['--form-escape', '-F', 'n"q\\x=v', '-F', `f=@${file};filename=a"b\\c.txt`, `${u}/form-escape`],
    ['-F', 'a=;type=text/e', '-F', 'b=', `${u}/form-empty`],
    ['--form-string', 'a=@not-a-file;type=x', `${u}/form-string`],
    // A -H Content-Type with -F becomes the body's type, boundary added; not form-data, the parts are attachments.
    ['-F', 'a=1', '-F', 'b=2', '-H', 'Content-Type: multipart/mixed', `${u}/form-mixed`],
    ['-F', 'a=1', '-H', 'content-type: multipart/related; type="text/xml"', `${u}/form-related`],
    ['-F', 'a=1', '-H', 'Content-Type: multipart/form-data', `${u}/form-own-form-data`],
    { args: ['-F', 'f=@-', `${u}/form-stdin-file`], input: 'from stdin\n' },
    { args: ['-F', 'f=<-', `${u}/form-stdin-value`], input: 'from stdin\n' },
    // Bodies.
    ['-X', 'PATCH', '-d', 'x', `${u}/patch`],
    ['--json', '{"a":1}', `${u}/json`],
    ['--json', '{"a":1}', '--json', '{"b":2}', `${u}/json-twice`],
    ['--json', '{}', '-H', 'Accept: text/plain', `${u}/json-accept`],
    ['--data-urlencode', 'a=b c', '--data-urlencode', '=x y&z', `${u}/urlencode`],
    ['--data-urlencode', `name@${file}`, `${u}/urlencode-file`],
    ['--data-raw', '@not-a-file', `${u}/raw`],
    ['-d', `@${file}`, `${u}/data-file-stripped`],
    ['--data-ascii', 'x=1', `${u}/ascii`],
    ['-d', '', `${u}/empty-data`],
    ['-G', '--data-urlencode', 'q=a b', `${u}/get-urlencode`],
    ['--url-query', 'a=b c', '--url-query', '+raw=%20', `${u}/q?x=1`],
    ['-G', '-d', 'a=1', `${u}/has?query=1`],
    ['-I', '-G', '-d', 'x=1', `${u}/head-get`],
    ['--http1.0', '-d', 'x=1', `${u}/ten-post`],
    ['-d', 'x', '-X', 'GET', `${u}/get-with-body`],
    ['-X', 'HEAD', `${u}/x-head`],
    ['-X', 'CUSTOM', `${u}/custom`],
    // Credentials.
    ['-u', 'user:', `${u}/empty-password`],
    ['-u', 'us%er:pa:ss', `${u}/colons`],
    ['--basic', '-u', 'a:b', `${u}/basic`],
    ['--digest', '-u', 'a:b', `${u}/digest-unasked`],
    ['--anyauth', '-u', 'a:b', `${u}/any-unasked`],
    ['--oauth2-bearer', 'tok', `${u}/bearer`],
    [u.replace('http://', 'http://uu:pp@') + '/in-url'],
    ['-u', 'cli:wins', u.replace('http://', 'http://uu:pp@') + '/cli-wins'],
    ['-H', 'Authorization: Custom x', '-u', 'a:b', `${u}/own-authorization`],
    // Cookies.
    ['-b', 'a=1; b=2', `${u}/cookies`],
    ['-b', 'a=1', '-H', 'Cookie: c=3', `${u}/cookie-and-header`],
    ['-b', cookieFile, `${u}/cookie-file`],
    ['-b', cookieFile, '-b', 'lit=1', `${u}/cookie-file-and-literal`],
    ['-b', '', `${u}/cookie-engine-empty`],
    // URLs.
    [u],
    [`${u}/frag?x=1#section`],
    [`${u}/%7Etilde/%41`],
    [`${u}/a/./b/../c`],
    [`${u}/q?a=1&b=%20&c`],
    [u.replace('127.0.0.1', '2130706433') + '/numeric-host'],
    [u.replace('127.0.0.1', '0x7f.1') + '/hex-host'],
    [u.replace('http://', '') + '/no-scheme'],
    [u.replace('http://', 'HTTP://') + '/upper-scheme'],
    ['-e', 'http://ref.example/page', '-A', 'other', `${u}/referer-and-agent`],
    // curl 7.88 offers zstd, which Node has from 22.15 on.
    ...(process.versions.zstd ? [['--compressed', `${u}/compressed`]] : []),
    ['--compressed', '-H', 'Accept-Encoding: identity', `${u}/own-encoding`],
    // Proxies.
    ['-x', u, 'http://origin.example:8080/port'],
    ['-x', u, 'http://origin.example'],
    ['-x', u, '-H', 'Proxy-Connection: close', 'http://origin.example/own-proxy-connection'],
    ['-x', u, '--proxy-header', 'User-Agent: p', '-p', 'http://origin.example/proxy-agent'],
    ['-x', u, '-H', 'Host: other.example', 'http://origin.example/host-through-proxy'],
    ['-x', u, '-d', 'x=1', '-u', 'a:b', 'http://origin.example/post-through-proxy'],
    ['-x', u, '--proxy-digest', '-U', 'a:b', 'http://origin.example/digest-unasked'],
    ['-x', u, '-U', 'only-user', 'http://origin.example/proxy-user-only'],
    ['-x', u, '--proxy1.0', u, 'http://origin.example/last-proxy-wins'],
    ['-x', u, '-p', '-H', 'X-O: 1', 'http://origin.example:81/tunnel-port'],
    ['-x', u, '-X', 'PUT', '-T', file, 'http://origin.example/put-through-proxy'],
    // Uploads.
    ['-T', file, '-H', 'Content-Type: text/x', `${u}/typed-upload`],
    ['-T', file, '-X', 'PATCH', `${u}/patched`],
    ['-T', file, '-H', 'Expect:', `${u}/no-expect`],
    ['-T', file, '--http1.0', `${u}/ten-upload`],
    ['-T', file, `${u}/again/`],
    { args: ['-T', '.', `${u}/stdin-dot`], input: 'dot\n' },
    { args: ['-T', '-', '-H', 'Transfer-Encoding:', '-H', 'Content-Length: 4', `${u}/stdin-sized`], input: 'four' },
    { args: ['--data-binary', '@-', '-H', 'Content-Type: application/octet-stream', `${u}/typed-stdin`], input: 'bin' },
    { args: ['-d', '@-', `${u}/data-stdin-stripped`], input: 'a\nb\n' },
    // -u USER and -U USER ask for the password; with no terminal both read it from stdin.
    { args: ['-u', 'user', `${u}/prompted`], input: 'secret\n' },
    { args: ['-x', u, '-U', 'puser', 'http://origin.example/proxy-prompted'], input: 'psecret\n' },
    ['-u', 'user:', '-U', 'puser:', '-x', u, 'http://origin.example/no-prompt'],
  ];
}

withCurl.it('sends the same request bytes as curl', async () => {
  for (const command of commands()) {
    const { args, input } = 'args' in command ? command : { args: command, input: '' };
    const full = ['-s', '-o', '/dev/null', '-A', 'same-agent', ...args];
    requests.length = 0;
    // detached: a session of its own, without a terminal, so a password prompt reads stdin and never the keyboard.
    const run = { reject: false, env: hermeticEnv(), extendEnv: false, input, detached: true } as const;
    const c = await execa('curl', full, run);
    const byCurl = requests.splice(0).map(normalised);
    const q = await execa('node', [QURL_BIN, ...full], run);
    const byQurl = requests.splice(0).map(normalised);
    const label = `qurl vs curl: ${args.join(' ')}`;
    expect.soft([q.exitCode, c.exitCode], label).toEqual([0, 0]);
    expect.soft(byCurl.length, label).toBeGreaterThan(0);
    expect.soft(byQurl, label).toEqual(byCurl);
  }
}, 120_000);
