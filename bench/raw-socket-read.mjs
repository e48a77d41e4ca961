// Reference client for the download benchmark: sends a GET on a bare node:net socket and discards the bytes,
// no HTTP parsing. It shows how fast Node itself reads a loopback socket on this machine (qurl's ceiling).
import net from 'node:net';

const url = new URL(process.argv[2]);
const socket = net.connect(Number(url.port), url.hostname, () =>
  socket.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`),
);
socket.on('data', () => {});
socket.on('error', (err) => {
  console.error(err.message);
  process.exit(1);
});
