// npm run bench: start-up and 1 GiB download, qurl against `node -e 0` and curl in the same run; writes bench/RESULTS.md.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { measureTimings, timingsTable } from './timings.mjs';

// This workplace sets NODE_EXTRA_CA_CERTS, and Node 20 parses that file at every start (~85 ms here, for
// `node -e 0` too): every command runs without it, as on a user's machine.
const extraCaCerts = process.env.NODE_EXTRA_CA_CERTS;
delete process.env.NODE_EXTRA_CA_CERTS;

// Users run Node 22 and 24: BENCH_NODES=/path/to/node:/path/to/other/node adds a qurl row per binary to the
// download and -Z tables (node:http2's cost differs a lot between versions).
const extraNodes = (process.env.BENCH_NODES ?? '').split(':').filter(Boolean).map((bin) => ({ bin, version: execFileSync(bin, ['-v'], { encoding: 'utf8' }).trim() }));
const onEachNode = (name, args) => extraNodes.map((n) => [`${name} on Node ${n.version}`, n.bin, args]);

const root = fileURLToPath(new URL('..', import.meta.url));
const qurl = join(root, 'bin/qurl.js');
const bareH2 = join(root, 'bench/bare-h2-load.mjs');
const work = mkdtempSync(join(tmpdir(), 'qurl-bench-'));
const has = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
// A -Z run takes half a second and its ratio is the closest target: more runs than the downloads get.
const PARALLEL_RUNS = 9;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const freePort = () => new Promise((r) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => r(p)); }); });

function run(cmd, args, stdoutFile = '/dev/null') {
  return new Promise((resolve, reject) => {
    const timeFile = join(work, 'time.txt');
    const useTime = existsSync('/usr/bin/time');
    const argv = useTime ? ['-f', '%e %M', '-o', timeFile, cmd, ...args] : args;
    const started = performance.now();
    const child = spawn(useTime ? '/usr/bin/time' : cmd, argv, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const rssKb = useTime ? Number(readFileSync(timeFile, 'utf8').trim().split(/\s+/).pop()) : NaN;
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`));
      else resolve({ seconds, rssKb });
    });
  });
}

async function startupBench(url) {
  const out = join(work, 'startup.json');
  const cmds = ['node -e 0', `node ${join(root, 'bench/bare-get.cjs')} ${url}`, `node ${qurl} -s ${url}`, ...(has('curl') ? [`curl -s ${url}`] : [])];
  // Asynchronously: the server answering these requests lives in this process.
  await new Promise((resolve, reject) => {
    spawn('hyperfine', ['-N', '--warmup', '5', '--runs', '40', '--export-json', out, ...cmds], { stdio: ['ignore', 'ignore', 'inherit'] })
      .on('error', reject)
      .on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`hyperfine exited ${code}`))));
  });
  const results = JSON.parse(readFileSync(out, 'utf8')).results;
  const [node, bare, q, curl] = results.map((r) => r.median);
  return { node, bare, qurl: q, curl };
}

/** Polls `isUp` every 100 ms for up to 10 s; `name` is for the error when it never comes up. */
async function waitUntil(isUp, name) {
  for (let i = 0; i < 100; i++) {
    if (await isUp()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not start`);
}

const tcpOpen = (port) => () => new Promise((r) => { const s = net.connect(port, '127.0.0.1', () => { s.end(); r(true); }); s.on('error', () => r(false)); });

let certificates;
/** A localhost certificate and its CA in `dir`, made once for every TLS peer of the run. */
async function peerCertificates(dir) {
  if (!certificates) {
    const { generateCertificates } = createRequire(import.meta.url)(join(root, 'dist/serve.cjs'));
    const certs = await generateCertificates();
    certificates = { key: join(dir, 'key.pem'), cert: join(dir, 'cert.pem'), ca: join(dir, 'ca.pem') };
    writeFileSync(certificates.key, certs.keyPem);
    writeFileSync(certificates.cert, certs.certPem);
    writeFileSync(certificates.ca, certs.caPem);
  }
  return certificates;
}

async function startCaddy(dir) {
  const port = await freePort();
  writeFileSync(join(dir, 'Caddyfile'), `{\n  admin off\n  auto_https off\n}\nhttp://127.0.0.1:${port} {\n  bind 127.0.0.1\n  root * ${dir}\n  file_server\n}\n`);
  const child = spawn('caddy', ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { env: { ...process.env, HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir }, stdio: 'ignore' });
  await waitUntil(tcpOpen(port), 'caddy');
  return { url: `http://127.0.0.1:${port}/big.bin`, stop: () => child.kill('SIGTERM') };
}

async function startNghttpd(dir) {
  const certs = await peerCertificates(dir);
  const port = await freePort();
  const child = spawn('nghttpd', ['-d', dir, '--address=127.0.0.1', String(port), certs.key, certs.cert], { stdio: 'ignore' });
  await waitUntil(tcpOpen(port), 'nghttpd');
  return { base: `https://localhost:${port}`, ca: certs.ca, stop: () => child.kill('SIGTERM') };
}

async function startGtlsserver(dir) {
  const certs = await peerCertificates(dir);
  const port = await freePort();
  const child = spawn('gtlsserver', ['-q', '-d', dir, '127.0.0.1', String(port), certs.key, certs.cert], { stdio: 'ignore' });
  // UDP has no connect to probe: a request fails at once until the server has bound its port.
  const answers = () => {
    try {
      execFileSync('node', [qurl, '-s', '--http3-only', '--cacert', certs.ca, '-o', '/dev/null', `https://localhost:${port}/`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  await waitUntil(answers, 'gtlsserver');
  return { base: `https://localhost:${port}`, port, ca: certs.ca, stop: () => child.kill('SIGTERM') };
}

/**
 * Medians of `runs` runs of each client, taken in turns (a, b, c, a, b, c, …): this machine drifts by ±10% from
 * one minute to the next, which back-to-back runs of one client would put into its ratios.
 */
async function compare(clients, runs) {
  const samples = new Map(clients.map(([name]) => [name, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, cmd, args] of clients) samples.get(name).push(await run(cmd, args));
  }
  return Object.fromEntries([...samples].map(([name, s]) => [name, { seconds: median(s.map((x) => x.seconds)), rssMb: Math.max(...s.map((x) => x.rssKb)) / 1024 }]));
}

function downloadBench(url, runs = 5) {
  return compare([
    ['qurl', 'node', [qurl, '-s', url]],
    ...onEachNode('qurl', [qurl, '-s', url]),
    ...(has('curl') ? [['curl', 'curl', ['-s', url]]] : []),
    ['node raw socket (reference)', 'node', [join(root, 'bench/raw-socket-read.mjs'), url]],
  ], runs);
}

/**
 * Load mode (issue 12 §5): qurl bench and h2load with the same -n -c -m against one server, alternating, each
 * one's best req/s of `runs`. Both report their own rate; h2load's is parsed from its "finished in" line.
 */
function loadBench(url, qurlArgs, ca, { n = 20000, c = 4, m = 10, runs = 3 } = {}) {
  const load = ['-n', String(n), '-c', String(c), '-m', String(m)];
  const q = [];
  const h = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    const report = JSON.parse(execFileSync('node', [qurl, 'bench', ...load, '--json', ...qurlArgs, url], { encoding: 'utf8' }));
    if (report.requests.failed > 0) throw new Error(`qurl bench: ${JSON.stringify(report.errors)}`);
    q.push({ rps: report.requestsPerSecond, p50: report.latencyMs.p50, p99: report.latencyMs.p99 });
    const out = execFileSync('h2load', [...load, url], { encoding: 'utf8' });
    const rps = Number(/finished in [\d.]+m?s, ([\d.]+) req\/s/.exec(out)?.[1]);
    if (!(rps > 0)) throw new Error(`h2load printed no rate:\n${out}`);
    h.push({ rps });
    b.push({ rps: Number(execFileSync('node', [bareH2, url, String(n), String(c), String(m), ...(ca ? [ca] : [])], { encoding: 'utf8' })) });
  }
  const best = (xs) => xs.reduce((a, b) => (b.rps > a.rps ? b : a));
  return { n, c, m, qurl: best(q), h2load: best(h), bare: best(b) };
}

const GRPC_MESSAGES = 100_000;

/** qurl grpc against @grpc/grpc-js (bench/grpc-js-client.mjs) on qurl serve's Demo service, and its start-up. */
async function grpcBench() {
  const { startServe, DEMO_PROTO, DEMO_PROTO_NAME } = createRequire(import.meta.url)(join(root, 'dist/serve.cjs'));
  const serve = await startServe({ h3: false });
  const address = new URL(serve.h2cUrl).host;
  const protoDir = join(work, 'proto');
  mkdirSync(join(protoDir, 'qurl/demo/v1'), { recursive: true });
  writeFileSync(join(protoDir, DEMO_PROTO_NAME), DEMO_PROTO);
  const protoset = join(work, 'demo.protoset');
  await run('node', [qurl, 'grpc', '-import-path', protoDir, '-proto', DEMO_PROTO_NAME, '-protoset-out', protoset, 'list']);
  const echo = join(work, 'echo.json');
  writeFileSync(echo, '{"message": "hello"}');
  const chat = join(work, 'chat.json');
  writeFileSync(chat, Array.from({ length: GRPC_MESSAGES }, (_, i) => `{"message": "message ${i}", "id": "${i}"}\n`).join(''));
  const out = join(work, 'grpc-startup.json');
  // {"message": "hello"} as protobuf: field 1, length 5.
  const bareCall = `node ${join(root, 'bench/bare-grpc-unary.cjs')} ${address} /qurl.demo.v1.Demo/Echo 0a0568656c6c6f`;
  const call = (...schema) => `node ${qurl} grpc -plaintext ${schema.join(' ')} -d @${echo} ${address} qurl.demo.v1.Demo/Echo`;
  await new Promise((resolve, reject) => {
    spawn('hyperfine', ['-N', '--warmup', '5', '--runs', '30', '--export-json', out, 'node -e 0', bareCall, call('-protoset', protoset), call()], { stdio: ['ignore', 'ignore', 'inherit'] })
      .on('error', reject)
      .on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`hyperfine exited ${code}`))));
  });
  const [node, bare, withProtoset, withReflection] = JSON.parse(readFileSync(out, 'utf8')).results.map((r) => r.median);
  const client = join(root, 'bench/grpc-js-client.mjs');
  const qurlGrpc = (data, method) => ['qurl', 'node', [qurl, 'grpc', '-plaintext', '-protoset', protoset, '-d', data, address, `qurl.demo.v1.Demo/${method}`]];
  const grpcJs = (mode) => ['grpc-js', 'node', [client, protoDir, address, mode, String(GRPC_MESSAGES)]];
  const stream = await compare([qurlGrpc(`{"count": ${GRPC_MESSAGES}}`, 'Count'), grpcJs('count')], 3);
  const bidi = await compare([qurlGrpc(`@${chat}`, 'Chat'), grpcJs('chat')], 3);
  const long = (await compare([qurlGrpc(`{"count": ${4 * GRPC_MESSAGES}}`, 'Count')], 1)).qurl;
  await serve.close();
  return { startup: { node, bare, protoset: withProtoset, reflection: withReflection }, stream, bidi, long };
}

const small = http.createServer((_q, res) => res.end('ok\n'));
await new Promise((r) => small.listen(0, '127.0.0.1', r));
const smallUrl = `http://127.0.0.1:${small.address().port}/`;

if (!has('hyperfine')) {
  console.error('bench: hyperfine is missing (apt-get install -y hyperfine)');
  process.exit(1);
}
console.error('bench: start-up (hyperfine, 40 runs each)…');
const startup = await startupBench(smallUrl);

let timings = null;
if (has('curl')) {
  console.error('bench: phase timings on loopback against qurl serve, qurl beside curl (15 alternating runs each)…');
  const { startServe } = createRequire(import.meta.url)(join(root, 'dist/serve.cjs'));
  const serve = await startServe({ h3: false });
  timings = await measureTimings([
    { name: 'HTTP/1.1 http://127.0.0.1/get', args: [`${serve.httpUrl}/get`] },
    { name: 'HTTP/1.1 http://localhost/delay/50', args: [`${serve.httpUrl.replace('127.0.0.1', 'localhost')}/delay/50`] },
    { name: 'HTTP/2 https://localhost/get', args: ['--cacert', serve.caFile, `${serve.httpsUrl}/get`], curlArgs: ['--http2'] },
  ]);
  await serve.close();
}
small.close();

const dataDir = join(work, 'www');
mkdirSync(dataDir);
execFileSync('truncate', ['-s', '1G', join(dataDir, 'big.bin')]);
if (!has('caddy')) {
  console.error('bench: caddy is missing (apt-get install -y caddy)');
  process.exit(1);
}
const caddy = await startCaddy(dataDir);
console.error('bench: 1 GiB download from caddy to /dev/null (5 runs each)…');
const download = await downloadBench(caddy.url);
console.error('bench: 1 GiB download from caddy to a file with -o (3 runs each)…');
const outFile = join(work, 'out.bin');
const toFile = await compare([
  ['qurl -o FILE', 'node', [qurl, '-s', '-o', outFile, caddy.url]],
  ...(has('curl') ? [['curl -o FILE', 'curl', ['-s', '-o', outFile, caddy.url]]] : []),
], 3);
rmSync(outFile, { force: true });
caddy.stop();

let h2 = null;
if (has('nghttpd')) {
  console.error(`bench: HTTP/2 from nghttpd over TLS: 1 GiB download (3 runs each), 1000 small GETs with -Z (${PARALLEL_RUNS} runs each)…`);
  writeFileSync(join(dataDir, 'small.txt'), 'hello\n');
  const ng = await startNghttpd(dataDir);
  const many = join(work, 'many.conf');
  writeFileSync(many, Array.from({ length: 1000 }, () => `url = "${ng.base}/small.txt"\noutput = "/dev/null"\n`).join(''));
  h2 = {
    download: await compare([
      ['qurl', 'node', [qurl, '-s', '--cacert', ng.ca, `${ng.base}/big.bin`]],
      ...onEachNode('qurl', [qurl, '-s', '--cacert', ng.ca, `${ng.base}/big.bin`]),
      ['curl --http2', 'curl', ['-s', '--http2', '--cacert', ng.ca, `${ng.base}/big.bin`]],
      ['bare node:http2 reader (reference)', 'node', [join(root, 'bench/bare-h2-read.mjs'), `${ng.base}/big.bin`, ng.ca]],
    ], 3),
    // The bare loop makes the same 1000 requests, 50 at a time as -Z, on one connection, and writes each body to
    // /dev/null as the config's `output` says; its process's wall time is `node -e 0` plus that work (issue 12's
    // second bound).
    parallel: await compare([
      ['qurl -Z', 'node', [qurl, '-s', '-Z', '--cacert', ng.ca, '-K', many]],
      ['bare node:http2 loop', 'node', [bareH2, `${ng.base}/small.txt`, '1000', '1', '50', ng.ca, '/dev/null']],
      ...extraNodes.flatMap((n) => [
        [`qurl -Z on Node ${n.version}`, n.bin, [qurl, '-s', '-Z', '--cacert', ng.ca, '-K', many]],
        [`bare node:http2 loop on Node ${n.version}`, n.bin, [bareH2, `${ng.base}/small.txt`, '1000', '1', '50', ng.ca, '/dev/null']],
      ]),
      ['curl -Z --http2', 'curl', ['-s', '-Z', '--http2', '--cacert', ng.ca, '-K', many]],
    ], PARALLEL_RUNS),
    load: has('h2load') ? (console.error('bench: load mode, qurl bench against h2load (-n 20000 -c 4 -m 10, best of 3)…'), loadBench(`${ng.base}/small.txt`, ['--cacert', ng.ca], ng.ca)) : null,
  };
  ng.stop();
} else {
  console.error('bench: nghttpd is missing (apt-get install -y nghttp2-server): HTTP/2 rows skipped');
}

let h3 = null;
if (has('gtlsserver') && has('gtlsclient')) {
  console.error('bench: HTTP/3 from ngtcp2\'s gtlsserver: 256 MiB download, qurl against ngtcp2\'s gtlsclient (3 runs each)…');
  execFileSync('truncate', ['-s', '256M', join(dataDir, 'h3.bin')]);
  const ng = await startGtlsserver(dataDir);
  h3 = await compare([
    ['qurl --http3-only', 'node', [qurl, '-s', '--http3-only', '--cacert', ng.ca, '-o', '/dev/null', `${ng.base}/h3.bin`]],
    ['gtlsclient', 'gtlsclient', ['-q', '--exit-on-all-streams-close', '127.0.0.1', String(ng.port), `${ng.base}/h3.bin`]],
  ], 3);
  ng.stop();
} else {
  console.error('bench: gtlsserver/gtlsclient missing (apt-get install -y ngtcp2-server ngtcp2-client): HTTP/3 rows skipped');
}

console.error('bench: gRPC against qurl serve\'s Demo service: unary start-up (hyperfine), 100,000-message server stream and bidi echo against @grpc/grpc-js (3 runs each)…');
const grpc = await grpcBench();

const GiB = 1024 ** 3;
const fmt = (n, d = 2) => n.toFixed(d);
const mbps = (s) => fmt(GiB / s / 1e6, 0);
const lines = [
  '# qurl benchmarks',
  '',
  `Measured ${new Date().toISOString().slice(0, 10)} on this workplace's 2-core machine, node ${process.version}, loopback only.`,
  'Medians; the server and the client share the two cores. Re-run with `npm run bench`.',
  ...(extraCaCerts ? ['', 'Run without the machine\'s NODE_EXTRA_CA_CERTS, which Node 20 parses at every start (~85 ms here, `node -e 0` included).'] : []),
  '',
  '## Start-up: `qurl -s http://127.0.0.1:PORT/` (hyperfine, 40 runs, 5 warm-up)',
  '',
  '| command | median | ratio to `node -e 0` |',
  '|---|---|---|',
  `| node -e 0 | ${fmt(startup.node * 1000, 1)} ms | 1.00× |`,
  `| bare node:net GET (bench/bare-get.cjs, the floor) | ${fmt(startup.bare * 1000, 1)} ms | ${fmt(startup.bare / startup.node)}× |`,
  `| qurl -s URL | ${fmt(startup.qurl * 1000, 1)} ms | ${fmt(startup.qurl / startup.node)}× (target ≤ 1.3×) |`,
  ...(startup.curl ? [`| curl -s URL | ${fmt(startup.curl * 1000, 1)} ms | ${fmt(startup.curl / startup.node)}× |`] : []),
  '',
  ...(timings
    ? [
        '## Phase timings on loopback: `-w` medians in ms, qurl beside curl (15 alternating runs)',
        '',
        timingsTable(timings),
        '',
        'Target: each phase within 2 ms of curl\'s (issue 12). HTTP/3 has no curl here to compare with.',
        '',
      ]
    : []),
  '## 1 GiB download to /dev/null from caddy (HTTP/1.1, 5 runs)',
  '',
  '| client | median time | throughput | ratio to curl | peak RSS |',
  '|---|---|---|---|---|',
  ...Object.entries(download).map(([name, r]) => `| ${name} | ${fmt(r.seconds)} s | ${mbps(r.seconds)} MB/s | ${download.curl ? fmt(download.curl.seconds / r.seconds) : '–'}× | ${fmt(r.rssMb, 0)} MB |`),
  '',
  'Targets (issue 12): throughput ≥ 0.7× curl; qurl peak RSS ≤ 100 MB whatever the size.',
  '',
  '### The same download to a file on disk (`-o FILE`, 3 runs)',
  '',
  '| client | median time | throughput | ratio to curl | peak RSS |',
  '|---|---|---|---|---|',
  ...Object.entries(toFile).map(([name, r]) => {
    const curl = toFile['curl -o FILE'];
    const ratio = curl ? `${fmt(curl.seconds / r.seconds)}×${name === 'curl -o FILE' ? '' : ' (target ≥ 0.8×)'}` : '–';
    return `| ${name} | ${fmt(r.seconds)} s | ${mbps(r.seconds)} MB/s | ${ratio} | ${fmt(r.rssMb, 0)} MB |`;
  }),
  '',
  ...(h2
    ? [
        '## HTTP/2 from nghttpd over TLS',
        '',
        `Medians of runs taken in turns: 3 of each download, ${PARALLEL_RUNS} of each -Z run.`,
        '',
        '| run | client | median time | ratio (qurl ÷ curl) | peak RSS |',
        '|---|---|---|---|---|',
        ...Object.entries(h2.download).map(([name, r]) => {
          const curl = h2.download['curl --http2'];
          const ratio = name === 'curl --http2' ? '' : `throughput ${fmt(curl.seconds / r.seconds)}× curl${name.startsWith('qurl') ? ' (target ≥ 0.55×)' : ''}`;
          return `| 1 GiB download | ${name} | ${fmt(r.seconds)} s (${mbps(r.seconds)} MB/s) | ${ratio} | ${fmt(r.rssMb, 0)} MB |`;
        }),
        ...Object.entries(h2.parallel).map(([name, r]) => {
          const curl = h2.parallel['curl -Z --http2'];
          const bare = h2.parallel[name.replace('qurl -Z', 'bare node:http2 loop')];
          const ratio = name.startsWith('qurl') ? `wall time ${fmt(r.seconds / curl.seconds)}× curl (target ≤ 3×), ${fmt(r.seconds / bare.seconds)}× the bare loop (target ≤ 2×)` : '';
          return `| 1000 GETs, -Z | ${name} | ${fmt(r.seconds)} s | ${ratio} | ${fmt(r.rssMb, 0)} MB |`;
        }),
        '',
        ...(h2.load
          ? [
              `### Load mode: \`qurl bench\` against h2load (-n ${h2.load.n} -c ${h2.load.c} -m ${h2.load.m}, a 6-byte file, best of 3)`,
              '',
              '| client | req/s | ratio to h2load | latency p50 / p99 |',
              '|---|---|---|---|',
              `| qurl bench | ${fmt(h2.load.qurl.rps, 0)} | ${fmt(h2.load.qurl.rps / h2.load.h2load.rps)}× (target ≥ 0.5×) | ${fmt(h2.load.qurl.p50)} / ${fmt(h2.load.qurl.p99)} ms |`,
              `| bare node:http2 loop (reference) | ${fmt(h2.load.bare.rps, 0)} | ${fmt(h2.load.bare.rps / h2.load.h2load.rps)}× | |`,
              `| h2load (nghttp2, C) | ${fmt(h2.load.h2load.rps, 0)} | 1.00× | |`,
              '',
            ]
          : ['h2load is missing (apt-get install -y nghttp2-client): no load-mode row.', '']),
      ]
    : []),
];
const MiB256 = 256 * 1024 ** 2;
if (h3) {
  const q = h3['qurl --http3-only'];
  const g = h3.gtlsclient;
  lines.push(
    '## HTTP/3 from ngtcp2\'s gtlsserver (256 MiB, 3 runs)',
    '',
    '| client | median time | throughput | ratio to gtlsclient | peak RSS |',
    '|---|---|---|---|---|',
    `| qurl --http3-only | ${fmt(q.seconds)} s | ${fmt(MiB256 / q.seconds / 1e6, 0)} MB/s | ${fmt(g.seconds / q.seconds)}× | ${fmt(q.rssMb, 0)} MB |`,
    `| gtlsclient (ngtcp2, C) | ${fmt(g.seconds)} s | ${fmt(MiB256 / g.seconds / 1e6, 0)} MB/s | 1.00× | ${fmt(g.rssMb, 0)} MB |`,
    '',
    'No HTTP/3 curl exists in Debian bookworm, so ngtcp2\'s own client is the reference.',
    '',
  );
}
{
  const g = grpc;
  const rate = (n, r) => `${fmt(n / r.seconds / 1000, 1)}k msg/s`;
  lines.push(
    '## gRPC against qurl serve\'s Demo service (h2c on loopback)',
    '',
    '| run | client | median | ratio | peak RSS |',
    '|---|---|---|---|---|',
    `| unary call, start-up included | node -e 0 | ${fmt(g.startup.node * 1000, 1)} ms | 1.00× | |`,
    `| unary call, start-up included | bare node:http2 call (bench/bare-grpc-unary.cjs, the floor) | ${fmt(g.startup.bare * 1000, 1)} ms | ${fmt(g.startup.bare / g.startup.node)}× node -e 0 | |`,
    `| unary call, start-up included | qurl grpc -protoset | ${fmt(g.startup.protoset * 1000, 1)} ms | ${fmt(g.startup.protoset / g.startup.node)}× node -e 0 (target ≤ 1.5×) | |`,
    `| unary call, start-up included | qurl grpc (reflection) | ${fmt(g.startup.reflection * 1000, 1)} ms | ${fmt(g.startup.reflection / g.startup.node)}× node -e 0 | |`,
    ...[['server stream', g.stream], ['bidi echo', g.bidi]].flatMap(([name, r]) => [
      `| ${GRPC_MESSAGES.toLocaleString('en')}-message ${name} | qurl grpc | ${fmt(r.qurl.seconds)} s (${rate(GRPC_MESSAGES, r.qurl)}) | ${fmt(r['grpc-js'].seconds / r.qurl.seconds)}× grpc-js's rate (target ≥ 1.0×) | ${fmt(r.qurl.rssMb, 0)} MB |`,
      `| ${GRPC_MESSAGES.toLocaleString('en')}-message ${name} | @grpc/grpc-js | ${fmt(r['grpc-js'].seconds)} s (${rate(GRPC_MESSAGES, r['grpc-js'])}) | | ${fmt(r['grpc-js'].rssMb, 0)} MB |`,
    ]),
    `| ${(4 * GRPC_MESSAGES).toLocaleString('en')}-message server stream | qurl grpc | ${fmt(g.long.seconds)} s | peak RSS ${fmt(g.long.rssMb / g.stream.qurl.rssMb)}× the ${GRPC_MESSAGES.toLocaleString('en')}-message run's (flat: ≈ 1.0×) | ${fmt(g.long.rssMb, 0)} MB |`,
    '',
    'Both clients print every message as indented JSON to stdout (/dev/null); the times include start-up, and the server (qurl serve, JavaScript) shares the two cores.',
    '',
  );
}
writeFileSync(join(root, 'bench/RESULTS.md'), `${lines.join('\n')}\n${readNotes()}`);
console.log(lines.join('\n'));

function readNotes() {
  const file = join(root, 'bench/NOTES.md');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}
