// Request-building flags: each asserted on the bytes the server received.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qurl } from '../helpers/run-qurl.js';
import { startHttpServer } from '../helpers/raw-servers.js';

type Recorder = Awaited<ReturnType<typeof startHttpServer>>;
let server: Recorder;
const dir = mkdtempSync(join(tmpdir(), 'qurl-flags-'));

beforeAll(async () => {
  server = await startHttpServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok'));
});
afterAll(() => server.close());

async function sent(args: string[], input?: string): Promise<Recorder['requests'][number]> {
  const before = server.requests.length;
  const r = await qurl([...args, `${server.url}/path?x=1`], { input });
  expect(r.stderr).toBe('');
  expect(r.exitCode).toBe(0);
  expect(server.requests.length).toBe(before + 1);
  return server.requests[server.requests.length - 1]!;
}

function header(req: Recorder['requests'][number], name: string): string | undefined {
  const i = req.rawHeaders.findIndex((h, n) => n % 2 === 0 && h.toLowerCase() === name.toLowerCase());
  return i < 0 ? undefined : req.rawHeaders[i + 1];
}

describe('request flags', () => {
  it('default GET with curl-like headers', async () => {
    const req = await sent([]);
    expect(req.method).toBe('GET');
    expect(req.url).toBe('/path?x=1');
    expect(header(req, 'accept')).toBe('*/*');
    expect(header(req, 'user-agent')).toBe('qurl/0.1.0');
    expect(header(req, 'host')).toBe(`127.0.0.1:${server.port}`);
  });

  it('-X sets the method', async () => {
    expect((await sent(['-X', 'DELETE'])).method).toBe('DELETE');
  });

  it('-H adds, replaces, removes (Name:) and empties (Name;)', async () => {
    const req = await sent(['-H', 'X-One: 1', '-H', 'Accept: text/html', '-H', 'User-Agent:', '-H', 'X-Empty;']);
    expect(header(req, 'x-one')).toBe('1');
    expect(header(req, 'accept')).toBe('text/html');
    expect(header(req, 'user-agent')).toBeUndefined();
    expect(header(req, 'x-empty')).toBe('');
  });

  it('-H Host: overrides the Host header', async () => {
    expect(header(await sent(['-H', 'Host: example.test']), 'host')).toBe('example.test');
  });

  it('-H @file reads one header a line', async () => {
    const file = join(dir, 'headers.txt');
    writeFileSync(file, 'X-A: 1\nX-B: 2\n');
    const req = await sent(['-H', `@${file}`]);
    expect([header(req, 'x-a'), header(req, 'x-b')]).toEqual(['1', '2']);
  });

  it('CR/LF in a header is refused before anything is sent', async () => {
    const before = server.requests.length;
    const r = await qurl(['-H', 'X-Evil: a\r\nInjected: yes', server.url]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/CR or LF/);
    expect(server.requests.length).toBe(before);
  });

  it('-A and -e', async () => {
    const req = await sent(['-A', 'agent/1', '-e', 'http://ref.test/']);
    expect(header(req, 'user-agent')).toBe('agent/1');
    expect(header(req, 'referer')).toBe('http://ref.test/');
  });

  it('-u sends Basic credentials', async () => {
    expect(header(await sent(['-u', 'alice:s3cret']), 'authorization')).toBe(`Basic ${Buffer.from('alice:s3cret').toString('base64')}`);
  });

  it('-d joins with &, POSTs form-urlencoded', async () => {
    const req = await sent(['-d', 'a=1', '-d', 'b=2']);
    expect(req.method).toBe('POST');
    expect(req.body).toBe('a=1&b=2');
    expect(header(req, 'content-type')).toBe('application/x-www-form-urlencoded');
    expect(header(req, 'content-length')).toBe('7');
  });

  it('-d @file strips newlines; --data-binary keeps them; --data-raw keeps @', async () => {
    const file = join(dir, 'data.txt');
    writeFileSync(file, 'line1\r\nline2\n');
    expect((await sent(['-d', `@${file}`])).body).toBe('line1line2');
    expect((await sent(['--data-binary', `@${file}`])).body).toBe('line1\r\nline2\n');
    expect((await sent(['--data-raw', '@notafile'])).body).toBe('@notafile');
  });

  it('-d @- reads stdin', async () => {
    expect((await sent(['-d', '@-'], 'from stdin')).body).toBe('from stdin');
  });

  it('--data-urlencode in all its forms', async () => {
    const file = join(dir, 'enc.txt');
    writeFileSync(file, 'a b&c');
    const req = await sent(['--data-urlencode', 'name=hello world', '--data-urlencode', '=x y', '--data-urlencode', `f@${file}`]);
    expect(req.body).toBe('name=hello+world&x+y&f=a+b%26c');
  });

  it('--json sets body, Content-Type and Accept', async () => {
    const req = await sent(['--json', '{"a":1}']);
    expect(req.method).toBe('POST');
    expect(req.body).toBe('{"a":1}');
    expect(header(req, 'content-type')).toBe('application/json');
    expect(header(req, 'accept')).toBe('application/json');
  });

  it('-F builds multipart with fields, files, ;type= and ;filename=', async () => {
    const file = join(dir, 'up.txt');
    writeFileSync(file, 'file content');
    const req = await sent(['-F', 'field=value', '-F', `doc=@${file};type=text/x-test;filename=renamed.txt`, '-F', `inline=<${file}`]);
    const boundary = /boundary=(.+)$/.exec(header(req, 'content-type') ?? '')?.[1];
    expect(boundary).toMatch(/^-{24}[0-9a-f]{16}$/); // curl's shape: 24 dashes and 16 hex digits
    expect(req.body).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="field"\r\n\r\nvalue\r\n`);
    expect(req.body).toContain('Content-Disposition: form-data; name="doc"; filename="renamed.txt"\r\nContent-Type: text/x-test\r\n\r\nfile content\r\n');
    expect(req.body).toContain('name="inline"\r\n\r\nfile content\r\n');
    expect(req.body.endsWith(`--${boundary}--\r\n`)).toBe(true);
    expect(Number(header(req, 'content-length'))).toBe(Buffer.byteLength(req.body, 'latin1'));
  });

  it('-G moves the data to the query', async () => {
    const req = await sent(['-G', '-d', 'q=1', '-d', 'r=2']);
    expect(req.method).toBe('GET');
    expect(req.url).toBe('/path?x=1&q=1&r=2');
    expect(req.body).toBe('');
  });

  it('-I sends HEAD', async () => {
    expect((await sent(['-I'])).method).toBe('HEAD');
  });

  // Node bundles zstd from 22.15: offered and decoded there; on Node 20 neither, and a zstd body is exit 61.
  const hasZstd = process.versions.zstd !== undefined;
  it(`--compressed asks for gzip, deflate, br${hasZstd ? ', zstd' : ''}`, async () => {
    expect(header(await sent(['--compressed']), 'accept-encoding')).toBe(hasZstd ? 'deflate, gzip, br, zstd' : 'deflate, gzip, br');
  });

  it(hasZstd ? '--compressed decodes a zstd body' : 'a zstd body without zstd in this Node is exit 61, saying which Node has it', async () => {
    const zlib = (await import('node:zlib')) as typeof import('node:zlib') & { zstdCompressSync?: (b: Buffer) => Buffer };
    const text = 'zstd '.repeat(1000);
    const zstd = await startHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'zstd' });
      res.end(zlib.zstdCompressSync ? zlib.zstdCompressSync(Buffer.from(text)) : Buffer.from('not zstd'));
    });
    const r = await qurl(['-sS', '--compressed', zstd.url]);
    await zstd.close();
    if (hasZstd) expect([r.exitCode, r.stdout]).toEqual([0, text]);
    else {
      expect(r.exitCode).toBe(61);
      expect(r.stderr).toMatch(/no zstd; Node 22\.15 and later do/);
    }
  });

  it('--http1.0 sends an HTTP/1.0 request line', async () => {
    const r = await qurl(['--http1.0', '-v', '-o', '/dev/null', server.url]);
    expect(r.stderr).toMatch(/^> GET \/ HTTP\/1\.0\r$/m);
  });

  it('--path-as-is keeps dot segments; without it they are removed', async () => {
    const base = server.url;
    await qurl(['--path-as-is', `${base}/a/../b/./c`]);
    expect(server.requests[server.requests.length - 1]!.url).toBe('/a/../b/./c');
    await qurl([`${base}/a/../b/./c`]);
    expect(server.requests[server.requests.length - 1]!.url).toBe('/b/c');
  });

  it('several URLs and --url in one run', async () => {
    const before = server.requests.length;
    const r = await qurl([`${server.url}/one`, '--url', `${server.url}/two`]);
    expect(r.stdout).toBe('okok');
    expect(server.requests.slice(before).map((q) => q.url).sort()).toEqual(['/one', '/two']);
  });

  it('-K reads curl config syntax', async () => {
    const file = join(dir, 'qurlrc');
    writeFileSync(file, '# a comment\nheader = "X-From-Config: yes"\n-A "cfg agent"\nrequest: PUT\nsilent\n');
    const req = await sent(['-K', file]);
    expect(req.method).toBe('PUT');
    expect(header(req, 'x-from-config')).toBe('yes');
    expect(header(req, 'user-agent')).toBe('cfg agent');
  });
});
