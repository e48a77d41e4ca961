// qurl serve's endpoints, fetched with qurl itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { qurl } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';

let serve: RunningServe;
beforeAll(async () => {
  serve = await withServe();
});
afterAll(() => serve.close());

const json = async (args: string[]): Promise<Record<string, unknown>> => JSON.parse((await qurl(['-s', ...args])).stdout) as Record<string, unknown>;

describe('qurl serve', () => {
  it('a port already in use: exit 45 in one line, not an internal error', async () => {
    const port = Number(new URL(serve.httpUrl).port);
    const r = await qurl(['serve', '--port', String(port)]);
    expect(r.stderr).toBe(`qurl: (45) qurl serve: 127.0.0.1 port ${port} is in use (pick another with its option, or 0 for any free port)\n`);
    expect(r.exitCode).toBe(45);
  });

  it('/anything echoes method, headers and body', async () => {
    const j = await json(['-X', 'PATCH', '-H', 'X-T: 1', '--data-binary', '{"a":1}', `${serve.httpUrl}/anything/sub?q=2`]);
    expect(j.method).toBe('PATCH');
    expect(j.data).toBe('{"a":1}');
    expect(j.json).toEqual({ a: 1 });
    expect((j.headers as Record<string, string>)['X-T']).toBe('1');
    expect(j.args).toEqual({ q: '2' });
  });

  it('/status/:code and /headers', async () => {
    expect((await qurl(['-s', '-o', '/dev/null', '-w', '%{http_code}', `${serve.httpUrl}/status/418`])).stdout).toBe('418');
    expect(((await json([`${serve.httpUrl}/headers`])).headers as Record<string, string>)['User-Agent']).toBe('qurl/0.1.0');
  });

  it('/absolute-redirect/:n uses absolute Locations', async () => {
    const r = await qurl(['-s', '-i', `${serve.httpUrl}/absolute-redirect/2`]);
    expect(r.stdout).toMatch(new RegExp(`Location: ${serve.httpUrl}/absolute-redirect/1`));
  });

  it('/stream/:n sends n JSON lines chunked', async () => {
    const r = await qurl(['-s', '-i', `${serve.httpUrl}/stream/3`]);
    expect(r.stdout).toMatch(/Transfer-Encoding: chunked/i);
    expect(r.stdout.split('\r\n\r\n')[1]!.trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id)).toEqual([0, 1, 2]);
  });

  it('/cookies/set redirects to /cookies with Set-Cookie', async () => {
    const r = await qurl(['-s', '-i', `${serve.httpUrl}/cookies/set?a=1&b=2`]);
    expect(r.stdout).toMatch(/^Set-Cookie: a=1; Path=\/\r$/m);
    expect(r.stdout).toMatch(/^Location: \/cookies\r$/m);
    expect(await json(['-H', 'Cookie: a=1; b=2', `${serve.httpUrl}/cookies`])).toEqual({ cookies: { a: '1', b: '2' } });
  });

  it('/basic-auth/:user/:pass checks -u', async () => {
    expect((await qurl(['-s', '-o', '/dev/null', '-w', '%{http_code}', `${serve.httpUrl}/basic-auth/u/p`])).stdout).toBe('401');
    expect(await json(['-u', 'u:p', `${serve.httpUrl}/basic-auth/u/p`])).toEqual({ authenticated: true, user: 'u' });
  });

  it('/drip sends bytes over time, /delay waits', async () => {
    const drip = await qurl(['-s', '-w', ' %{time_total}', `${serve.httpUrl}/drip?numbytes=5&duration=400`]);
    const [body, total] = drip.stdout.split(' ');
    expect(body).toBe('*****');
    expect(Number(total)).toBeGreaterThanOrEqual(0.35);
    const delayed = await qurl(['-s', '-o', '/dev/null', '-w', '%{time_starttransfer}', `${serve.httpUrl}/delay/300`]);
    expect(Number(delayed.stdout)).toBeGreaterThanOrEqual(0.29);
  });
});
