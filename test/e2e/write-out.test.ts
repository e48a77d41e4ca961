// -w against curl: %{json}'s keys and types, %{header_json}, %{certs} and %{num_certs}, for the same requests.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { withCurl } from '../helpers/needs.js';
import { startRangeServer } from '../helpers/range-server.js';
import type { Running } from '../helpers/raw-servers.js';
import { qurlAndCurl } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';


let serve: RunningServe;
let files: Running;
beforeAll(async () => {
  serve = await withServe();
  files = await startRangeServer();
});
afterAll(async () => {
  await serve.close();
  await files.close();
});

async function both(args: string[]): Promise<[string, string]> {
  const [q, c] = await qurlAndCurl(['-s', ...args]);
  return [q.stdout, c.stdout];
}

const pems = (text: string): string[] => text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];

withCurl.describe('-w side by side with curl', () => {
  it("%{json} has every key curl 7.88 writes, each with curl's type", async () => {
    for (const url of [`${files.url}/f`, `${serve.httpsUrl}/bytes/10`, 'http://127.0.0.1:1/']) {
      const [q, c] = await both(['--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{json}', url]);
      const mine = JSON.parse(q) as Record<string, unknown>;
      const curls = JSON.parse(c) as Record<string, unknown>;
      for (const [key, value] of Object.entries(curls)) {
        expect(key in mine, `${url}: ${key}`).toBe(true);
        const kind = (v: unknown): string => (v === null ? 'null' : typeof v);
        if (key === 'certs') continue;
        expect(kind(mine[key]), `${url}: ${key} = ${JSON.stringify(mine[key])}, curl ${JSON.stringify(value)}`).toBe(kind(value));
      }
      for (const key of ['http_code', 'exitcode', 'num_connects', 'num_redirects', 'size_download', 'scheme', 'url', 'url_effective', 'method', 'http_version', 'remote_ip', 'errormsg', 'content_type', 'filename_effective', 'urlnum']) {
        if (key === 'errormsg' && curls.errormsg !== null) continue;
        expect(mine[key], `${url}: ${key}`).toEqual(curls[key]);
      }
    }
  });

  it('%{header_json} is the same text', async () => {
    const [q, c] = await both(['-o', '/dev/null', '-w', '%{header_json}', `${files.url}/f`]);
    expect(q).toBe(c);
  });

  it('%{num_certs} counts the chain and %{certs} carries the same certificates', async () => {
    const [q, c] = await both(['--cacert', serve.caFile, '-o', '/dev/null', '-w', '%{num_certs}\n%{certs}', `${serve.httpsUrl}/bytes/1`]);
    expect(q.split('\n')[0]).toBe(c.split('\n')[0]);
    expect(pems(q).length).toBeGreaterThan(0);
    expect(pems(q)).toEqual(pems(c));
    expect(q).toMatch(/^Subject:.*$/m);
    expect(q).toMatch(/^Expire date:.*$/m);
    const [plain] = await both(['-o', '/dev/null', '-w', '[%{num_certs}][%{certs}]', `${files.url}/f`]);
    expect(plain).toBe('[0][]');
  });
});
