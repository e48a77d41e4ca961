// qurl serve over HTTP/3: one UDP socket, QUIC connections told apart by destination connection id, and
// per connection our control stream plus request streams handed to the same routes as h1 and h2.
import { randomBytes } from 'node:crypto';
import dgram from 'node:dgram';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  HTTP3_FRAME, HTTP3_SETTING, HTTP3_STREAM_TYPE, createHttp3FrameReader, createQpackDecoder, encodeHttp3Frame, encodeSettings, encodeVarint,
} from '../codec/index.js';
import {
  H3_ERROR, driveQuicConnection, loadQuicBinding, tuneQuicConfig, typedStream, type DrivenQuicSession, type StreamReader,
} from '../transport/index.js';
import { H3IncomingMessage, H3ServerResponse, asIncomingMessage } from './h3-message.js';
import { switchesFor, type ConnectionSwitches, type H3Switches } from './h3-switches.js';

type Dispatch = (req: IncomingMessage, res: ServerResponse) => void;

export interface H3Server {
  readonly port: number;
  close(): Promise<void>;
}

const INITIAL_PACKET = 0;
const ignore: StreamReader = { onData() {}, onError() {} };

/** One request stream: HEADERS (then DATA into the request body) → the routes → the response frames. */
function requestStream(session: DrivenQuicSession, id: number, dispatch: Dispatch, decodeFields: (block: Uint8Array) => [string, string][], switches: ConnectionSwitches): StreamReader {
  const reader = createHttp3FrameReader({ maxFramePayload: 64 * 1024 });
  let req: H3IncomingMessage | null = null;
  const fail = (code: number): void => {
    session.abortStream(id, code);
    req?.destroy();
  };
  return {
    onData(chunk, fin) {
      try {
        for (const item of reader.push(chunk)) {
          if (item.kind === 'data') {
            if (!req) return fail(H3_ERROR.FRAME_UNEXPECTED);
            if (item.chunk.length > 0 && !req.push(Buffer.from(item.chunk))) session.pause(id);
          } else if (item.type === HTTP3_FRAME.HEADERS && !req) {
            req = new H3IncomingMessage(decodeFields(item.payload), session.remote.host, () => session.resume(id));
            if (!switches.admit(id)) return;
            const res = new H3ServerResponse(session, id);
            res.once('finish', () => switches.answered(id));
            dispatch(asIncomingMessage(req), res.asServerResponse());
          }
        }
        if (fin) {
          reader.end();
          req?.push(null);
        }
      } catch {
        fail(H3_ERROR.MESSAGE_ERROR);
      }
    },
    onError(message, code) {
      // The reset code reaches the route (and tests) as the error's code, like node:http2's rstCode.
      req?.destroy(Object.assign(new Error(message), { code }));
    },
  };
}

function serveConnection(session: DrivenQuicSession, dispatch: Dispatch, h3Switches: H3Switches): void {
  const decoder = createQpackDecoder({ maxTableCapacity: 0 });
  const decodeFields = (id: number) => (block: Uint8Array) => decoder.decodeFieldSection(id, block).fields.map((f) => [f.name, f.value] as [string, string]);
  const settings = encodeSettings([[HTTP3_SETTING.QPACK_MAX_TABLE_CAPACITY, 0], [HTTP3_SETTING.QPACK_BLOCKED_STREAMS, 0]]);
  const control = session.openStream('uni');
  session.write(control, Buffer.concat([encodeVarint(HTTP3_STREAM_TYPE.CONTROL), encodeHttp3Frame(HTTP3_FRAME.SETTINGS, settings)]), false);
  const switches = switchesFor(session, control, h3Switches);
  session.onPeerStream = (id) => {
    if ((id & 2) === 0) return requestStream(session, id, dispatch, decodeFields(id), switches);
    // The client's control and QPACK streams: nothing in them changes how we answer.
    return typedStream(() => ignore);
  };
}

export async function startH3Server(host: string, port: number, certPem: string, keyPem: string, dispatch: Dispatch, switches: H3Switches = {}): Promise<H3Server> {
  return startQuicServer(host, port, certPem, keyPem, (session) => serveConnection(session, dispatch, switches));
}

/** A QUIC listener (ALPN h3) that hands each new connection to `onConnection`; tests use it for misbehaving peers. */
export async function startQuicServer(
  host: string, port: number, certPem: string, keyPem: string, onConnection: (session: DrivenQuicSession) => void, idleTimeoutMs = 30_000,
): Promise<H3Server> {
  const binding = loadQuicBinding();
  const config = binding.Config.withBoringSslCtx(false, false, null, [Buffer.from(keyPem)], [Buffer.from(certPem)], null);
  tuneQuicConfig(config, 'server', ['h3'], idleTimeoutMs);
  const socket = dgram.createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', recvBufferSize: 4 << 20 });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const local = { host, port: socket.address().port };
  const byConnectionId = new Map<string, DrivenQuicSession>();

  socket.on('message', (msg, rinfo) => {
    let header: { ty: number; dcid: Uint8Array };
    try {
      header = binding.Header.fromSlice(msg, 20);
    } catch {
      return;
    }
    const key = Buffer.from(header.dcid).toString('hex');
    const remote = { host: rinfo.address, port: rinfo.port };
    let session = byConnectionId.get(key);
    if (!session) {
      if (header.ty !== INITIAL_PACKET) return;
      const scid = randomBytes(20);
      const ids = [key, scid.toString('hex')];
      const conn = binding.Connection.accept(scid, null, local, remote, config);
      session = driveQuicConnection(conn, {
        role: 'server',
        idleTimeoutMs,
        local,
        remote,
        send: (datagram) => socket.send(datagram, rinfo.port, rinfo.address),
        onEnd: () => ids.forEach((id) => byConnectionId.delete(id)),
      });
      for (const id of ids) byConnectionId.set(id, session);
      onConnection(session);
    }
    session.receive(msg, remote);
  });
  socket.on('error', () => {});

  return {
    port: local.port,
    async close() {
      for (const session of new Set(byConnectionId.values())) session.close(true, H3_ERROR.NO_ERROR, '');
      await new Promise<void>((resolve) => setImmediate(() => socket.close(() => resolve())));
    },
  };
}
