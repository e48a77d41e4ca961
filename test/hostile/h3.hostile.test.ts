// HTTP/3 peers that break the rules: each failure is one clear line with curl's exit code (95 for HTTP/3,
// 28 for time), never a hang or a stack trace, and body bytes that arrived before the failure are kept.
import dgram from 'node:dgram';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HTTP3_FRAME, HTTP3_STREAM_TYPE, createHttp3FrameReader, createQpackDecoder, encodeFieldSection, encodeHttp3Frame, encodeSettings, encodeVarint,
} from '../../src/codec/index.js';
import { generateCertificates, startQuicServer, startServe, type H3Server, type RunningServe } from '../../src/serve/index.js';
import type { DrivenQuicSession } from '../../src/transport/index.js';
import { qurl } from '../helpers/run-qurl.js';
import { randomBytes } from 'node:crypto';

type Behaviour = (session: DrivenQuicSession, streamId: number) => void;

const frame = (type: number, payload: Uint8Array): Uint8Array => encodeHttp3Frame(type, payload);
const headers = (fields: [string, string][]): Uint8Array => frame(HTTP3_FRAME.HEADERS, encodeFieldSection(fields));
const data = (text: string): Uint8Array => frame(HTTP3_FRAME.DATA, Buffer.from(text));
const ok = headers([[':status', '200'], ['content-type', 'text/plain']]);

const rejected = new Set<string>();
const controlStreams = new WeakMap<DrivenQuicSession, number>();

/** Each path answers the first request on a connection its own wrong way. */
const BEHAVIOURS: Record<string, Behaviour> = {
  '/data-first': (s, id) => s.write(id, Buffer.concat([data('early'), ok]), true),
  '/no-status': (s, id) => s.write(id, headers([['content-type', 'text/plain']]), true),
  '/bad-qpack': (s, id) => s.write(id, frame(HTTP3_FRAME.HEADERS, Uint8Array.from([0x00, 0x00, 0xff, 0x7f])), true),
  '/reset-mid-body': (s, id) => {
    s.write(id, Buffer.concat([ok, data('partial-')]), false);
    setTimeout(() => s.abortStream(id, 0x102), 100);
  },
  '/close-mid-body': (s, id) => {
    s.write(id, Buffer.concat([ok, data('partial-')]), false);
    setTimeout(() => s.close(true, 0x102, 'internal trouble'), 100);
  },
  '/truncated-frame': (s, id) => s.write(id, Buffer.concat([ok, data('complete-'), Uint8Array.from([0x00, 0x20, 0x41, 0x42])]), true),
  '/silent': () => {},
  '/reject-once': (s, id) => {
    if (rejected.has('/reject-once')) return s.write(id, Buffer.concat([ok, data('second time lucky')]), true);
    rejected.add('/reject-once');
    s.abortStream(id, 0x10b);
  },
  '/reject-always': (s, id) => s.abortStream(id, 0x10b),
  '/goaway-once': (s, id) => {
    if (rejected.has('/goaway-once')) return s.write(id, Buffer.concat([ok, data('after goaway')]), true);
    rejected.add('/goaway-once');
    // GOAWAY 0: request stream 0 and above will not be processed; then the connection goes.
    s.write(controlStreams.get(s)!, frame(HTTP3_FRAME.GOAWAY, encodeVarint(0)), false);
    setTimeout(() => s.close(true, 0x100, ''), 50);
  },
  '/slow': (s, id) => void setTimeout(() => s.write(id, Buffer.concat([ok, data('late but whole')]), true), 4000),
};

function misbehave(session: DrivenQuicSession): void {
  const settings = encodeSettings([]);
  const control = session.openStream('uni');
  controlStreams.set(session, control);
  session.write(control, Buffer.concat([encodeVarint(HTTP3_STREAM_TYPE.CONTROL), frame(HTTP3_FRAME.SETTINGS, settings)]), false);
  session.onPeerStream = (id) => {
    if ((id & 2) !== 0) return { onData() {}, onError() {} };
    const reader = createHttp3FrameReader({ maxFramePayload: 65536 });
    return {
      onData(chunk) {
        for (const item of reader.push(chunk)) {
          if (item.kind !== 'frame' || item.type !== HTTP3_FRAME.HEADERS) continue;
          const path = createQpackDecoder({ maxTableCapacity: 0 }).decodeFieldSection(id, item.payload).fields.find((f) => f.name === ':path')?.value;
          BEHAVIOURS[path ?? '']?.(session, id);
        }
      },
      onError() {},
    };
  };
}

let server: H3Server;
let impatient: H3Server;
let otherAddress: H3Server;
let blackhole: dgram.Socket;
let garbage: dgram.Socket;
let tcpOnly: RunningServe;
let caFile = '';
beforeAll(async () => {
  const certs = await generateCertificates();
  caFile = join(mkdtempSync(join(tmpdir(), 'qurl-h3-hostile-')), 'ca.pem');
  writeFileSync(caFile, certs.caPem);
  server = await startQuicServer('127.0.0.1', 0, certs.certPem, certs.keyPem, misbehave);
  impatient = await startQuicServer('127.0.0.1', 0, certs.certPem, certs.keyPem, misbehave, 1500);
  // 127.0.0.2 is loopback too, but not in the certificate's IP SANs.
  otherAddress = await startQuicServer('127.0.0.2', 0, certs.certPem, certs.keyPem, misbehave);
  // HTTPS over TCP, and on its port number a UDP socket that takes every datagram and never answers:
  // the QUIC handshake cannot complete, as behind a firewall that drops UDP.
  tcpOnly = await startServe({ host: '127.0.0.1', h3: false });
  blackhole = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => blackhole.bind(Number(new URL(tcpOnly.httpsUrl).port), '127.0.0.1', resolve));
  // A UDP peer that answers every datagram with random bytes, some of them long enough to look like QUIC packets.
  garbage = dgram.createSocket('udp4');
  garbage.on('message', (_msg, rinfo) => {
    for (const size of [1, 20, 1200]) garbage.send(randomBytes(size), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => garbage.bind(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await server.close();
  await impatient.close();
  await otherAddress.close();
  blackhole.close();
  garbage.close();
  await tcpOnly.close();
});

const url = (path: string): string => `https://localhost:${server.port}${path}`;
const h3 = (): string[] => ['--http3-only', '--cacert', caFile, '-sS', '--max-time', '10'];

describe('hostile HTTP/3 peers', () => {
  it.each([
    ['/data-first', /HTTP\/3 error: DATA on stream 0 before the response HEADERS \(H3_FRAME_UNEXPECTED\)/],
    ['/no-status', /HTTP\/3 response without a valid :status/],
    ['/bad-qpack', /QPACK field section does not decode/],
  ])('%s: exit 95 with one line saying what was wrong', async (path, message) => {
    const r = await qurl([...h3(), url(path)]);
    expect(r.exitCode).toBe(95);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^qurl: \(95\) /);
  });

  it.each([
    ['/reset-mid-body', /stream 0 reset by the peer with H3_INTERNAL_ERROR \(0x102\)/],
    ['/close-mid-body', /^qurl: \(95\) HTTP\/3 connection closed by the server with H3_INTERNAL_ERROR \(internal trouble\)/],
    ['/truncated-frame', /malformed frame from the server: stream ended 2 bytes into a 32-byte DATA frame/],
  ])('%s: exit 95, and the body bytes that arrived are written', async (path, message) => {
    const r = await qurl([...h3(), url(path)]);
    expect(r.stderr).toMatch(message);
    expect(r.exitCode).toBe(95);
    expect(r.stdout).toMatch(/^(partial-|complete-)/);
  });

  it('H3_REQUEST_REJECTED: a GET goes once more (and succeeds), a POST is not replayed', async () => {
    const get = await qurl([...h3(), '-v', url('/reject-once')]);
    expect(get.exitCode).toBe(0);
    expect(get.stdout).toBe('second time lucky');
    expect(get.stderr).toMatch(/^\* Retrying: the server did not process the request on connection #0 \(GOAWAY, REFUSED_STREAM or H3_REQUEST_REJECTED\), sending it again$/m);
    const post = await qurl([...h3(), '-d', 'x', url('/reject-always')]);
    expect(post.exitCode).toBe(95);
    expect(post.stderr).toMatch(/^qurl: \(95\) HTTP\/3 stream 0 was not processed by the server \(H3_REQUEST_REJECTED\)$/m);
  });

  it('an IP-literal URL whose address is not in the certificate: exit 60 naming it (-k accepts it)', async () => {
    const url = `https://127.0.0.2:${otherAddress.port}/silent`;
    const r = await qurl(['--http3-only', '--cacert', caFile, '-sS', url]);
    expect(r.exitCode).toBe(60);
    expect(r.stderr).toMatch(/^qurl: \(60\) SSL: no alternative certificate subject name matches target ipaddress '127\.0\.0\.2'/m);
    expect((await qurl(['--http3-only', '-k', '-sS', '--max-time', '1', url])).exitCode).toBe(28);
  });

  it('GOAWAY below the request\'s stream: the GET was not processed and goes again on a new connection', async () => {
    const r = await qurl([...h3(), '-v', '-w', '\n%{num_connects}', url('/goaway-once')]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('after goaway\n2');
    expect(r.stderr).toMatch(/^\* HTTP\/3 GOAWAY received: no new requests on connection #0 \(streams below 0 continue\)$/m);
    expect(r.stderr).toMatch(/^\* Retrying: the server did not process the request on connection #0/m);
  });

  it('a peer that never answers the request: --max-time ends it with 28', async () => {
    const r = await qurl(['--http3-only', '--cacert', caFile, '-sS', '--max-time', '1', url('/silent')]);
    expect(r.exitCode).toBe(28);
    expect(r.stderr).toMatch(/^qurl: \(28\) /);
  });

  it('a response slower than the peer\'s 1.5 s idle timeout still arrives: PINGs keep the connection alive', async () => {
    const r = await qurl([...h3(), `https://localhost:${impatient.port}/slow`]);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('late but whole');
  });

  it('a UDP port that swallows the handshake: --connect-timeout bounds --http3-only (28)', async () => {
    const started = Date.now();
    const r = await qurl(['--http3-only', '-k', '-sS', '--connect-timeout', '1', `${tcpOnly.httpsUrl}/get`]);
    expect(r.exitCode).toBe(28);
    expect(r.stderr).toMatch(/^qurl: \(28\) Connection timed out after \d+ milliseconds \(quic to localhost port \d+\)$/m);
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('a UDP port that swallows the handshake: --max-time alone bounds it too (28)', async () => {
    const r = await qurl(['--http3-only', '-k', '-sS', '--max-time', '1', `${tcpOnly.httpsUrl}/get`]);
    expect(r.exitCode).toBe(28);
    expect(r.stderr).toMatch(/^qurl: \(28\) (Connection|Operation) timed out after \d+ milliseconds/);
    expect(r.ms).toBeLessThan(6000);
  });

  it('a peer that answers with garbage datagrams: ignored as QUIC ignores them, --connect-timeout ends it (28)', async () => {
    const r = await qurl(['--http3-only', '-k', '-sS', '--connect-timeout', '1', `https://127.0.0.1:${garbage.address().port}/`]);
    expect(r.stderr).toMatch(/^qurl: \(28\) Connection timed out after \d+ milliseconds \(quic to 127\.0\.0\.1 port \d+\)\n$/);
    expect(r.exitCode).toBe(28);
    expect(r.ms).toBeLessThan(6000);
  });

  it('--http3 where UDP is swallowed: TCP starts after QUIC\'s 200 ms head start and wins', async () => {
    const started = Date.now();
    const r = await qurl(['--http3', '-v', '--cacert', tcpOnly.caFile, '-o', '/dev/null', '-w', '%{http_version} %{num_connects} %{time_connect} %{time_appconnect}', `${tcpOnly.httpsUrl}/get`]);
    expect(r.exitCode).toBe(0);
    const [version, connects, connect, appconnect] = r.stdout.split(' ');
    expect(`${version} ${connects}`).toBe('2 1');
    // The winner's times: TCP's connect (after the head start), then its TLS handshake.
    expect(Number(connect)).toBeGreaterThanOrEqual(0.2);
    expect(Number(appconnect)).toBeGreaterThan(Number(connect));
    expect(r.stderr).toMatch(/^\* HTTP\/3 to localhost port \d+: no QUIC handshake after 200 ms, trying TCP in parallel \(--http3\)$/m);
    expect(r.stderr).toMatch(/^\* Using TCP: it connected before QUIC did \(--http3\)$/m);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
