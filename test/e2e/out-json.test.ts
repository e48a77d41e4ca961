// --out-json FILE: qurl's record of a run for scripts — each transfer's result and its trace events in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { qurl } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';
import type { RunningServe } from '../../src/serve/index.js';

interface RecordedEvent {
  readonly type: string;
  readonly phase?: string;
  readonly t: number;
  readonly status?: number;
  readonly raw?: { readonly base64: string };
}
interface Record {
  readonly qurl: string;
  readonly exitCode: number;
  readonly transfers: readonly { urlEffective: string; status: number; numRedirects: number; sizeDownload: number; times: { total: number }; error: { exitCode: number; message: string } | null; events: readonly RecordedEvent[] }[];
}

let serve: RunningServe;
const dir = mkdtempSync(join(tmpdir(), 'qurl-record-'));
beforeAll(async () => {
  serve = await withServe();
});
afterAll(async () => {
  await serve.close();
});

describe('--out-json', () => {
  it('every transfer with its result and its events in order, times in ms, heads as base64, the exit code', async () => {
    const file = join(dir, 'run.json');
    const r = await qurl(['-sL', '--out-json', file, '-o', '/dev/null', `${serve.httpUrl}/redirect/1`, '-o', '/dev/null', `http://127.0.0.1:1/`]);
    expect(r.exitCode).toBe(7);
    const record = JSON.parse(readFileSync(file, 'utf8')) as Record;
    expect(record.exitCode).toBe(7);
    const [ok, failed] = record.transfers;
    expect([ok!.urlEffective, ok!.status, ok!.numRedirects, ok!.error]).toEqual([`${serve.httpUrl}/get`, 200, 1, null]);
    expect(ok!.sizeDownload).toBeGreaterThan(0);
    const names = ok!.events.map((e) => (e.phase ? `${e.type}:${e.phase}` : e.type));
    const order = ['timing:hop', 'request-head', 'response-head', 'redirect', 'timing:hop', 'request-head', 'response-head', 'timing:total'];
    expect(names.filter((n) => order.includes(n))).toEqual(order);
    const times = ok!.events.map((e) => e.t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const head = ok!.events.find((e) => e.type === 'response-head' && e.status === 200)!;
    expect(Buffer.from(head.raw!.base64, 'base64').toString('latin1')).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(failed!.error).toEqual({ exitCode: 7, kind: 'connect', message: 'Failed to connect to 127.0.0.1 port 1: Connection refused' });
    expect(failed!.events.map((e) => e.type)).toContain('dns');
  });
});
