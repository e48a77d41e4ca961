// qurl grpc through real proxies: squid (HTTP CONNECT, with and without basic auth, and from the proxy
// environment), tinyproxy (HTTP/1.0 200), danted (SOCKS5 with a system user) and microsocks (SOCKS5 user/pass),
// with socks5:// and socks5h://; to qurl serve's Demo (reflection) and to Python grpcio's TestService (-proto),
// each over h2c and TLS. Every call type through each; the proxy's own log shows it carried the call.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { GrpcCallDocument } from '../../src/render/index.js';
import { startServe, type RunningServe } from '../../src/serve/index.js';
import { needs, type Needs } from '../helpers/needs.js';
import { qurl, type QurlRun } from '../helpers/run-qurl.js';
import { GRPC_TESTING, TEST_PROTO } from './helpers/grpc-js-server.js';
import { GRPCIO_MISSING, hasGrpcio, startGrpcioServer, type GrpcioServer } from './helpers/grpcio-server.js';
import { preparePeerDir } from './helpers/peer.js';
import {
  DANTE_PASS, DANTE_USER, MICROSOCKS_PASS, MICROSOCKS_USER, SQUID_PASS, SQUID_USER, needing, startProxyPeers, type ProxyName, type ProxyPeers,
} from './helpers/proxy-peers.js';

const grpcioPresent = await hasGrpcio();
const dir = mkdtempSync(join(tmpdir(), 'qurl-grpc-proxies-'));
let proxies: ProxyPeers;
let serve: RunningServe;
let grpcio: GrpcioServer | undefined;
let grpcioTls: GrpcioServer | undefined;
let grpcioCa = '';

beforeAll(async () => {
  serve = await startServe({ host: '127.0.0.1' });
  proxies = await startProxyPeers(['squid', 'squid-auth', 'tinyproxy', 'danted', 'microsocks']);
  if (grpcioPresent) {
    const files = await preparePeerDir(dir, join(dir, 'www'), {});
    grpcioCa = files.caFile;
    [grpcio, grpcioTls] = await Promise.all([startGrpcioServer(), startGrpcioServer(files)]);
  }
}, 60_000);
afterAll(async () => {
  await proxies?.stop();
  await serve?.close();
  await grpcio?.close();
  await grpcioTls?.close();
});

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const zeros = (n: number): string => Buffer.alloc(n).toString('base64');
const json = (text: string): unknown => JSON.parse(text);

interface Route {
  readonly name: string;
  readonly needs: Needs;
  readonly peer: ProxyName;
  /** -proxy's URL; read when the test runs, once the ports are known. */
  readonly url: () => string;
  /** socks5h: the proxy resolves the name, so the target is given as localhost. */
  readonly resolvesNames: boolean;
  /** What a CONNECT tunnel answered (out-json's connection.httpConnect); 0 for SOCKS. */
  readonly httpConnect: number;
  /** The line the proxy logs for a tunnel to host:port. */
  readonly logged: (host: string, port: number) => RegExp;
}

const squidLine = (user: string) => (host: string, port: number) => new RegExp(`TCP_TUNNEL/200 \\d+ CONNECT ${escape(`${host}:${port}`)} ${escape(user)} `);
const danteLine = (_host: string, port: number) => new RegExp(`pass\\(\\d+\\): tcp/connect \\[: username%${DANTE_USER}@\\S+ \\S+ -> \\S+ 127\\.0\\.0\\.1\\.${port}\\n`);
const microsocksLine = (host: string, port: number) => new RegExp(`connected to ${escape(`${host}:${port}`)}\\n`);

const routes: readonly Route[] = [
  { name: 'squid', needs: needing('squid', 'htpasswd'), peer: 'squid', url: () => `http://127.0.0.1:${proxies.port('squid')}`, resolvesNames: false, httpConnect: 200, logged: squidLine('-') },
  {
    name: 'squid with basic auth', needs: needing('squid', 'htpasswd'), peer: 'squid-auth', url: () => `http://${SQUID_USER}:${SQUID_PASS}@127.0.0.1:${proxies.port('squid-auth')}`,
    resolvesNames: false, httpConnect: 200, logged: squidLine(SQUID_USER),
  },
  {
    name: 'tinyproxy (HTTP/1.0 200)', needs: needing('tinyproxy'), peer: 'tinyproxy', url: () => `http://127.0.0.1:${proxies.port('tinyproxy')}`, resolvesNames: false, httpConnect: 200,
    logged: (host, port) => new RegExp(`Request \\(file descriptor \\d+\\): CONNECT ${escape(`${host}:${port}`)} HTTP/1\\.1\\n`),
  },
  { name: 'danted socks5://', needs: needing('danted'), peer: 'danted', url: () => `socks5://${DANTE_USER}:${DANTE_PASS}@127.0.0.1:${proxies.port('danted')}`, resolvesNames: false, httpConnect: 0, logged: danteLine },
  { name: 'danted socks5h://', needs: needing('danted'), peer: 'danted', url: () => `socks5h://${DANTE_USER}:${DANTE_PASS}@127.0.0.1:${proxies.port('danted')}`, resolvesNames: true, httpConnect: 0, logged: danteLine },
  {
    name: 'microsocks socks5://', needs: needing('microsocks'), peer: 'microsocks', url: () => `socks5://${MICROSOCKS_USER}:${MICROSOCKS_PASS}@127.0.0.1:${proxies.port('microsocks')}`,
    resolvesNames: false, httpConnect: 0, logged: microsocksLine,
  },
  {
    name: 'microsocks socks5h://', needs: needing('microsocks'), peer: 'microsocks', url: () => `socks5h://${MICROSOCKS_USER}:${MICROSOCKS_PASS}@127.0.0.1:${proxies.port('microsocks')}`,
    resolvesNames: true, httpConnect: 0, logged: microsocksLine,
  },
];

const routeNamed = (name: string): Route => routes.find((r) => r.name === name)!;

/** Waits for the proxy to log the tunnel (squid logs one when it closes, just after qurl exits). */
async function expectLogged(route: Route, host: string, port: number): Promise<void> {
  const pattern = route.logged(host, port);
  for (let i = 0; i < 50 && !pattern.test(proxies.log(route.peer)); i++) await new Promise((r) => setTimeout(r, 100));
  expect(proxies.log(route.peer), `${route.name} logged a tunnel to ${host}:${port}`).toMatch(pattern);
}

type Run = (args: string[], input?: string) => Promise<QurlRun>;
interface Target {
  readonly name: string;
  /** -plaintext or -cacert, and the schema's flags. */
  readonly args: () => string[];
  readonly port: () => number;
  readonly calls: (run: Run, address: string) => Promise<void>;
  /** A call that succeeds, for -out-json. */
  readonly probe: readonly string[];
}

const ok = (r: QurlRun, what: string): void => expect([r.exitCode, r.stderr], what).toEqual([0, '']);

/** Every call type on qurl serve's Demo, the schema by reflection through the proxy too. */
async function demoCalls(run: Run, address: string): Promise<void> {
  const list = await run([address, 'list']);
  ok(list, 'list');
  expect(list.stdout).toContain('qurl.demo.v1.Demo\n');
  const echo = await run(['-d', '{"message": "tunnelled ☺"}', address, 'qurl.demo.v1.Demo/Echo']);
  ok(echo, 'Echo');
  expect(json(echo.stdout)).toMatchObject({ message: 'tunnelled ☺' });
  const count = await run(['-d', '{"count": 3}', address, 'qurl.demo.v1.Demo/Count']);
  expect([count.exitCode, count.stdout]).toEqual([0, '{\n  "value": "1"\n}\n{\n  "value": "2"\n}\n{\n  "value": "3"\n}\n']);
  const sum = await run(['-d', '@', address, 'qurl.demo.v1.Demo/Sum'], '{"value": 40}\n{"value": 2}\n');
  ok(sum, 'Sum');
  expect(json(sum.stdout)).toEqual({ sum: '42', count: 2 });
  const chat = await run(['-d', '{"message": "x"}{"message": "y"}', address, 'qurl.demo.v1.Demo/Chat']);
  ok(chat, 'Chat');
  expect(chat.stdout.match(/"message": "[xy]"/g)).toEqual(['"message": "x"', '"message": "y"']);
  const fail = await run(['-d', '{"code": 5, "message": "not here"}', address, 'qurl.demo.v1.Demo/Fail']);
  expect(fail.exitCode).toBe(69);
  expect(fail.stderr).toMatch(/^ERROR:\n {2}Code: NotFound\n {2}Message: not here\n {2}Details:\n/);
  const only = await run(['-d', '{"code": 9, "message": "only trailers"}', address, 'qurl.demo.v1.Demo/TrailersOnly']);
  expect([only.exitCode, only.stderr]).toEqual([73, 'ERROR:\n  Code: FailedPrecondition\n  Message: only trailers\n']);
}

const sizes = (stdout: string): number[] =>
  stdout.trim().split(/\n(?=\{)/).map((m) => Buffer.from((json(m) as { payload?: { body?: string } }).payload?.body ?? '', 'base64').length);

/** Every call type on grpcio's TestService, gzip both ways, a failing status. */
async function interopCalls(run: Run, address: string): Promise<void> {
  const t = (m: string): string => `grpc.testing.TestService/${m}`;
  const empty = await run([address, t('EmptyCall')]);
  expect([empty.exitCode, empty.stdout, empty.stderr]).toEqual([0, '{}\n', '']);
  const large = await run(['-d', JSON.stringify({ responseSize: 314159, responseCompressed: { value: true } }), address, t('UnaryCall')]);
  ok(large, 'UnaryCall');
  expect(sizes(large.stdout)).toEqual([314159]);
  const down = await run(['-d', JSON.stringify({ responseParameters: [31415, 9, 2653, 58979].map((size) => ({ size })) }), address, t('StreamingOutputCall')]);
  ok(down, 'StreamingOutputCall');
  expect(sizes(down.stdout)).toEqual([31415, 9, 2653, 58979]);
  const up = await run(['-compress', 'gzip', '-d', '@', address, t('StreamingInputCall')], [27182, 8, 1828, 45904].map((n) => JSON.stringify({ payload: { body: zeros(n) } })).join('\n'));
  expect([up.exitCode, up.stdout, up.stderr]).toEqual([0, '{\n  "aggregatedPayloadSize": 74922\n}\n', '']);
  const bidi = await run(['-d', '{"responseParameters": [{"size": 31415}]}{"responseParameters": [{"size": 9}]}', address, t('FullDuplexCall')]);
  ok(bidi, 'FullDuplexCall');
  expect(sizes(bidi.stdout)).toEqual([31415, 9]);
  const failed = await run(['-d', '{"responseStatus": {"code": 2, "message": "test status message"}}', address, t('UnaryCall')]);
  expect([failed.exitCode, failed.stdout, failed.stderr]).toEqual([66, '', 'ERROR:\n  Code: Unknown\n  Message: test status message\n']);
}

const fromProto = ['-import-path', GRPC_TESTING, '-proto', TEST_PROTO];
const targets: readonly Target[] = [
  { name: 'qurl serve over h2c', args: () => ['-plaintext'], port: () => Number(new URL(serve.h2cUrl).port), calls: demoCalls, probe: ['-d', '{}', 'qurl.demo.v1.Demo/Echo'] },
  { name: 'qurl serve over TLS', args: () => ['-cacert', serve.caFile], port: () => Number(new URL(serve.httpsUrl).port), calls: demoCalls, probe: ['-d', '{}', 'qurl.demo.v1.Demo/Echo'] },
  { name: 'grpcio over h2c', args: () => ['-plaintext', ...fromProto], port: () => grpcio!.port, calls: interopCalls, probe: ['grpc.testing.TestService/EmptyCall'] },
  { name: 'grpcio over TLS', args: () => ['-cacert', grpcioCa, ...fromProto], port: () => grpcioTls!.port, calls: interopCalls, probe: ['grpc.testing.TestService/EmptyCall'] },
];
const needsGrpcio = (target: Target): boolean => target.name.startsWith('grpcio');

/** -out-json's account of a call: it went through the proxy (its port is the peer), and what CONNECT answered. */
async function expectProxied(run: Run, address: string, target: Target, proxyPort: number, httpConnect: number): Promise<void> {
  const file = join(dir, 'call.json');
  const r = await run(['-out-json', file, ...target.probe.slice(0, -1), address, target.probe.at(-1)!]);
  ok(r, `${target.name} -out-json`);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as GrpcCallDocument;
  expect(doc.connection, target.name).toMatchObject({ proxied: true, httpConnect, remoteIp: '127.0.0.1', remotePort: proxyPort });
}

describe('qurl grpc through real proxies', () => {
  // Each route carries both servers and both h2c and TLS inside its tunnels; the pairs alternate between routes
  // (four targets through each of seven routes would be twice the runs for little more).
  for (const [i, route] of routes.entries()) {
    for (const target of i % 2 === 0 ? [targets[0]!, targets[3]!] : [targets[1]!, targets[2]!]) {
      const peer: Needs = needsGrpcio(target) && !grpcioPresent ? needs(false, GRPCIO_MISSING) : route.needs;
      peer.it(`${route.name} → ${target.name}: every call type, and the proxy logged the tunnel`, async () => {
        const host = route.resolvesNames ? 'localhost' : '127.0.0.1';
        const address = `${host}:${target.port()}`;
        const run: Run = (args, input) => qurl(['grpc', '-proxy', route.url(), ...target.args(), ...args], { input });
        await target.calls(run, address);
        await expectProxied(run, address, target, Number(new URL(route.url()).port), route.httpConnect);
        await expectLogged(route, host, target.port());
      });
    }
  }
});

describe('qurl grpc through squid named by the proxy environment (run-qurl strips it: given per call)', () => {
  const squid = needing('squid', 'htpasswd');
  const viaEnv = (target: Target, env: Record<string, string>): Run => (args, input) => qurl(['grpc', ...target.args(), ...args], { input, env });
  const squidUrl = (): string => `http://127.0.0.1:${proxies.port('squid')}`;
  const [serveH2c, serveTls, grpcioH2c, grpcioTls] = targets as [Target, Target, Target, Target];
  const grpcioAndSquid = grpcioPresent ? squid : needs(false, GRPCIO_MISSING);

  squid.it('https_proxy carries the TLS calls, http_proxy the -plaintext ones (curl\'s rule): every call type to qurl serve', async () => {
    for (const [target, variable] of [[serveTls, 'https_proxy'], [serveH2c, 'http_proxy']] as const) {
      const address = `127.0.0.1:${target.port()}`;
      const run = viaEnv(target, { [variable]: squidUrl() });
      await target.calls(run, address);
      await expectProxied(run, address, target, proxies.port('squid'), 200);
      await expectLogged(routeNamed('squid'), '127.0.0.1', target.port());
    }
  });

  grpcioAndSquid.it('HTTPS_PROXY (upper case) carries the TLS calls and http_proxy the -plaintext ones: every call type to grpcio', async () => {
    for (const [target, variable] of [[grpcioTls, 'HTTPS_PROXY'], [grpcioH2c, 'http_proxy']] as const) {
      const address = `127.0.0.1:${target.port()}`;
      const run = viaEnv(target, { [variable]: squidUrl() });
      await target.calls(run, address);
      await expectProxied(run, address, target, proxies.port('squid'), 200);
      await expectLogged(routeNamed('squid'), '127.0.0.1', target.port());
    }
  });

  squid.it('NO_PROXY bypasses the proxy: the call goes direct', async () => {
    const file = join(dir, 'direct.json');
    const r = await viaEnv(serveH2c, { http_proxy: squidUrl(), NO_PROXY: '127.0.0.1' })(['-out-json', file, '-d', '{}', `127.0.0.1:${serveH2c.port()}`, 'qurl.demo.v1.Demo/Echo']);
    ok(r, 'NO_PROXY');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as GrpcCallDocument;
    expect(doc.connection).toMatchObject({ proxied: false, httpConnect: 0, remotePort: serveH2c.port() });
  });

  const microsocks = grpcioPresent ? needing('microsocks') : needs(false, GRPCIO_MISSING);
  microsocks.it('ALL_PROXY=socks5h:// (microsocks): every call type to grpcio, the name resolved by the proxy', async () => {
    const address = `localhost:${grpcioH2c.port()}`;
    const run = viaEnv(grpcioH2c, { ALL_PROXY: routeNamed('microsocks socks5h://').url() });
    await grpcioH2c.calls(run, address);
    await expectProxied(run, address, grpcioH2c, proxies.port('microsocks'), 0);
    await expectLogged(routeNamed('microsocks socks5h://'), 'localhost', grpcioH2c.port());
  });
});

describe('refused proxy credentials: curl\'s exit codes (56 for a 407, 97 for a SOCKS5 rejection)', () => {
  const refusals = [
    { name: 'squid, no credentials', needs: needing('squid', 'htpasswd'), url: () => `http://127.0.0.1:${proxies.port('squid-auth')}`, code: 56, message: 'Proxy CONNECT aborted: the proxy wants authentication' },
    { name: 'squid, wrong password', needs: needing('squid', 'htpasswd'), url: () => `http://${SQUID_USER}:wrong@127.0.0.1:${proxies.port('squid-auth')}`, code: 56, message: 'CONNECT tunnel failed, response 407: the proxy refused the credentials' },
    { name: 'danted, wrong password', needs: needing('danted'), url: () => `socks5://${DANTE_USER}:wrong@127.0.0.1:${proxies.port('danted')}`, code: 97, message: 'SOCKS5: the proxy rejected the user name and password' },
    { name: 'microsocks, wrong password', needs: needing('microsocks'), url: () => `socks5://${MICROSOCKS_USER}:wrong@127.0.0.1:${proxies.port('microsocks')}`, code: 97, message: 'SOCKS5: the proxy rejected the user name and password' },
  ] as const;
  for (const refusal of refusals) {
    refusal.needs.it(`${refusal.name}: ${refusal.code}, by reflection`, async () => {
      const r = await qurl(['grpc', '-plaintext', '-proxy', refusal.url(), new URL(serve.h2cUrl).host, 'qurl.demo.v1.Demo/Echo']);
      expect([r.exitCode, r.stdout]).toEqual([refusal.code, '']);
      expect(r.stderr.startsWith(`qurl: (${refusal.code}) ${refusal.message}`), r.stderr).toBe(true);
    });
  }

  (grpcioPresent ? needing('squid', 'htpasswd', 'danted') : needs(false, GRPCIO_MISSING)).it(
    'with -proto (no reflection call first), the same exit codes: 56 and 97',
    async () => {
      for (const refusal of [refusals[0], refusals[2]]) {
        const r = await qurl(['grpc', '-plaintext', ...fromProto, '-proxy', refusal.url(), `127.0.0.1:${grpcio!.port}`, 'grpc.testing.TestService/EmptyCall']);
        expect(r.exitCode, refusal.name).toBe(refusal.code);
      }
    },
  );

  needing('squid', 'htpasswd').it('a 407\'s advice names only flags qurl grpc has (no -U)', async () => {
    const r = await qurl(['grpc', '-plaintext', '-proxy', refusals[0].url(), new URL(serve.h2cUrl).host, 'list']);
    expect(r.exitCode).toBe(56);
    expect(r.stderr).not.toMatch(/-U USER:PASS/);
  });
});
