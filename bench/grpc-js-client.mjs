// The reference for qurl grpc's stream benchmarks: @grpc/grpc-js doing the same work in one process — each
// response decoded and printed as JSON — so the ratio compares the two clients, not start-up alone.
// node bench/grpc-js-client.mjs PROTO_DIR ADDRESS count|chat N
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const [dir, address, mode, n] = process.argv.slice(2);
const definition = protoLoader.loadSync(join(dir, 'qurl/demo/v1/demo.proto'), { includeDirs: [dir], longs: String, defaults: false });
const { Demo } = grpc.loadPackageDefinition(definition).qurl.demo.v1;
const client = new Demo(address, grpc.credentials.createInsecure());
const out = [];
const flush = () => {
  if (out.length) process.stdout.write(out.join(''));
  out.length = 0;
};
const print = (m) => {
  out.push(`${JSON.stringify(m, null, 2)}\n`);
  if (out.length >= 256) flush();
};
const done = (err) => {
  flush();
  client.close();
  if (err) {
    console.error(err.message);
    process.exit(1);
  }
};
if (mode === 'count') {
  const call = client.Count({ count: Number(n) });
  call.on('data', print);
  call.on('error', done);
  call.on('end', () => done());
} else {
  const call = client.Chat();
  call.on('data', print);
  call.on('error', done);
  call.on('end', () => done());
  for (let i = 0; i < Number(n); i++) call.write({ message: `message ${i}`, id: String(i) });
  call.end();
}
