// Socket knobs end to end on loopback: --local-port and --interface as the server sees them, exit 45 when
// they cannot be bound, the HAProxy PROXY v1 line first on the wire (before TLS), keepalive and nodelay.
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needs } from '../helpers/needs.js';
import { qurl } from '../helpers/run-qurl.js';
import { startHttpServer, startRawServer, type Running } from '../helpers/raw-servers.js';

const procTcp = needs(existsSync('/proc/net/tcp'), "/proc/net/tcp (Linux's TCP socket table)");

let http: Awaited<ReturnType<typeof startHttpServer>>;
/** Answers one request; `received` holds the bytes, PROXY line included. */
let raw: Running & { received: Buffer[] };

beforeAll(async () => {
  http = await startHttpServer((req, res) => res.end(`${req.socket.remoteAddress} ${req.socket.remotePort}\n`));
  raw = await startRawServer((socket) =>
    socket.on('data', (d: Buffer) => {
      if (d.includes('\r\n\r\n')) socket.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok');
      // A TLS ClientHello after the PROXY line: nothing to answer it with.
      else if (d.includes(0x16)) socket.destroy();
    }),
  );
});
afterAll(async () => {
  await http.close();
  await raw.close();
});

/** A port nobody listens on now, from the kernel. */
async function freePortRange(size: number): Promise<number> {
  for (;;) {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    if (port + size < 65535) return port;
  }
}

describe('--local-port', () => {
  it('the server sees the connection come from a port of the range, and -w %{local_port} agrees', async () => {
    const first = await freePortRange(20);
    const r = await qurl(['-s', '--local-port', `${first}-${first + 20}`, '-w', '%{local_port}', `${http.url}/`]);
    expect(r.exitCode).toBe(0);
    const [seen, local] = r.stdout.split('\n');
    const port = Number(seen!.split(' ')[1]);
    expect(port).toBeGreaterThanOrEqual(first);
    expect(port).toBeLessThanOrEqual(first + 20);
    expect(Number(local)).toBe(port);
    expect(http.requests.at(-1)?.remotePort).toBe(port);
  });

  it('a port already taken is skipped for the next one; when none is free, exit 45 in curl words', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      const one = await qurl(['-sS', '--local-port', String(port), `${http.url}/`]);
      expect([one.exitCode, one.stderr]).toEqual([45, 'qurl: (45) bind failed with errno 98: Address already in use\n']);
      if (port < 65535 - 10) {
        // A range of ten: another test's socket may hold port + 1 in the meantime.
        const next = await qurl(['-s', '--local-port', `${port}-${port + 10}`, '-w', '%{local_port}', '-o', '/dev/null', `${http.url}/`]);
        expect(next.exitCode).toBe(0);
        expect(Number(next.stdout)).toBeGreaterThan(port);
        expect(Number(next.stdout)).toBeLessThanOrEqual(port + 10);
      }
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it('a port or range curl refuses is exit 2', async () => {
    for (const bad of ['70000', 'abc', '5000-4000', '-1']) {
      const r = await qurl(['-s', '--local-port', bad, `${http.url}/`]);
      expect.soft(r.exitCode, bad).toBe(2);
    }
  });
});

describe('--interface', () => {
  it('an address, an interface name (lo, if!lo) or a host name (host!localhost) binds the local side', async () => {
    for (const name of ['127.0.0.1', 'lo', 'if!lo', 'host!localhost', 'host!127.0.0.1']) {
      const r = await qurl(['-s', '--interface', name, '-w', '%{local_ip}', `${http.url}/`]);
      expect.soft([r.exitCode, r.stdout.split(' ')[0], r.stdout.split('\n')[1]], name).toEqual([0, '127.0.0.1', '127.0.0.1']);
    }
  });

  it('127.0.0.2 (loopback is a /8 on Linux): the server sees that address', async () => {
    const r = await qurl(['-s', '--interface', '127.0.0.2', `${http.url}/`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^127\.0\.0\.2 \d+\n$/);
  });

  it('no such interface, no such host, an address not on this machine: 45 in curl words', async () => {
    const cases: [string, string][] = [
      ['nosuchif0', "Couldn't bind to 'nosuchif0'"],
      ['if!nosuchif0', "Couldn't bind to interface 'nosuchif0'"],
      ['host!nosuch.invalid', "Couldn't bind to 'nosuch.invalid'"],
      ['198.51.100.254', 'bind failed with errno 99: Cannot assign requested address'],
    ];
    for (const [name, message] of cases) {
      const r = await qurl(['-sS', '--interface', name, `${http.url}/`]);
      expect.soft([r.exitCode, r.stderr], name).toEqual([45, `qurl: (45) ${message}\n`]);
    }
  });

  it('an address of the other family cannot reach the target: 7, as curl 7.88', async () => {
    const r = await qurl(['-sS', '--interface', '::1', `${http.url}/`]);
    expect(r.exitCode).toBe(7);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('--haproxy-protocol', () => {
  const proxyLine = (): string => Buffer.concat(raw.received).toString('latin1').split('\r\n')[0]!;

  it('sends PROXY TCP4 src dst sport dport first, then the request', async () => {
    raw.received.length = 0;
    const r = await qurl(['-s', '--haproxy-protocol', '-w', '%{local_port}', `${raw.url}/x`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^ok\d+$/);
    const local = r.stdout.slice(2);
    const text = Buffer.concat(raw.received).toString('latin1');
    expect(text.startsWith(`PROXY TCP4 127.0.0.1 127.0.0.1 ${local} ${raw.port}\r\nGET /x HTTP/1.1\r\n`)).toBe(true);
  });

  it('--haproxy-clientip puts its address in the line (and implies --haproxy-protocol); a non-address is 2', async () => {
    raw.received.length = 0;
    const r = await qurl(['-s', '--haproxy-clientip', '203.0.113.7', `${raw.url}/`]);
    expect(r.exitCode).toBe(0);
    expect(proxyLine()).toMatch(new RegExp(`^PROXY TCP4 203\\.0\\.113\\.7 127\\.0\\.0\\.1 \\d+ ${raw.port}$`));
    expect((await qurl(['-s', '--haproxy-clientip', '1.2.3.4\r\nX', `${raw.url}/`])).exitCode).toBe(2);
  });

  it('on https the line goes before the TLS ClientHello', async () => {
    raw.received.length = 0;
    const r = await qurl(['-s', '--haproxy-protocol', raw.url.replace('http:', 'https:') + '/']);
    expect(r.exitCode).toBe(35);
    const bytes = Buffer.concat(raw.received);
    const end = bytes.indexOf('\r\n') + 2;
    expect(bytes.subarray(0, end).toString('latin1')).toMatch(/^PROXY TCP4 127\.0\.0\.1 127\.0\.0\.1 \d+ \d+\r\n$/);
    expect(bytes[end]).toBe(0x16);
  });

  it('-v says what it sent', async () => {
    const r = await qurl(['-sv', '--haproxy-protocol', `${raw.url}/`]);
    expect(r.stderr).toMatch(/\* HAProxy: PROXY TCP4 127\.0\.0\.1 127\.0\.0\.1 \d+ \d+\n/);
  });
});

describe('TCP tuning', () => {
  it('--keepalive-time, --no-keepalive, --tcp-nodelay, --no-tcp-nodelay and --happy-eyeballs-timeout-ms are accepted', async () => {
    for (const args of [['--keepalive-time', '5'], ['--keepalive-time', '0'], ['--no-keepalive'], ['--tcp-nodelay'], ['--no-tcp-nodelay'], ['--happy-eyeballs-timeout-ms', '50']]) {
      const r = await qurl(['-s', ...args, '-o', '/dev/null', '-w', '%{http_code}', `${http.url}/`]);
      expect.soft([r.exitCode, r.stdout], args.join(' ')).toEqual([0, '200']);
    }
  });

  procTcp.it('keepalive is on by default and --keepalive-time sets its idle time (the kernel\'s keepalive timer in /proc/net/tcp); --no-keepalive has none', async () => {
    const timerOf = async (args: string[]): Promise<{ tr: number; seconds: number }> => {
      let port = 0;
      const held = await startRawServer((socket) => {
        port = socket.remotePort ?? 0;
        setTimeout(() => socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'), 800);
      });
      try {
        const running = qurl(['-s', ...args, `${held.url}/`]);
        for (let i = 0; i < 100 && port === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
        await new Promise((resolve) => setTimeout(resolve, 150));
        const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
        // The established connection (st 01): a closed one from earlier on the same port lingers in TIME_WAIT.
        const line = readFileSync('/proc/net/tcp', 'latin1').split('\n').find((l) => {
          const fields = l.trim().split(/\s+/);
          return fields[1] === local && fields[3] === '01';
        });
        await running;
        const [tr, when] = (line?.trim().split(/\s+/)[5] ?? '00:0').split(':');
        return { tr: Number.parseInt(tr!, 16), seconds: Number.parseInt(when!, 16) / 100 };
      } finally {
        await held.close();
      }
    };
    const byDefault = await timerOf([]);
    expect(byDefault.tr).toBe(2);
    expect(byDefault.seconds).toBeGreaterThan(50);
    const five = await timerOf(['--keepalive-time', '5']);
    expect(five.tr).toBe(2);
    expect(five.seconds).toBeLessThanOrEqual(5);
    expect((await timerOf(['--no-keepalive'])).tr).toBe(0);
  });

  it('--happy-eyeballs-timeout-ms races the addresses of a name: a dead ::1 first still reaches 127.0.0.1', async () => {
    const r = await qurl(['-s', '--happy-eyeballs-timeout-ms', '20', '--resolve', `dual.test:${http.port}:::1,127.0.0.1`, '-w', '%{remote_ip}', '-o', '/dev/null', `http://dual.test:${http.port}/`]);
    expect([r.exitCode, r.stdout]).toEqual([0, '127.0.0.1']);
  });

  it('values curl refuses are exit 2', async () => {
    for (const args of [['--keepalive-time', '-1'], ['--keepalive-time', '1.5'], ['--keepalive-time', 'abc'], ['--happy-eyeballs-timeout-ms', '-5']]) {
      expect.soft((await qurl(['-s', ...args, `${http.url}/`])).exitCode, args.join(' ')).toBe(2);
    }
  });
});
