// The runtime's limit for load mode: the same -n -c -m load as qurl bench, in a bare node:http2 loop (no
// engine, no trace, no pool). Prints req/s. node bench/bare-h2-load.mjs URL N C M [CA_FILE]
import http2 from 'node:http2';
import { readFileSync } from 'node:fs';

const [url, n, c, m, caFile] = process.argv.slice(2);
const N = Number(n);
const ca = caFile ? readFileSync(caFile) : undefined;
const target = new URL(url);
let issued = 0;
let done = 0;
const started = performance.now();
await new Promise((resolve, reject) => {
  for (let k = 0; k < Number(c); k++) {
    const session = http2.connect(target.origin, { ca });
    session.on('error', reject);
    const one = () => {
      if (issued >= N) return session.close();
      issued++;
      const req = session.request({ ':path': target.pathname });
      req.on('data', () => {});
      req.on('error', reject);
      req.on('end', () => (++done === N ? resolve() : one()));
    };
    for (let i = 0; i < Number(m); i++) one();
  }
});
console.log((N / ((performance.now() - started) / 1000)).toFixed(2));
