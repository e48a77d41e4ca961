// Hostile SOCKS5 and HTTP CONNECT proxies (issue 9 §2): garbage, wrong versions, unknown address types, stalls
// at each step (bounded by --connect-timeout), and replies followed at once by the target's first bytes.
import http2 from 'node:http2';
import type net from 'node:net';
import { describeHostile, type HostileCase, type Peer } from './hostile-case.js';
import { rawPeer } from './peers/raw-peers.js';
import { startHttpProxy } from '../helpers/http-proxy.js';
import { startSocksServer } from '../helpers/socks-server.js';

const TIMEOUT = ['--connect-timeout', '1'];
const GREETING_OK = Uint8Array.of(5, 0);
const REQUEST_OK = Uint8Array.of(5, 0, 0, 1, 127, 0, 0, 1, 0, 80);

/**
 * A SOCKS5 proxy that answers the greeting with `method`, the CONNECT request with `reply` (null: silence), and
 * what comes through the tunnel with `answer` (as the target would); `close` ends the connection after `reply`.
 */
function socks(method: Uint8Array | string | null, reply: Uint8Array | string | null = REQUEST_OK, then: { answer?: string; close?: boolean } = {}): () => Promise<Peer> {
  return async () => {
    const peer = await rawPeer((s) => {
      let step = 0;
      s.on('data', () => {
        step++;
        if (step === 1 && method !== null) s.write(method);
        if (step === 2 && reply !== null) s.write(reply);
        if (step === 2 && then.close) s.end();
        if (step === 3 && then.answer !== undefined) s.write(then.answer);
      });
    })();
    return { url: peer.url.replace('http://', 'socks5h://'), close: peer.close };
  };
}

/** An h2c origin that speaks first (its SETTINGS go out on accept), behind a proxy that sends its reply and those bytes together. */
function behindCoalescingProxy(kind: 'socks' | 'connect'): () => Promise<Peer> {
  return async () => {
    const origin = http2.createServer((_req, res) => res.end('from the h2c origin'));
    await new Promise<void>((r) => origin.listen(0, '127.0.0.1', r));
    const port = (origin.address() as net.AddressInfo).port;
    const proxy = kind === 'socks' ? await startSocksServer({ coalesceReply: true }) : await startHttpProxy({ coalesceReply: true });
    return {
      url: `${kind === 'socks' ? 'socks5' : 'http'}://127.0.0.1:${proxy.port} http://127.0.0.1:${port}/`,
      close: async () => {
        await proxy.close();
        await new Promise((r) => origin.close(r));
      },
    };
  };
}

const TARGET = 'http://origin.test/';
const viaSocks = (u: string): string[] => ['-x', u, ...TIMEOUT, TARGET];
const viaConnect = (u: string): string[] => ['-x', u, ...TIMEOUT, 'https://origin.test/'];
const split = (u: string): string[] => u.split(' ');

const cases: HostileCase[] = [
  { name: 'SOCKS5: an HTTP error page instead of the method reply', peer: socks('HTTP/1.1 400 Bad Request\r\n\r\n'), args: viaSocks, exit: 97, curl: 97, message: /^SOCKS5: the proxy answered with version 72, not 5$/ },
  { name: 'SOCKS5: version 4 in the method reply', peer: socks(Uint8Array.of(4, 0)), args: viaSocks, exit: 97, curl: 97, message: /^SOCKS5: the proxy answered with version 4, not 5$/ },
  { name: 'SOCKS5: no acceptable method', peer: socks(Uint8Array.of(5, 0xff)), args: viaSocks, exit: 97, curl: 97, message: /accepts none of our authentication methods/ },
  { name: 'SOCKS5: an unknown address type in the reply', peer: socks(GREETING_OK, Uint8Array.of(5, 0, 0, 9, 1, 2, 3, 4, 0, 80)), args: viaSocks, exit: 97, curl: 97, message: /^SOCKS5: malformed reply from the proxy \(address type 9\)$/ },
  { name: 'SOCKS5: a wrong version in the reply', peer: socks(GREETING_OK, Uint8Array.of(6, 0, 0, 1, 1, 2, 3, 4, 0, 80)), args: viaSocks, exit: 97, curl: 97, message: /^SOCKS5: malformed reply from the proxy \(version 6\)$/ },
  { name: 'SOCKS5: connection refused by the target', peer: socks(GREETING_OK, Uint8Array.of(5, 5, 0, 1, 0, 0, 0, 0, 0, 0)), args: viaSocks, exit: 97, curl: 97, message: /^SOCKS5: connection refused by destination \(reply 5\)$/ },
  { name: 'SOCKS5: silent after accept', peer: socks(null), args: viaSocks, exit: 28, curl: 28, message: /^Connection timed out after \d+ milliseconds \((socks5|h1-proxy) to 127\.0\.0\.1 port \d+\)$/ },
  { name: 'SOCKS5: silent after the method reply', peer: socks(GREETING_OK, null), args: viaSocks, exit: 28, curl: 28, message: /^Connection timed out after \d+ milliseconds \((socks5|h1-proxy) to 127\.0\.0\.1 port \d+\)$/ },
  { name: 'SOCKS5: half a reply, then silent', peer: socks(GREETING_OK, Uint8Array.of(5, 0, 0)), args: viaSocks, exit: 28, curl: 28, message: /^Connection timed out after \d+ milliseconds \((socks5|h1-proxy) to 127\.0\.0\.1 port \d+\)$/ },
  { name: 'SOCKS5: silent after the user/password request', peer: socks(Uint8Array.of(5, 2), null), args: (u) => ['-U', 'user:pass', ...viaSocks(u)], exit: 28, curl: 28, message: /^Connection timed out after \d+ milliseconds \(socks5 to 127\.0\.0\.1 port \d+\)$/ },
  { name: 'SOCKS5: closes mid-handshake', peer: socks(GREETING_OK, Uint8Array.of(5, 0, 0), { close: true }), args: viaSocks, exit: 97, curl: 97, message: /^SOCKS5: the proxy closed the connection during the handshake$/ },
  { name: 'SOCKS5: granted, then garbage from the target', peer: socks(GREETING_OK, REQUEST_OK, { answer: 'garbage\r\n\r\n' }), args: viaSocks, exit: 1, curl: 1, message: /^Received HTTP\/0\.9 when not allowed/ },
  { name: 'SOCKS5: the reply and an h2c origin\'s first bytes in one read', peer: behindCoalescingProxy('socks'), args: (u) => ['--http2-prior-knowledge', '-x', ...split(u)], exit: 0, curl: 0, stdout: 'from the h2c origin' },

  { name: 'SOCKS5: a host name too long for the protocol', peer: socks(GREETING_OK), args: (u) => ['-x', u, ...TIMEOUT, `http://${'a'.repeat(300)}.test/`], exit: 97, curl: 97, message: /^SOCKS5: a host name over 255 bytes cannot be sent \(this one has 305\)/ },

  { name: 'CONNECT: a reply that is not HTTP', peer: rawPeer((s) => s.once('data', () => s.write('SSH-2.0-OpenSSH_9.2\r\n\r\n'))), args: viaConnect, exit: 56, curl: 56, message: /^Proxy CONNECT aborted: the proxy's reply is not an HTTP\/1\.x status line \("SSH-2\.0-OpenSSH_9\.2"\)$/ },
  { name: 'CONNECT: 407', peer: rawPeer((s) => s.once('data', () => s.write('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="x"\r\nContent-Length: 0\r\n\r\n'))), args: viaConnect, exit: 56, curl: 56, message: /^Proxy CONNECT aborted: the proxy wants authentication \(Basic realm="x"\)/ },
  { name: 'CONNECT: 403', peer: rawPeer((s) => s.once('data', () => s.write('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n'))), args: viaConnect, exit: 56, curl: 56, message: /^CONNECT tunnel failed, response 403 Forbidden from the proxy/ },
  { name: 'CONNECT: half a reply head, then silent', peer: rawPeer((s) => s.once('data', () => s.write('HTTP/1.1 200 Connection est'))), args: viaConnect, exit: 28, curl: 28, message: /^Connection timed out after \d+ milliseconds \((socks5|h1-proxy) to 127\.0\.0\.1 port \d+\)$/ },
  { name: 'CONNECT: 200, then garbage where TLS should start', peer: rawPeer((s) => s.once('data', () => s.write('HTTP/1.1 200 Connection established\r\n\r\ngarbage garbage garbage\r\n'))), args: viaConnect, exit: 35, curl: 35, message: /^TLS connect error with origin\.test:443: the server did not answer with TLS \(wrong version number\)/ },
  { name: 'CONNECT: an "HTTP/2 200" reply (not an HTTP/1.x status line)', peer: rawPeer((s) => s.once('data', () => s.write('HTTP/2 200\r\n\r\n'))), args: viaConnect, exit: 56, curl: 56, message: /^Proxy CONNECT aborted: the proxy's reply is not an HTTP\/1\.x status line \("HTTP\/2 200"\)$/ },
  { name: 'CONNECT: the 200 and an h2c origin\'s first bytes in one read', peer: behindCoalescingProxy('connect'), args: (u) => ['--http2-prior-knowledge', '-p', '-x', ...split(u)], exit: 0, curl: 0, stdout: 'from the h2c origin' },
];

describeHostile('hostile proxies', cases);
