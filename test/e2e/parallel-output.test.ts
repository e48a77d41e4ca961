// -Z with several bodies on stdout: each comes out whole (never cut into another), with its -w after it.
import http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { qurl } from '../helpers/run-qurl.js';

let server: http.Server;
let url = '';

beforeAll(async () => {
  // Each body drips in five pieces 20 ms apart, so the transfers overlap.
  server = http.createServer((req, res) => {
    const ch = req.url!.slice(1, 2);
    let n = 0;
    const t = setInterval(() => {
      res.write(ch.repeat(1000));
      if (++n === 5) {
        clearInterval(t);
        res.end('\n');
      }
    }, 20);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => server.close());

it('bodies that arrive at the same time come out one after the other, each with its -w', async () => {
  const r = await qurl(['-s', '-Z', '-w', '[%{url}]\n', `${url}/a`, `${url}/b`, `${url}/c`]);
  expect(r.exitCode).toBe(0);
  const runs = [...r.stdout.matchAll(/a+|b+|c+|\[[^\]]*\]/g)].map((m) => m[0].startsWith('[') ? m[0] : `${m[0][0]}×${m[0].length}`);
  expect(runs).toHaveLength(6);
  for (let i = 0; i < 6; i += 2) {
    expect(runs[i]).toMatch(/^[abc]×5000$/);
    expect(runs[i + 1]).toBe(`[${url}/${runs[i]![0]}]`);
  }
});
