// qurl grpc against qurl serve's gRPC service (qurl.demo.v1.Demo, with reflection) on h2c, TLS and HTTP/3:
// every call type, metadata both ways, status details, trailers-only, deadlines, and what -v shows.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrpcCallDocument } from '../../src/render/index.js';
import type { RunningServe } from '../../src/serve/index.js';
import { execa } from 'execa';
import { QURL_BIN, hermeticEnv, qurl } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';

let serve: RunningServe;
let h2c = '';
let tls = '';
beforeAll(async () => {
  serve = await withServe();
  h2c = new URL(serve.h2cUrl).host;
  tls = new URL(serve.httpsUrl).host;
});
afterAll(() => serve.close());

const grpc = (...args: string[]) => qurl(['grpc', ...args]);
const json = (text: string): unknown => JSON.parse(text);

describe('qurl grpc against qurl serve', () => {
  it('list and describe by reflection', async () => {
    const list = await grpc('-plaintext', h2c, 'list');
    expect([list.exitCode, list.stderr]).toEqual([0, '']);
    expect(list.stdout).toBe('grpc.reflection.v1.ServerReflection\ngrpc.reflection.v1alpha.ServerReflection\nqurl.demo.v1.Demo\n');
    const methods = await grpc('-plaintext', h2c, 'list', 'qurl.demo.v1.Demo');
    expect(methods.stdout.split('\n')).toEqual(expect.arrayContaining(['qurl.demo.v1.Demo.Echo', 'qurl.demo.v1.Demo.Chat', 'qurl.demo.v1.Demo.TrailersOnly']));
    const d = await grpc('-plaintext', h2c, 'describe', 'qurl.demo.v1.Demo.Count');
    // Like grpc-go's, serve's reflection sends descriptors without source info, so without comments.
    expect(d.stdout).toBe('qurl.demo.v1.Demo.Count is a method:\nrpc Count ( .qurl.demo.v1.CountRequest ) returns ( stream .qurl.demo.v1.Number );\n');
    const missing = await grpc('-plaintext', h2c, 'describe', 'qurl.demo.v1.Nope');
    expect([missing.exitCode, missing.stderr]).toEqual([1, 'qurl: (1) Failed to resolve symbol "qurl.demo.v1.Nope": Symbol not found: qurl.demo.v1.Nope\n']);
  });

  it('unary over h2c and TLS: the canonical JSON (int64 as a string, bytes as base64, a Timestamp)', async () => {
    const request = JSON.stringify({ message: 'hi', labels: { a: 'b' }, data: 'AAE=', id: '9007199254740993' });
    for (const args of [['-plaintext', h2c], ['-cacert', serve.caFile, tls]]) {
      const r = await grpc('-d', request, ...args, 'qurl.demo.v1.Demo/Echo');
      expect([r.exitCode, r.stderr]).toEqual([0, '']);
      const reply = json(r.stdout) as Record<string, unknown>;
      expect(reply).toMatchObject({ message: 'hi', labels: { a: 'b' }, data: 'AAE=', id: '9007199254740993' });
      expect(reply.answeredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    }
  });

  it('TLS is verified: without -cacert the call fails as curl does (60); -insecure skips the check', async () => {
    const r = await grpc(tls, 'list');
    expect(r.exitCode).toBe(60);
    expect(r.stderr).toMatch(/^qurl: \(60\) /);
    expect((await grpc('-insecure', tls, 'list')).exitCode).toBe(0);
  });

  it('server streaming prints each message; client streaming sends each JSON object; bidi answers each', async () => {
    const count = await grpc('-plaintext', '-d', '{"count": 3}', h2c, 'qurl.demo.v1.Demo/Count');
    expect(count.stdout).toBe('{\n  "value": "1"\n}\n{\n  "value": "2"\n}\n{\n  "value": "3"\n}\n');
    const sum = await qurl(['grpc', '-plaintext', '-d', '@', h2c, 'qurl.demo.v1.Demo/Sum'], { input: '{"value": 1}\n{"value": 2} {"value": 39}' });
    expect(json(sum.stdout)).toEqual({ sum: '42', count: 3 });
    const chat = await grpc('-plaintext', '-d', '{"message": "a"}{"message": "b"}', h2c, 'qurl.demo.v1.Demo/Chat');
    expect(chat.stdout.match(/"message": "[ab]"/g)).toEqual(['"message": "a"', '"message": "b"']);
    const none = await grpc('-plaintext', '-d', '', h2c, 'qurl.demo.v1.Demo/Sum');
    expect(json(none.stdout)).toEqual({});
  });

  it('bidi interleaves for real: each reply arrives before the next request is written (-d @, a pipe)', async () => {
    const child = execa('node', [QURL_BIN, 'grpc', '-plaintext', '-d', '@', h2c, 'qurl.demo.v1.Demo/Chat'], { env: hermeticEnv(), extendEnv: false, reject: false, timeout: 20_000 });
    let out = '';
    let waiting = (): void => {};
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      waiting();
    });
    const replies = (n: number): Promise<void> =>
      new Promise((resolve) => {
        waiting = () => (out.match(/"message"/g) ?? []).length >= n && resolve();
        waiting();
      });
    child.stdin!.write('{"message": "one"}\n');
    await replies(1);
    expect(out).toContain('"message": "one"');
    child.stdin!.write('{"message": "two"}\n');
    await replies(2);
    child.stdin!.end();
    const done = await child;
    expect(done.exitCode).toBe(0);
    expect(out.match(/"message": "\w+"/g)).toEqual(['"message": "one"', '"message": "two"']);
  });

  it('-v: the method, request metadata, headers (x-echo-*), trailers and the tally', async () => {
    const r = await grpc('-plaintext', '-v', '-H', 'x-echo-who: me', '-d', '{"value": 5}{"value": 6}', h2c, 'qurl.demo.v1.Demo/Sum');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^\nResolved method descriptor:\nrpc Sum \( stream \.qurl\.demo\.v1\.Number \) returns \( \.qurl\.demo\.v1\.SumReply \);\n/);
    expect(r.stdout).toMatch(/\nRequest metadata to send:\nx-echo-who: me\n/);
    expect(r.stdout).toMatch(/\nResponse headers received:\n(.*\n)*x-echo-who: me\n/);
    expect(r.stdout).toMatch(/\nResponse trailers received:\n(.*\n)*x-qurl-received: 2\n/);
    expect(r.stdout).toMatch(/\nSent 2 requests and received 1 response\n$/);
  });

  it('a failure with google.rpc details: grpcurl\'s ERROR block, the ErrorInfo decoded, exit 64 + code', async () => {
    const r = await grpc('-plaintext', '-d', '{"code": 5, "message": "no such thing: ☺"}', h2c, 'qurl.demo.v1.Demo/Fail');
    expect(r.exitCode).toBe(69);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ERROR:\n {2}Code: NotFound\n {2}Message: no such thing: ☺\n {2}Details:\n {2}1\)\t\{\n {4}\t {2}"@type"/);
    expect(r.stderr).toContain('"@type": "type.googleapis.com/google.rpc.ErrorInfo"');
    expect(r.stderr).toContain('"reason": "DEMO_FAILURE"');
    const asJson = await grpc('-plaintext', '-format-error', '-d', '{"code": 7}', h2c, 'qurl.demo.v1.Demo/Fail');
    expect(asJson.exitCode).toBe(71);
    expect(json(asJson.stderr)).toMatchObject({ code: 7, message: 'the demo failure asked for' });
  });

  it('trailers-only: the status in the only HEADERS frame, shown with -v as trailers', async () => {
    const r = await grpc('-plaintext', '-v', '-d', '{"code": 9, "message": "only trailers"}', h2c, 'qurl.demo.v1.Demo/TrailersOnly');
    expect(r.exitCode).toBe(73);
    expect(r.stderr).toBe('ERROR:\n  Code: FailedPrecondition\n  Message: only trailers\n');
    expect(r.stdout).toMatch(/\nResponse headers received:\n\(empty\)\n/);
    expect(r.stdout).toMatch(/\nResponse trailers received:\n(.*\n)*content-type: application\/grpc\n/);
    expect(r.stdout).toMatch(/Sent 1 request and received 0 responses\n$/);
  });

  it('deadlines: -max-time is sent as grpc-timeout; the server gives up at it and qurl exits 68 within the bound', async () => {
    const r = await grpc('-plaintext', '-max-time', '0.3', '-d', '{"delay": "5s"}', h2c, 'qurl.demo.v1.Demo/Slow');
    expect(r.stderr).toMatch(/^ERROR:\n {2}Code: DeadlineExceeded\n/);
    expect(r.exitCode).toBe(68);
    expect(r.ms).toBeLessThan(3000);
    const fine = await grpc('-plaintext', '-max-time', '5', '-d', '{"delay": "0.05s"}', h2c, 'qurl.demo.v1.Demo/Slow');
    expect([fine.exitCode, (json(fine.stdout) as { message: string }).message]).toEqual([0, 'done']);
  });

  it('a method or service the server does not expose: grpcurl\'s words, exit 1', async () => {
    const method = await grpc('-plaintext', h2c, 'qurl.demo.v1.Demo/Nope');
    expect([method.exitCode, method.stderr]).toEqual([1, 'qurl: (1) Error invoking method "qurl.demo.v1.Demo/Nope": service "qurl.demo.v1.Demo" does not include a method named "Nope"\n']);
    const service = await grpc('-plaintext', h2c, 'qurl.demo.v1.Nope/Echo');
    expect([service.exitCode, service.stderr]).toEqual([1, 'qurl: (1) Error invoking method "qurl.demo.v1.Nope/Echo": target server does not expose service "qurl.demo.v1.Nope"\n']);
  });

  it('-compress gzip: the request goes compressed and the answer is the same', async () => {
    const r = await grpc('-plaintext', '-compress', 'gzip', '-d', JSON.stringify({ message: 'x'.repeat(10_000) }), h2c, 'qurl.demo.v1.Demo/Echo');
    expect(r.exitCode).toBe(0);
    expect((json(r.stdout) as { message: string }).message).toHaveLength(10_000);
  });

  it('-out-json FILE: the whole call for scripts — metadata, each message with its time and size, trailers, status, timings', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'qurl-grpc-')), 'call.json');
    const r = await grpc('-plaintext', '-out-json', file, '-H', 'x-echo-a: 1', '-d', '{"count": 3, "interval": "0.2s"}', h2c, 'qurl.demo.v1.Demo/Count');
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as GrpcCallDocument;
    expect(doc.method).toBe('qurl.demo.v1.Demo/Count');
    expect(doc.request.metadata['x-echo-a']).toEqual(['1']);
    expect(doc.request.messages.map((m) => m.json)).toEqual([{ count: 3, interval: '0.200s' }]);
    expect(doc.response.headers['x-echo-a']).toEqual(['1']);
    expect(doc.response.messages.map((m) => m.json)).toEqual([{ value: '1' }, { value: '2' }, { value: '3' }]);
    const times = doc.response.messages.map((m) => m.ms);
    // When each message arrived: the server sends them 0.2 s apart (a busy machine may delay a read, not by 0.25 s).
    expect(times[2]! - times[0]!).toBeGreaterThanOrEqual(150);
    expect(doc.response.messages[0]).toMatchObject({ size: 2, wireSize: 7, compressed: false });
    expect(doc.response.trailers['x-qurl-received']).toEqual(['1']);
    expect(doc.status).toEqual({ code: 0, name: 'OK', message: '', details: [] });
    expect(doc.timings.lastMessage! * 1000).toBeCloseTo(times[2]!, 0);
    expect(doc.timings.total).toBeGreaterThanOrEqual(doc.timings.lastMessage!);
    expect(doc.connection).toMatchObject({ httpVersion: '2', remoteIp: '127.0.0.1', proxied: false });
  });

  it('-vv adds the HTTP/2 frames on stderr; -timing adds the phases and the first and last message; -w works', async () => {
    const vv = await grpc('-plaintext', '-vv', '-d', '{"message": "f"}', h2c, 'qurl.demo.v1.Demo/Echo');
    expect(vv.exitCode).toBe(0);
    expect(vv.stderr).toMatch(/send HEADERS frame <length=\d+, flags=0x04, stream_id=\d+>\n(.*\n)*\s+:path: \/qurl\.demo\.v1\.Demo\/Echo\n/);
    expect(vv.stderr).toMatch(/recv HEADERS frame <length=\d+, flags=0x05, stream_id=\d+>\n\s+; END_STREAM \| END_HEADERS\n(.*\n)*\s+grpc-status: 0\n/);
    expect(vv.stdout).toMatch(/\nEstimated response size: \d+ bytes\n/);
    const timing = await grpc('-plaintext', '-timing', '-w', '%{http_version} %{response_code}\n', '-d', '{"count": 2}', h2c, 'qurl.demo.v1.Demo/Count');
    expect(timing.stderr).toMatch(/│ first message +│ [\d.]+ ms/);
    expect(timing.stderr).toMatch(/│ last message +│ [\d.]+ ms/);
    expect(timing.stdout).toMatch(/\n2 200\n$/);
  });

  it('HTTP/3 (-http3-only): all four call types', async () => {
    if (!serve.h3Url) throw new Error(`qurl serve has no HTTP/3 here: ${serve.h3Problem}`);
    const h3 = ['-http3-only', '-cacert', serve.caFile];
    const address = new URL(serve.h3Url).host;
    const echo = await grpc(...h3, '-d', '{"message": "over quic"}', address, 'qurl.demo.v1.Demo/Echo');
    expect([echo.exitCode, echo.stderr]).toEqual([0, '']);
    expect((json(echo.stdout) as { message: string }).message).toBe('over quic');
    const count = await grpc(...h3, '-d', '{"count": 2}', address, 'qurl.demo.v1.Demo/Count');
    expect(count.stdout).toBe('{\n  "value": "1"\n}\n{\n  "value": "2"\n}\n');
    const sum = await grpc(...h3, '-d', '{"value": 40}{"value": 2}', address, 'qurl.demo.v1.Demo/Sum');
    expect(json(sum.stdout)).toEqual({ sum: '42', count: 2 });
    const chat = await grpc(...h3, '-d', '{"message": "a"}{"message": "b"}', address, 'qurl.demo.v1.Demo/Chat');
    expect(chat.stdout.match(/"message": "[ab]"/g)).toEqual(['"message": "a"', '"message": "b"']);
    const fail = await grpc(...h3, '-d', '{"code": 5}', address, 'qurl.demo.v1.Demo/Fail');
    expect(fail.exitCode).toBe(69);
    const only = await grpc(...h3, '-d', '{"code": 9}', address, 'qurl.demo.v1.Demo/TrailersOnly');
    expect(only.exitCode).toBe(73);
  });
});
