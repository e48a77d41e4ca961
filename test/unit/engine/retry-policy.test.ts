// --retry's rules: curl's transient set, its back-off, Retry-After, and what qurl will not send twice.
import { describe, expect, it } from 'vitest';
import { QurlError } from '../../../src/errors/index.js';
import { decideRetry, retryAfterSeconds, startRetries } from '../../../src/engine/retry/index.js';
import type { RetryOptions, TransferResult } from '../../../src/engine/index.js';

const OPTIONS: RetryOptions = { count: 20, delayS: 0, maxTimeS: 0, allErrors: false, connRefused: false };

function result(over: Partial<TransferResult> = {}): TransferResult {
  return {
    transferId: 0, urlNum: 0, url: 'http://h/', referer: '', connId: 0, urlEffective: 'http://h/', method: 'GET', scheme: 'http', status: 200, httpVersion: '1.1',
    headers: [], numRedirects: 0, numConnects: 1, sizeDownload: 0, sizeUpload: 0, sizeHeader: 0, sizeRequest: 0,
    times: { namelookup: 0, connect: 0, appconnect: 0, pretransfer: 0.001, posttransfer: 0.001, starttransfer: 0.002, total: 0.003, redirect: 0 },
    remoteIp: '', remotePort: 0, localIp: '', localPort: 0, sslVerifyResult: 0, redirectUrl: '', httpConnect: 0, proxyUsed: false,
    filenameEffective: '', fileOpened: false, numRetries: 0, ...over,
  };
}

describe('decideRetry', () => {
  it("retries curl's transient statuses and no others", () => {
    for (const status of [408, 429, 500, 502, 503, 504, 522, 524]) {
      expect(decideRetry(result({ status }), OPTIONS, false, startRetries(OPTIONS, 0), 0).retry, String(status)).toBe(true);
    }
    for (const status of [200, 301, 400, 401, 404, 501, 505]) {
      expect(decideRetry(result({ status }), OPTIONS, false, startRetries(OPTIONS, 0), 0).retry, String(status)).toBe(false);
    }
  });

  it('backs off from 1 s, doubling to 10 minutes; --retry-delay holds it still', () => {
    const state = startRetries(OPTIONS, 0);
    const delays = Array.from({ length: 12 }, () => (decideRetry(result({ status: 503 }), OPTIONS, false, state, 0) as { delayMs: number }).delayMs);
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 600, 600].map((s) => s * 1000));
    const fixed = { ...OPTIONS, delayS: 3 };
    const still = startRetries(fixed, 0);
    expect([1, 2, 3].map(() => (decideRetry(result({ status: 503 }), fixed, false, still, 0) as { delayMs: number }).delayMs)).toEqual([3000, 3000, 3000]);
  });

  it('stops when the retries are used up or --retry-max-time has passed', () => {
    const two = { ...OPTIONS, count: 2 };
    const state = startRetries(two, 0);
    expect([1, 2, 3].map(() => decideRetry(result({ status: 503 }), two, false, state, 0).retry)).toEqual([true, true, false]);
    expect(state.done).toBe(2);
    const bounded = { ...OPTIONS, maxTimeS: 5 };
    expect(decideRetry(result({ status: 503 }), bounded, false, startRetries(bounded, 0), 5000).retry).toBe(false);
  });

  it("obeys Retry-After (seconds or a date), held to 10 minutes, and gives up if it passes --retry-max-time", () => {
    const after = (value: string, options = OPTIONS): ReturnType<typeof decideRetry> =>
      decideRetry(result({ status: 429, headers: [['Retry-After', value]] }), options, false, startRetries(options, 0), 0);
    expect(after('7')).toMatchObject({ retry: true, delayMs: 7000 });
    expect(after('99999999')).toMatchObject({ retry: true, delayMs: 600_000 });
    expect(after('30', { ...OPTIONS, maxTimeS: 10 })).toMatchObject({ retry: false, warning: expect.stringMatching(/Retry-After/) });
    expect(retryAfterSeconds(new Date(Date.now() + 60_000).toUTCString(), Date.now())).toBeGreaterThanOrEqual(59);
    expect(retryAfterSeconds('Thu, 01 Jan 1970 00:00:00 GMT', Date.now())).toBe(0);
    expect(retryAfterSeconds('soon', 0)).toBe(0);
  });

  it('retries timeouts and DNS failures; refused connections only with --retry-connrefused; the rest only with --retry-all-errors', () => {
    const timeout = result({ status: 0, error: new QurlError('timeout', 'Operation timed out') });
    expect(decideRetry(timeout, OPTIONS, false, startRetries(OPTIONS, 0), 0).retry).toBe(true);
    expect(decideRetry(result({ status: 0, error: new QurlError('resolve', 'no such host') }), OPTIONS, false, startRetries(OPTIONS, 0), 0).retry).toBe(true);
    const refused = result({ status: 0, times: { ...result().times, pretransfer: 0 }, error: new QurlError('connect', 'refused', { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }) });
    expect(decideRetry(refused, OPTIONS, false, startRetries(OPTIONS, 0), 0).retry).toBe(false);
    expect(decideRetry(refused, { ...OPTIONS, connRefused: true }, false, startRetries(OPTIONS, 0), 0)).toMatchObject({ retry: true, warning: expect.stringMatching(/^Problem : connection refused\. Will retry in 1 second\. 20 retries left\.$/) });
    const reset = result({ status: 0, error: new QurlError('recv', 'reset') });
    expect(decideRetry(reset, OPTIONS, false, startRetries(OPTIONS, 0), 0).retry).toBe(false);
    expect(decideRetry(reset, { ...OPTIONS, allErrors: true }, false, startRetries(OPTIONS, 0), 0)).toMatchObject({ retry: true, warning: expect.stringMatching(/^Problem \(retrying all errors\)/) });
  });

  it('with -f an HTTP error is still a transient status to retry', () => {
    const failed = result({ status: 503, error: new QurlError('http-fail', 'The requested URL returned error: 503') });
    expect(decideRetry(failed, OPTIONS, true, startRetries(OPTIONS, 0), 0).retry).toBe(true);
    expect(decideRetry(failed, OPTIONS, false, startRetries(OPTIONS, 0), 0).retry).toBe(false);
  });

  it('never sends a POST again that the server may have acted on, unless --retry-all-errors', () => {
    const post = (over: Partial<TransferResult>): TransferResult => result({ method: 'POST', ...over });
    expect(decideRetry(post({ status: 500 }), OPTIONS, false, startRetries(OPTIONS, 0), 0)).toMatchObject({ retry: false, warning: expect.stringMatching(/Not retrying the POST/) });
    expect(decideRetry(post({ status: 0, error: new QurlError('timeout', 'timed out') }), OPTIONS, false, startRetries(OPTIONS, 0), 0).retry).toBe(false);
    // The server said it did not act on it, or nothing was sent at all.
    expect(decideRetry(post({ status: 503 }), OPTIONS, false, startRetries(OPTIONS, 0), 0).retry).toBe(true);
    expect(decideRetry(post({ status: 429 }), OPTIONS, false, startRetries(OPTIONS, 0), 0).retry).toBe(true);
    const unsent = post({ status: 0, times: { ...result().times, pretransfer: 0 }, error: new QurlError('timeout', 'connect timed out') });
    expect(decideRetry(unsent, OPTIONS, false, startRetries(OPTIONS, 0), 0).retry).toBe(true);
    expect(decideRetry(post({ status: 500 }), { ...OPTIONS, allErrors: true }, false, startRetries(OPTIONS, 0), 0).retry).toBe(true);
    // PUT and DELETE are idempotent (RFC 9110 §9.2.2).
    expect(decideRetry(result({ method: 'PUT', status: 500 }), OPTIONS, false, startRetries(OPTIONS, 0), 0).retry).toBe(true);
  });
});
