// A TCP proxy in front of an h2c server that swallows the client's PING frames, so keepalive timeouts can be
// provoked (nghttp2 always answers PINGs itself). `dropsOn(n)` picks which accepted connections misbehave.
import net from 'node:net';
import { createFrameSplitter, encodeFrame, FRAME_TYPE, CLIENT_PREFACE } from '../codec/index.js';

export interface PingDroppingProxy {
  readonly port: number;
  close(): Promise<void>;
}

export function startPingDroppingProxy(host: string, targetPort: number, dropsOn: (connectionIndex: number) => boolean = () => true): Promise<PingDroppingProxy> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer((client) => {
    const drop = dropsOn(accepted++);
    const upstream = net.connect(targetPort, host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {});
    }
    upstream.pipe(client);
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
    if (!drop) {
      client.pipe(upstream);
      return;
    }
    const splitter = createFrameSplitter(true);
    upstream.write(CLIENT_PREFACE);
    client.on('data', (chunk: Buffer) => {
      for (const f of splitter.push(chunk)) {
        if (f.type === FRAME_TYPE.PING) continue;
        upstream.write(encodeFrame(f.type, f.flags, f.streamId, f.payload));
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, host, () => {
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
