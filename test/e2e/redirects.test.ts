// -L: method and body rules per status, relative Location, limits, and credentials that must not cross origins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qurl } from '../helpers/run-qurl.js';
import { startHttpServer } from '../helpers/raw-servers.js';

type Recorder = Awaited<ReturnType<typeof startHttpServer>>;
let origin: Recorder;
let other: Recorder;

beforeAll(async () => {
  other = await startHttpServer((_req, res) => res.end('other'));
  origin = await startHttpServer((req, res) => {
    const m = /^\/r\/(\d{3})$/.exec(req.url ?? '');
    if (m) return void res.writeHead(Number(m[1]), { Location: '/final' }).end();
    if (req.url === '/cross') return void res.writeHead(302, { Location: `${other.url}/landed` }).end();
    if (req.url === '/relative/deep') return void res.writeHead(301, { Location: '../target?q=1' }).end();
    res.end(`${req.method} ${req.url}`);
  });
});
afterAll(async () => {
  await origin.close();
  await other.close();
});

const last = (s: Recorder): Recorder['requests'][number] => s.requests[s.requests.length - 1]!;

describe('redirects', () => {
  it('without -L the 3xx is the answer', async () => {
    const r = await qurl(['-s', '-w', '%{http_code} %{redirect_url}', `${origin.url}/r/302`]);
    expect(r.stdout).toBe(`302 ${origin.url}/final`);
  });

  for (const [status, method, body] of [
    ['301', 'GET', ''],
    ['302', 'GET', ''],
    ['303', 'GET', ''],
    ['307', 'POST', 'a=1'],
    ['308', 'POST', 'a=1'],
  ] as const) {
    it(`${status} after POST: ${method}${body ? ' with the body again' : ', body dropped'}`, async () => {
      const r = await qurl(['-L', '-d', 'a=1', `${origin.url}/r/${status}`]);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe(`${method} /final`);
      expect(last(origin).method).toBe(method);
      expect(last(origin).body).toBe(body);
      if (!body) expect(last(origin).headers['content-type']).toBeUndefined();
    });
  }

  it('303 turns a PUT (-T) into GET; 307 keeps it; -X names the method of every hop, as in curl', async () => {
    expect((await qurl(['-L', '-T', import.meta.filename, `${origin.url}/r/303`])).stdout).toBe('GET /final');
    expect((await qurl(['-L', '-T', import.meta.filename, `${origin.url}/r/307`])).stdout).toBe('PUT /final');
    expect((await qurl(['-L', '-X', 'PUT', `${origin.url}/r/303`])).stdout).toBe('PUT /final');
  });

  it('relative Location resolves against the current URL', async () => {
    expect((await qurl(['-L', `${origin.url}/relative/deep`])).stdout).toBe('GET /target?q=1');
  });

  it('--max-redirs: exactly the limit passes, one more is 47', async () => {
    const ok = await qurl(['-L', '--max-redirs', '1', `${origin.url}/r/302`]);
    expect(ok.exitCode).toBe(0);
    const loop = await startHttpServer((req, res) => res.writeHead(302, { Location: `/n${req.url?.length ?? 0}` }).end());
    const r = await qurl(['-L', '--max-redirs', '3', '-w', '%{num_redirects}', loop.url]);
    await loop.close();
    expect(r.exitCode).toBe(47);
    expect(r.stdout).toBe('3');
    expect(r.stderr).toContain('Maximum (3) redirects followed');
  });

  it('Authorization and Cookie do not follow to another origin', async () => {
    const r = await qurl(['-L', '-u', 'user:pw', '-H', 'Cookie: sid=1', '-H', 'Authorization: Bearer t', '-H', 'X-Keep: 1', `${origin.url}/cross`]);
    expect(r.stdout).toBe('other');
    const first = last(origin);
    expect(first.headers.cookie).toBe('sid=1');
    expect(first.headers.authorization).toBe('Bearer t');
    const landed = last(other);
    expect(landed.url).toBe('/landed');
    expect(landed.headers.authorization).toBeUndefined();
    expect(landed.headers.cookie).toBeUndefined();
    expect(landed.headers['x-keep']).toBe('1');
  });

  it('credentials stay on a same-origin hop', async () => {
    await qurl(['-L', '-u', 'user:pw', `${origin.url}/r/302`]);
    expect(last(origin).headers.authorization).toBe(`Basic ${Buffer.from('user:pw').toString('base64')}`);
  });
});
