// --har FILE: every exchange of a run as HAR 1.2, validated against the HAR schema (har-schema), over HTTP/1.1,
// HTTP/2 and HTTP/3, with redirects as entries of their own and a failed transfer as status 0.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { qurl } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';
import { startRawServer } from '../helpers/raw-servers.js';
import type { RunningServe } from '../../src/serve/index.js';
import type { HarLog } from '../../src/render/index.js';

const require = createRequire(import.meta.url);
const schemas = require('har-schema') as Record<string, object>;
const addFormats = require('ajv-formats') as (ajv: Ajv) => void;
// har-schema is draft-06 JSON Schema, with a few keywords of its own ("optional", "min"): not strict.
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
addFormats(ajv);
for (const schema of Object.values(schemas)) ajv.addSchema(schema);
const validHar = ajv.getSchema('har.json#')!;

let serve: RunningServe;
const dir = mkdtempSync(join(tmpdir(), 'qurl-har-'));
beforeAll(async () => {
  serve = await withServe();
});
afterAll(async () => {
  await serve.close();
});

async function harOf(args: string[]): Promise<{ har: HarLog; exitCode: number }> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.har`);
  const r = await qurl(['-s', '--har', file, ...args]);
  return { har: JSON.parse(readFileSync(file, 'utf8')) as HarLog, exitCode: r.exitCode };
}

describe('--har', () => {
  it('a redirect chain over HTTP/1.1 and a request over HTTP/2: one entry per exchange, valid HAR 1.2', async () => {
    const { har, exitCode } = await harOf(['-L', '-o', '/dev/null', `${serve.httpUrl}/redirect/2`, '--cacert', serve.caFile, '-o', '/dev/null', `${serve.httpsUrl}/get`]);
    expect(exitCode).toBe(0);
    expect(validHar(har), JSON.stringify(validHar.errors)).toBe(true);
    const entries = har.log.entries;
    expect(har.log.creator.name).toBe('qurl');
    expect(entries.map((e) => [e._transfer, e.request.url, e.response.status, e._httpVersion])).toEqual([
      [0, `${serve.httpUrl}/redirect/2`, 302, '1.1'],
      [0, `${serve.httpUrl}/redirect/1`, 302, '1.1'],
      [0, `${serve.httpUrl}/get`, 200, '1.1'],
      [1, `${serve.httpsUrl}/get`, 200, '2'],
    ]);
    expect(entries[0]!.response.redirectURL).toBe('/redirect/1');
    // The first exchange opened the connection; the redirects reused it.
    expect(entries[0]!.timings.connect).toBeGreaterThanOrEqual(0);
    expect([entries[1]!.timings.dns, entries[1]!.timings.connect]).toEqual([-1, -1]);
    expect(entries.map((e) => e.connection)).toEqual(['0', '0', '0', '1']);
    const h2 = entries[3]!;
    expect(h2.timings.ssl).toBeGreaterThan(0);
    expect(h2.timings.ssl).toBeLessThanOrEqual(h2.timings.connect);
    expect(h2._frames!.received).toBeGreaterThan(0);
    expect(h2.response.httpVersion).toBe('HTTP/2');
    expect(h2.serverIPAddress).toBe('127.0.0.1');
    for (const e of entries) {
      const phases = [e.timings.blocked, e.timings.dns, e.timings.connect, e.timings.send, e.timings.wait, e.timings.receive].filter((t) => t >= 0);
      expect(Math.abs(phases.reduce((a, b) => a + b, 0) - e.time)).toBeLessThan(0.01);
    }
    const starts = entries.map((e) => Date.parse(e.startedDateTime));
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(Math.abs(starts[0]! - Date.now())).toBeLessThan(60_000);
  });

  it('the final entry counts the body; the request carries its headers and query', async () => {
    const { har } = await harOf(['-o', '/dev/null', '-H', 'X-Trace: 1', `${serve.httpUrl}/bytes/1234?seed=7`]);
    const [e] = har.log.entries;
    expect(e!.response.content.size).toBe(1234);
    expect(e!.response.bodySize).toBe(1234);
    expect(e!.request.headers).toEqual(expect.arrayContaining([{ name: 'X-Trace', value: '1' }]));
    expect(e!.request.queryString).toEqual([{ name: 'seed', value: '7' }]);
  });

  it('HTTP/3: an entry with its QUIC handshake as connect and ssl', async () => {
    if (!serve.h3Url) throw new Error(`qurl serve has no HTTP/3 here: ${serve.h3Problem}`);
    const { har, exitCode } = await harOf(['--http3-only', '--cacert', serve.caFile, '-o', '/dev/null', `${serve.h3Url}/get`]);
    expect(exitCode).toBe(0);
    expect(validHar(har), JSON.stringify(validHar.errors)).toBe(true);
    const [e] = har.log.entries;
    expect(e!._httpVersion).toBe('3');
    expect(e!.response.httpVersion).toBe('HTTP/3');
    expect(e!.response.status).toBe(200);
  });

  it('qurl sse: every connection of the stream an entry, reconnects included', async () => {
    const file = join(dir, 'sse.har');
    const r = await qurl(['sse', '-s', '--count', '6', '--retry-delay', '10ms', '--har', file, `${serve.httpUrl}/sse/numbers?count=6&drop_every=2`]);
    expect(r.exitCode).toBe(0);
    const har = JSON.parse(readFileSync(file, 'utf8')) as HarLog;
    expect(validHar(har), JSON.stringify(validHar.errors)).toBe(true);
    expect(har.log.entries.length).toBeGreaterThanOrEqual(3);
    for (const e of har.log.entries) expect([e.response.status, e.response.content.mimeType]).toEqual([200, 'text/event-stream']);
    expect(har.log.entries[1]!.request.headers).toEqual(expect.arrayContaining([{ name: 'Last-Event-ID', value: '2' }]));
  });

  it('qurl grpc -har: the call as an HTTP/2 POST entry with its frames', async () => {
    const file = join(dir, 'grpc.har');
    const r = await qurl(['grpc', '-plaintext', '-har', file, '-d', '{"message": "hi"}', new URL(serve.h2cUrl).host, 'qurl.demo.v1.Demo/Echo']);
    expect(r.exitCode).toBe(0);
    const har = JSON.parse(readFileSync(file, 'utf8')) as HarLog;
    expect(validHar(har), JSON.stringify(validHar.errors)).toBe(true);
    const [e] = har.log.entries;
    expect([e!.request.method, e!.request.url, e!.response.status, e!._httpVersion]).toEqual(['POST', `${serve.h2cUrl}/qurl.demo.v1.Demo/Echo`, 200, '2']);
    expect(e!.response.content.mimeType).toMatch(/^application\/grpc/);
    expect(e!._frames!.sent).toBeGreaterThan(0);
  });

  it('a transfer that fails: status 0 with the error, and the log is still valid', async () => {
    // The request read, then a clean close (FIN): an empty reply. A destroy could race into a reset (56).
    const silent = await startRawServer((socket) => socket.once('data', () => socket.end()));
    const { har, exitCode } = await harOf([silent.url]);
    await silent.close();
    expect(exitCode).toBe(52);
    expect(validHar(har), JSON.stringify(validHar.errors)).toBe(true);
    expect(har.log.entries.map((e) => [e.response.status, e.response._error])).toEqual([[0, 'Empty reply from server']]);
  });
});
