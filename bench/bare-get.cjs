// Start-up floor for `qurl -s URL`: one HTTP/1.1 GET on a bare node:net socket, the reply to stdout, nothing
// parsed. node bench/bare-get.cjs http://127.0.0.1:PORT/PATH (CommonJS: an ES module's loader costs more to start)
'use strict';
const net = require('node:net');

const url = new URL(process.argv[2]);
const socket = net.connect(Number(url.port), url.hostname, () =>
  socket.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`),
);
socket.on('data', (chunk) => process.stdout.write(chunk));
socket.on('error', (err) => {
  console.error(err.message);
  process.exit(1);
});
