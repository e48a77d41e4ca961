// npm run demo: starts `qurl serve` on free ports, runs a short tour of qurl against it, and stops it.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../bin/qurl.js', import.meta.url));
const server = spawn(process.execPath, [bin, 'serve', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
const killServer = () => server.kill('SIGTERM');
process.on('exit', killServer);
const timer = setTimeout(() => {
  console.error('demo: qurl serve did not start within 10 s');
  process.exit(1);
}, 10_000);
const first = await new Promise((resolve) => createInterface({ input: server.stdout }).once('line', resolve));
clearTimeout(timer);
const { http, https, ca, h2c } = JSON.parse(first);
const grpc = new URL(h2c).host;

// [title, qurl's arguments, the exit code it should end with]
const tour = [
  ['A plain GET', [`${http}/get`], 0],
  ['-v: connection, TLS and headers, curl style', ['-v', '--cacert', ca, `${https}/bytes/16`, '-o', '/dev/null'], 0],
  ['--timing: where the time went', ['--timing', '--cacert', ca, `${https}/delay/50`, '-o', '/dev/null'], 0],
  ['HTTP/3 over QUIC, with its frames and decoded QPACK', ['--http3-only', '--cacert', ca, '--trace-frames', '-', '-o', '/dev/null', `${https}/get`], 0],
  ["-w '%{json}': curl's write-out variables", ['-s', '-o', '/dev/null', '-w', '%{json}\\n', `${http}/get`], 0],
  ['-L: following redirects', ['-sSL', '-w', '%{num_redirects} redirects, landed on %{url_effective}\\n', '-o', '/dev/null', `${http}/redirect/3`], 0],
  ['A 10 MB download with keep-alive reuse', ['-s', '-o', '/dev/null', '-o', '/dev/null', '-w', '%{size_download} bytes, %{num_connects} new connection(s), %{speed_download} B/s\\n', `${http}/bytes/10485760`, `${http}/bytes/10485760`], 0],
  ["An error, with curl's exit code", ['-sS', `${http}/status/404`, '-f'], 22],
  ['gRPC, grpcurl style: the services, by server reflection', ['grpc', '-plaintext', grpc, 'list'], 0],
  ['gRPC: a server stream, each message as it arrives', ['grpc', '-plaintext', '-d', '{"count": 3, "interval": "0.2s"}', grpc, 'qurl.demo.v1.Demo/Count'], 0],
  ["gRPC: one call's HTTP/2 frames (-vv) and its timing", ['grpc', '-plaintext', '-vv', '-timing', '-d', '{"message": "hello"}', grpc, 'qurl.demo.v1.Demo/Echo'], 0],
  ['gRPC: a failure with google.rpc details, exit 64 + the status code', ['grpc', '-plaintext', '-d', '{"code": 5, "message": "no such thing"}', grpc, 'qurl.demo.v1.Demo/Fail'], 69],
];

let failures = 0;
for (const [title, args, expected] of tour) {
  process.stdout.write(`\n\x1b[1m$ qurl ${args.map((a) => (/[\s'{%"]/.test(a) ? `'${a}'` : a)).join(' ')}\x1b[0m   # ${title}\n`);
  const code = await new Promise((resolve) => spawn(process.execPath, [bin, ...args], { stdio: 'inherit' }).on('exit', resolve));
  process.stdout.write(`(exit ${code})\n`);
  if (code !== expected) failures++;
}
killServer();
process.exit(failures === 0 ? 0 : 1);
