// qurl grpc's flags beyond the call itself, against qurl serve: schemas from a .proto on disk and from a
// protoset it wrote, --msg-template, binary in and out, JSON options, metadata flags, sizes, usage errors.
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/serve/index.js';
import { DEMO_PROTO, DEMO_PROTO_NAME } from '../../src/serve/grpc/demo-proto.js';
import { QURL_BIN, hermeticEnv, qurl } from '../helpers/run-qurl.js';
import { withServe } from '../helpers/serve.js';

let serve: RunningServe;
let h2c = '';
const dir = mkdtempSync(join(tmpdir(), 'qurl-grpc-opts-'));
const proto = ['-import-path', dir, '-proto', DEMO_PROTO_NAME];
beforeAll(async () => {
  serve = await withServe();
  h2c = new URL(serve.h2cUrl).host;
  mkdirSync(join(dir, 'qurl/demo/v1'), { recursive: true });
  writeFileSync(join(dir, DEMO_PROTO_NAME), DEMO_PROTO);
});
afterAll(() => serve.close());

const grpc = (...args: string[]) => qurl(['grpc', ...args]);
/** stdout as bytes (binary output). */
async function grpcBytes(args: string[], input?: Buffer): Promise<{ stdout: Buffer; stderr: string; exitCode: number }> {
  const r = await execa('node', [QURL_BIN, 'grpc', ...args], { env: hermeticEnv(), extendEnv: false, reject: false, encoding: 'buffer', input, stripFinalNewline: false, timeout: 30_000 });
  return { stdout: Buffer.from(r.stdout), stderr: Buffer.from(r.stderr).toString(), exitCode: r.exitCode ?? -1 };
}

describe('qurl grpc flags', () => {
  it('-proto without a server: list, and describe with the .proto\'s comments; -msg-template', async () => {
    expect((await grpc(...proto, 'list')).stdout).toBe('qurl.demo.v1.Demo\n');
    const d = await grpc(...proto, 'describe', 'qurl.demo.v1.Demo.Count');
    expect(d.stdout).toBe('qurl.demo.v1.Demo.Count is a method:\n// Server streaming: numbers 1..count, one every interval.\nrpc Count ( .qurl.demo.v1.CountRequest ) returns ( stream .qurl.demo.v1.Number );\n');
    const t = await grpc(...proto, '-msg-template', 'describe', 'qurl.demo.v1.CountRequest');
    expect(t.stdout).toMatch(/^qurl\.demo\.v1\.CountRequest is a message:\nmessage CountRequest \{\n/);
    expect(JSON.parse(t.stdout.slice(t.stdout.indexOf('Message template:\n') + 18))).toEqual({ count: 0, interval: '0s' });
  });

  it('-protoset-out writes what was used; a call then works from that protoset alone', async () => {
    const set = join(dir, 'demo.protoset');
    const r = await grpc('-plaintext', '-protoset-out', set, '-d', '{"message": "a"}', h2c, 'qurl.demo.v1.Demo/Echo');
    expect(r.exitCode).toBe(0);
    expect(readFileSync(set).length).toBeGreaterThan(100);
    const again = await grpc('-plaintext', '-protoset', set, '-d', '{"message": "from the protoset"}', h2c, 'qurl.demo.v1.Demo/Echo');
    expect(JSON.parse(again.stdout)).toMatchObject({ message: 'from the protoset' });
    expect((await grpc('-protoset', set, 'list')).stdout).toBe('qurl.demo.v1.Demo\n');
  });

  it('-proto-out-dir writes the reflected schema as .proto files that load again', async () => {
    const out = join(dir, 'protos');
    const r = await grpc('-plaintext', '-proto-out-dir', out, h2c, 'describe', 'qurl.demo.v1.Demo');
    expect(r.exitCode).toBe(0);
    const text = readFileSync(join(out, 'qurl/demo/v1/demo.proto'), 'utf8');
    expect(text).toMatch(/^syntax = "proto3";\n\npackage qurl\.demo\.v1;\n/);
    const again = await grpc('-import-path', out, '-proto', 'qurl/demo/v1/demo.proto', 'describe', 'qurl.demo.v1.Demo');
    expect(again.stdout).toBe(r.stdout);
    const listed = join(dir, 'listed');
    expect((await grpc('-plaintext', '-proto-out-dir', listed, h2c, 'list')).stdout).toContain('qurl.demo.v1.Demo\n');
    expect(readFileSync(join(listed, 'qurl/demo/v1/demo.proto'), 'utf8')).toBe(text);
    const unwritable = await grpc('-plaintext', '-proto-out-dir', join(out, 'qurl/demo/v1/demo.proto'), h2c, 'list');
    expect(unwritable.exitCode).toBe(23);
    expect(unwritable.stderr).toMatch(/^qurl: \(23\) Failed to write protos to .*demo\.proto: /);
  });

  it('-format-out binary: the raw message for unary, size-delimited for a stream; -format-in binary likewise', async () => {
    const unary = await grpcBytes(['-plaintext', ...proto, '-format-out', 'binary', '-d', '{"message": "hi"}', h2c, 'qurl.demo.v1.Demo/Echo']);
    expect(unary.stdout.subarray(0, 4).toString('hex')).toBe('0a026869');
    const stream = await grpcBytes(['-plaintext', ...proto, '-format-out', 'binary', '-d', '{"count": 2}', h2c, 'qurl.demo.v1.Demo/Count']);
    expect(stream.stdout.toString('hex')).toBe('02080102' + '0802');
    const sum = await grpcBytes(['-plaintext', ...proto, '-format-in', 'binary', '-d', '@', h2c, 'qurl.demo.v1.Demo/Sum'], Buffer.from('020805' + '020806' + '00', 'hex'));
    expect(JSON.parse(sum.stdout.toString())).toEqual({ sum: '11', count: 3 });
    const count = await grpcBytes(['-plaintext', ...proto, '-format-in', 'binary', '-d', '@', h2c, 'qurl.demo.v1.Demo/Count'], Buffer.from('0801', 'hex'));
    expect(JSON.parse(count.stdout.toString())).toEqual({ value: '1' });
    const cut = await grpcBytes(['-plaintext', ...proto, '-format-in', 'binary', '-d', '@', h2c, 'qurl.demo.v1.Demo/Sum'], Buffer.from('0508', 'hex'));
    expect([cut.exitCode, cut.stderr]).toEqual([1, 'qurl: (1) the binary request data is not size-delimited messages: the input ends inside a message (2 bytes left over)\n']);
  });

  it('-format text: grpcurl\'s text format both ways; a stream\'s messages separated by 0x1E (not under -v)', async () => {
    const echo = await grpc('-plaintext', '-format', 'text', '-d', 'message: "hi" labels { key: "a" value: "b" } id: 7', h2c, 'qurl.demo.v1.Demo/Echo');
    expect([echo.exitCode, echo.stderr]).toEqual([0, '']);
    expect(echo.stdout).toMatch(/^message: "hi"\nlabels: <\n {2}key: "a"\n {2}value: "b"\n>\nid: 7\nanswered_at: <\n {2}seconds:\d+ nanos:\d+ \n>\n$/);
    const count = await grpc('-plaintext', '-format', 'text', '-d', 'count: 3', h2c, 'qurl.demo.v1.Demo/Count');
    expect(count.stdout).toBe('value: 1\n\x1evalue: 2\n\x1evalue: 3\n');
    const verbose = await grpc('-plaintext', '-v', '-format', 'text', '-d', 'count: 2', h2c, 'qurl.demo.v1.Demo/Count');
    expect(verbose.stdout).not.toContain('\x1e');
    const sum = await qurl(['grpc', '-plaintext', '-format', 'text', '-d', '@', h2c, 'qurl.demo.v1.Demo/Sum'], { input: 'value: 1\x1evalue: 2\x1evalue: 39' });
    expect(sum.stdout).toBe('sum: 42\ncount: 3\n');
    const failed = await grpc('-plaintext', '-format', 'text', '-format-error', '-d', 'code: 5 message: "nope"', h2c, 'qurl.demo.v1.Demo/Fail');
    expect(failed.exitCode).toBe(69);
    expect(failed.stderr).toMatch(/^code: 5\nmessage: "nope"\ndetails: <\n {2}type_url:"type\.googleapis\.com\/google\.rpc\.ErrorInfo" /);
    const typo = await grpc('-plaintext', '-format', 'text', '-d', 'mesage: "x"', h2c, 'qurl.demo.v1.Demo/Echo');
    expect([typo.exitCode, typo.stderr]).toEqual([1, 'qurl: (1) text format: 1:1: unknown field "mesage" in qurl.demo.v1.EchoRequest\n']);
    expect((await grpc('-plaintext', '-format', 'yaml', h2c, 'list')).stderr).toMatch(/The -format option must be 'json' or 'text'\./);
  });

  it('JSON options: -emit-defaults, -use-proto-names, proto names accepted on input, unknown fields refused or allowed', async () => {
    const defaults = await grpc('-plaintext', ...proto, '-emit-defaults', '-d', '', h2c, 'qurl.demo.v1.Demo/Sum');
    expect(JSON.parse(defaults.stdout)).toEqual({ sum: '0', count: 0 });
    const names = await grpc('-plaintext', ...proto, '-use-proto-names', '-d', '{}', h2c, 'qurl.demo.v1.Demo/Echo');
    expect(Object.keys(JSON.parse(names.stdout) as object)).toEqual(['answered_at']);
    const protoStyle = await grpc('-plaintext', ...proto, '-d', '{"count": 1, "interval": "0.001s"}', h2c, 'qurl.demo.v1.Demo/Count');
    expect(protoStyle.exitCode).toBe(0);
    const unknown = await grpc('-plaintext', ...proto, '-d', '{"mesage": "typo"}', h2c, 'qurl.demo.v1.Demo/Echo');
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toMatch(/^qurl: \(1\) request message 1 does not fit qurl\.demo\.v1\.EchoRequest: .*mesage.*-allow-unknown-fields/);
    const allowed = await grpc('-plaintext', ...proto, '-allow-unknown-fields', '-d', '{"mesage": "typo", "message": "ok"}', h2c, 'qurl.demo.v1.Demo/Echo');
    expect(JSON.parse(allowed.stdout)).toMatchObject({ message: 'ok' });
  });

  it('metadata: -bin values in base64 (padding optional), -rpc-header for the call only, -expand-headers', async () => {
    const bin = await grpc('-plaintext', '-v', '-H', 'x-echo-k-bin: AAEC', '-H', 'x-echo-p-bin: AAE', '-d', '{}', h2c, 'qurl.demo.v1.Demo/Echo');
    expect(bin.stdout).toMatch(/\nResponse headers received:\n(.*\n)*x-echo-k-bin: AAEC\n/);
    expect(bin.stdout).toMatch(/x-echo-p-bin: AAE=?\n/);
    const rpcOnly = await grpc('-plaintext', '-v', '-rpc-header', 'x-echo-call: yes', '-d', '{}', h2c, 'qurl.demo.v1.Demo/Echo');
    expect(rpcOnly.stdout).toMatch(/\nRequest metadata to send:\nx-echo-call: yes\n/);
    const expanded = await qurl(['grpc', '-plaintext', '-v', '-expand-headers', '-H', 'x-echo-secret: ${QURL_TEST_SECRET}', '-d', '{}', h2c, 'qurl.demo.v1.Demo/Echo'], { env: { QURL_TEST_SECRET: 's3cret' } });
    expect(expanded.stdout).toMatch(/\nx-echo-secret: s3cret\n/);
    const missing = await grpc('-plaintext', '-expand-headers', '-H', 'x: ${QURL_NOT_SET_ANYWHERE}', h2c, 'list');
    expect([missing.exitCode, missing.stderr]).toEqual([2, 'qurl: (2) -H "x: ${QURL_NOT_SET_ANYWHERE}" refers to the environment variable QURL_NOT_SET_ANYWHERE, which is not set (try \'qurl grpc -help\')\n']);
  });

  it('-max-msg-sz: a larger response is ResourceExhausted (exit 72); CR/LF in metadata is refused', async () => {
    const big = await grpc('-plaintext', ...proto, '-max-msg-sz', '50', '-d', JSON.stringify({ data: Buffer.alloc(100).toString('base64') }), h2c, 'qurl.demo.v1.Demo/Echo');
    expect(big.stderr).toMatch(/^ERROR:\n {2}Code: ResourceExhausted\n {2}Message: .*50/);
    expect(big.exitCode).toBe(72);
    const crlf = await grpc('-plaintext', '-H', 'x-a: b\r\nx-b: c', h2c, 'list');
    expect(crlf.exitCode).toBe(2);
  });

  it('grpcurl\'s usage errors are exit 2 with its words; -version, -help; ALTS is refused clearly', async () => {
    const unknown = await grpc('-no-such-flag', h2c, 'list');
    expect([unknown.exitCode, unknown.stderr]).toEqual([2, "qurl: (2) flag provided but not defined: -no-such-flag (try 'qurl grpc -help')\n"]);
    expect((await grpc('-plaintext', '-insecure', h2c, 'list')).stderr).toMatch(/The -plaintext and -insecure arguments are mutually exclusive\./);
    expect((await grpc('-plaintext')).stderr).toMatch(/Too few arguments\./);
    expect((await grpc('-version')).stdout).toMatch(/^qurl grpc \d+\.\d+\.\d+\n$/);
    const help = await grpc('-help');
    expect(help.stdout).toMatch(/^Usage: qurl grpc /);
    for (const name of ['plaintext', 'protoset-out', 'proto-out-dir', 'expand-headers', 'max-msg-sz', 'unix', 'out-json']) expect(help.stdout).toContain(`-${name}`);
    const alts = await grpc('-alts', h2c, 'list');
    expect(alts.exitCode).toBe(2);
    expect(alts.stderr).toMatch(/ALTS .* is not supported by qurl grpc: use TLS/);
  });
});
