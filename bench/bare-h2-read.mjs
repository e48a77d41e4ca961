// Reference client for the HTTP/2 download benchmark: one GET on a bare node:http2 session over TLS, the body
// discarded. It offers the windows qurl offers (4 MiB per stream, 32 MiB for the connection; node:http2 keeps
// nghttp2's 64 KiB otherwise), so it shows how fast Node itself moves HTTP/2 here (qurl's ceiling).
// node bench/bare-h2-read.mjs URL CA_FILE
import http2 from 'node:http2';
import { readFileSync } from 'node:fs';

const [url, caFile] = process.argv.slice(2);
const target = new URL(url);
const session = http2.connect(target.origin, { ca: readFileSync(caFile), settings: { initialWindowSize: 4 * 1024 * 1024 } });
session.once('connect', () => session.setLocalWindowSize(32 * 1024 * 1024));
const fail = (err) => {
  console.error(err.message);
  process.exit(1);
};
session.on('error', fail);
const req = session.request({ ':path': target.pathname });
req.on('data', () => {});
req.on('error', fail);
req.on('end', () => session.close());
