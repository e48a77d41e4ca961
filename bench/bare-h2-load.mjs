// The runtime's limit for load mode and -Z: the same -n -c -m load as qurl bench, in a bare node:http2 loop (no
// engine, no trace, no pool). Prints req/s. node bench/bare-h2-load.mjs URL N C M [CA_FILE] [OUTPUT]
// OUTPUT: each body is written to this file as -o writes it (opened, written and closed with blocking calls), so
// the loop does the same work as a -Z run whose URLs each have `output = OUTPUT`.
import http2 from 'node:http2';
import { closeSync, constants, openSync, readFileSync, writeSync } from 'node:fs';

const [url, n, c, m, caFile, output] = process.argv.slice(2);
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
      const fd = output ? openSync(output, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC, 0o666) : -1;
      req.on('data', (chunk) => {
        if (fd >= 0) writeSync(fd, chunk);
      });
      req.on('error', reject);
      req.on('end', () => {
        if (fd >= 0) closeSync(fd);
        return ++done === N ? resolve() : one();
      });
    };
    for (let i = 0; i < Number(m); i++) one();
  }
});
console.log((N / ((performance.now() - started) / 1000)).toFixed(2));
