import { describe, expect, it } from 'vitest';
import type { TransferResult } from '../../../src/engine/index.js';
import { QurlError } from '../../../src/errors/index.js';
import { renderWriteOut } from '../../../src/render/index.js';

const result: TransferResult = {
  transferId: 0, urlNum: 0, url: 'http://h/x', referer: '', connId: 0, urlEffective: 'http://h/x', method: 'GET', scheme: 'http', status: 200, httpVersion: '1.1',
  headers: [['Content-Type', 'text/plain'], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']],
  numRedirects: 1, numConnects: 1, sizeDownload: 10, sizeUpload: 0, sizeHeader: 50, sizeRequest: 40,
  times: { namelookup: 0.001, connect: 0.002, appconnect: 0, pretransfer: 0.003, posttransfer: 0.003, starttransfer: 0.004, total: 0.5, redirect: 0.1 },
  remoteIp: '127.0.0.1', remotePort: 80, localIp: '127.0.0.1', localPort: 5000, sslVerifyResult: 0, redirectUrl: '', httpConnect: 0, proxyUsed: false, filenameEffective: '', fileOpened: false, numRetries: 0,
};

function render(format: string, r: TransferResult = result): { out: string; err: string } {
  let out = '';
  let err = '';
  renderWriteOut(format, r, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { out, err };
}

describe('-w format', () => {
  it.each([
    ['%{http_code}', '200'],
    ['%{time_total}', '0.500000'],
    ['%{time_namelookup}', '0.001000'],
    ['%{speed_download}', '20'],
    ['a\\tb\\nc\\\\', 'a\tb\nc\\'],
    ['100%%', '100%'],
    ['%header{set-cookie}', 'a=1, b=2'],
    ['%{scheme} %{method} %{num_redirects}', 'HTTP GET 1'],
    ['%{content_type}', 'text/plain'],
    ['%{num_retries} %{urlnum} %{xfer_id} %{conn_id}', '0 0 0 0'],
    ['%{time_posttransfer} %{time_queue}', '0.003000 0.000000'],
    ['[%{referer}][%{filename_effective}][%{redirect_url}]', '[][][]'],
    ['%{url.scheme} %{url.host} %{url.port} %{url.path}', 'http h 80 /x'],
    ['%{onerror}only on errors', ''],
  ])('%s → %s', (format, expected) => {
    expect(render(format).out).toBe(expected);
  });

  it('switches streams with %{stderr} and %{stdout}', () => {
    expect(render('a%{stderr}b%{stdout}c')).toEqual({ out: 'ac', err: 'b' });
  });

  it('warns about unknown variables on stderr', () => {
    expect(render('%{nope}x')).toEqual({ out: 'x', err: "qurl: unknown --write-out variable: 'nope'\n" });
  });

  it('%{json} has numbers as numbers and the error', () => {
    const failed = { ...result, status: 0, error: new QurlError('connect', 'refused') };
    const j = JSON.parse(render('%{json}', failed).out) as Record<string, unknown>;
    expect(j.exitcode).toBe(7);
    expect(j.errormsg).toBe('refused');
    expect(j.http_code).toBe(0);
    expect(j.time_total).toBe(0.5);
    expect(render('%{http_code}', failed).out).toBe('000');
  });

  it("%{json} has curl 8's keys in curl's order, times with six decimals, and null for what is missing", () => {
    const text = render('%{json}').out;
    const json = JSON.parse(text) as Record<string, unknown>;
    const keys = Object.keys(json);
    expect(keys.length).toBeGreaterThanOrEqual(48);
    expect(keys.at(-1)).toBe('curl_version');
    expect(keys.slice(0, -1)).toEqual([...keys.slice(0, -1)].sort());
    expect(json).toMatchObject({ http_code: 200, num_retries: 0, urlnum: 0, referer: null, redirect_url: null, filename_effective: null, errormsg: null, time_queue: 0 });
    expect(text).toContain('"time_total":0.500000');
  });

  it('%{onerror} shows the rest only when the transfer failed', async () => {
    const { QurlError } = await import('../../../src/errors/index.js');
    expect(render('a%{onerror}b %{exitcode}', { ...result, error: new QurlError('connect', 'refused') }).out).toBe('ab 7');
  });

  it('%output{FILE} writes the rest to FILE, %output{>>FILE} appends', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'qurl-wo-')), 'w.txt');
    expect(render(`a%output{${file}}%{http_code}`).out).toBe('a');
    render(`%output{>>${file}} %{method}`);
    expect(readFileSync(file, 'utf8')).toBe('200 GET');
  });
});

