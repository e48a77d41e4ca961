// Start-up floor for a `qurl grpc` unary call: the same call from a bare node:http2 script, the message given as
// protobuf bytes in hex, the framed reply to stdout; no schema, no JSON. node bench/bare-grpc-unary.cjs HOST:PORT /pkg.Service/Method HEX
'use strict';
const http2 = require('node:http2');

const [address, path, hex] = process.argv.slice(2);
const message = Buffer.from(hex, 'hex');
const frame = Buffer.alloc(5 + message.length);
frame.writeUInt32BE(message.length, 1);
message.copy(frame, 5);
const session = http2.connect(`http://${address}`);
session.on('error', (err) => {
  console.error(err.message);
  process.exit(1);
});
const req = session.request({ ':method': 'POST', ':path': path, 'content-type': 'application/grpc', te: 'trailers' });
req.on('data', (chunk) => process.stdout.write(chunk));
req.on('trailers', (trailers) => {
  if (trailers['grpc-status'] !== '0') process.exitCode = 1;
});
req.on('end', () => session.close());
req.end(frame);
