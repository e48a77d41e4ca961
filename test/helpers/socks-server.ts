// An in-process SOCKS5/SOCKS4 proxy for tests (RFC 1928/1929), with switches to misbehave. Records requests.
import net from 'node:net';
import type { Running } from './raw-servers.js';

export interface SocksOptions {
  /** 'user:pass' required (method 0x02); otherwise no authentication. */
  readonly auth?: string;
  /** Reply code for CONNECT (0 = succeeded). */
  readonly reply?: number;
  /** Accept and stay silent. */
  readonly silent?: boolean;
  /** Connect to the target first and send the SOCKS5 reply together with its first bytes, in one write. */
  readonly coalesceReply?: boolean;
}

export interface TestSocks extends Running {
  /** Requested targets as host:port (domain names as sent, addresses as IPs). */
  readonly targets: string[];
}

async function take(socket: net.Socket, state: { buf: Buffer }, n: number): Promise<Buffer> {
  while (state.buf.length < n) await new Promise((r) => socket.once('data', (d: Buffer) => ((state.buf = Buffer.concat([state.buf, d])), r(undefined))));
  const out = state.buf.subarray(0, n);
  state.buf = state.buf.subarray(n);
  return out;
}

export function startSocksServer(options: SocksOptions = {}): Promise<TestSocks> {
  const targets: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer(async (client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (options.silent) return;
    const st = { buf: Buffer.alloc(0) };
    try {
      const [version] = await take(client, st, 1);
      let host = '';
      let port = 0;
      if (version === 4) {
        const head = await take(client, st, 7);
        port = head.readUInt16BE(1);
        const ip = [...head.subarray(3, 7)];
        while ((await take(client, st, 1))[0] !== 0);
        if (ip[0] === 0 && ip[3] !== 0) {
          const name: number[] = [];
          for (let b = (await take(client, st, 1))[0]; b !== 0; b = (await take(client, st, 1))[0]) name.push(b!);
          host = Buffer.from(name).toString();
        } else host = ip.join('.');
        targets.push(`${host}:${port}`);
        client.write(Uint8Array.of(0, options.reply === undefined || options.reply === 0 ? 0x5a : 0x5b, 0, 0, 0, 0, 0, 0));
        if (options.reply) return void client.end();
      } else {
        const [n] = await take(client, st, 1);
        const methods = [...(await take(client, st, n!))];
        const want = options.auth ? 2 : 0;
        if (!methods.includes(want)) return void client.end(Uint8Array.of(5, 0xff));
        client.write(Uint8Array.of(5, want));
        if (options.auth) {
          await take(client, st, 1);
          const user = (await take(client, st, (await take(client, st, 1))[0]!)).toString();
          const pass = (await take(client, st, (await take(client, st, 1))[0]!)).toString();
          const ok = `${user}:${pass}` === options.auth;
          client.write(Uint8Array.of(1, ok ? 0 : 1));
          if (!ok) return void client.end();
        }
        const [, , , atyp] = await take(client, st, 4);
        if (atyp === 1) host = [...(await take(client, st, 4))].join('.');
        else if (atyp === 3) host = (await take(client, st, (await take(client, st, 1))[0]!)).toString();
        else host = (await take(client, st, 16)).toString('hex').replace(/(.{4})(?!$)/g, '$1:');
        port = (await take(client, st, 2)).readUInt16BE(0);
        targets.push(`${host}:${port}`);
        const code = options.reply ?? 0;
        const reply = Uint8Array.of(5, code, 0, 1, 0, 0, 0, 0, 0, 0);
        if (!options.coalesceReply || code) client.write(reply);
        if (code) return void client.end();
      }
      const upstream = net.connect(port, host === 'localhost' ? '127.0.0.1' : host);
      sockets.add(upstream);
      if (options.coalesceReply) {
        const first = await new Promise<Buffer>((r) => upstream.once('data', r));
        client.write(Buffer.concat([Uint8Array.of(5, 0, 0, 1, 0, 0, 0, 0, 0, 0), first]));
      }
      upstream.on('error', () => client.destroy());
      upstream.on('close', () => client.destroy());
      client.on('close', () => upstream.destroy());
      if (st.buf.length) upstream.write(st.buf);
      client.pipe(upstream);
      upstream.pipe(client);
    } catch {
      client.destroy();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        port,
        url: `socks5://127.0.0.1:${port}`,
        targets,
        close: () => new Promise((done) => {
          for (const s of sockets) s.destroy();
          server.close(() => done());
        }),
      });
    });
  });
}
