// Http3Connection: HTTP/3 (RFC 9114) over the quic step's session: our control and QPACK streams, the
// peer's control stream (SETTINGS, GOAWAY), QPACK with no dynamic table of ours, and request streams.
import {
  HTTP3_FRAME, HTTP3_SETTING, HTTP3_STREAM_TYPE, createHttp3FrameReader, createQpackDecoder, encodeHttp3Frame, encodeSettings,
  encodeVarint, http3ErrorName, http3SettingName, http3StreamTypeName, parseGoaway, parseSettings,
} from '../../codec/index.js';
import { QurlError } from '../../errors/index.js';
import type { TransferTrace } from '../../trace/index.js';
import { type ConnectionChain, type QuicSession, type StreamReader } from '../connect/index.js';
import type { ProtocolConnection, RequestBody, RequestHead, ResponseStream, StreamContext } from '../protocol-connection.js';
import { H3_ERROR } from './h3-error-codes.js';
import { sendRequest, type H3Shared } from './h3-request.js';
import { traceFrame, traceQpackInstructions, traceStreamType, type H3FrameTrace } from './h3-frame-trace.js';
import { typedStream } from './typed-stream.js';
import { createStreamSlots } from '../stream-slots.js';
import { describeClose } from './close-reason.js';

/** Request streams in flight at most; quiche also holds us to the server's MAX_STREAMS. */
const MAX_STREAMS = 100;
const OUR_SETTINGS: readonly (readonly [number, number])[] = [
  // No dynamic table: the server's field sections decode without waiting on its encoder stream.
  [HTTP3_SETTING.QPACK_MAX_TABLE_CAPACITY, 0],
  [HTTP3_SETTING.QPACK_BLOCKED_STREAMS, 0],
];

export interface Http3Options {
  readonly trace: TransferTrace;
}

const ignore: StreamReader = { onData() {}, onError() {} };

export function createHttp3Connection(chain: ConnectionChain, options: Http3Options): ProtocolConnection {
  const session: QuicSession = chain.quic!;
  const connId = chain.connId;
  let currentTrace = options.trace;
  let closed = false;
  let goawayId: number | null = null;
  const goawayListeners = new Set<(id: number) => void>();
  const slots = createStreamSlots(() => MAX_STREAMS);
  let closedReason = 'HTTP/3 connection already closed';
  const decoder = createQpackDecoder({ maxTableCapacity: 0 });
  const info = (message: string): void => currentTrace.emit({ type: 'info', source: 'h3', connId, message });

  const failConnection = (code: number, message: string): void => {
    closedReason = `HTTP/3 error: ${message}; connection closed with ${http3ErrorName(code)}`;
    info(closedReason);
    closed = true;
    session.close(true, code, message.slice(0, 100));
  };

  const frames: H3FrameTrace = { trace: () => currentTrace, connId };
  const openUni = (streamType: number): number => {
    const id = session.openStream('uni');
    traceStreamType(frames, 'send', id, streamType);
    session.write(id, encodeVarint(streamType), false);
    return id;
  };
  const control = openUni(HTTP3_STREAM_TYPE.CONTROL);
  const settings = encodeSettings(OUR_SETTINGS);
  traceFrame(frames, 'send', control, { kind: 'frame', type: HTTP3_FRAME.SETTINGS, length: settings.length, payload: settings });
  session.write(control, encodeHttp3Frame(HTTP3_FRAME.SETTINGS, settings), false);
  openUni(HTTP3_STREAM_TYPE.QPACK_ENCODER);
  openUni(HTTP3_STREAM_TYPE.QPACK_DECODER);

  const controlReader = (id: number): StreamReader => {
    const reader = createHttp3FrameReader({ maxFramePayload: 64 * 1024 });
    let sawSettings = false;
    return {
      onData(chunk, fin) {
        try {
          for (const item of reader.push(chunk)) {
            traceFrame(frames, 'recv', id, item);
            const type = item.kind === 'frame' ? item.type : HTTP3_FRAME.DATA;
            if (!sawSettings && type !== HTTP3_FRAME.SETTINGS) return failConnection(H3_ERROR.MISSING_SETTINGS, 'the server\'s control stream did not start with SETTINGS');
            if (item.kind === 'data' || type === HTTP3_FRAME.HEADERS || type === HTTP3_FRAME.PUSH_PROMISE) {
              return failConnection(H3_ERROR.FRAME_UNEXPECTED, `frame type 0x${type.toString(16)} on the control stream`);
            }
            if (type === HTTP3_FRAME.SETTINGS) {
              if (sawSettings) return failConnection(H3_ERROR.FRAME_UNEXPECTED, 'a second SETTINGS frame');
              sawSettings = true;
              const settings = parseSettings(item.payload);
              info(`HTTP/3 server settings: ${settings.map(([id, v]) => `${http3SettingName(id)}=${v}`).join(', ') || '(none)'}`);
            } else if (type === HTTP3_FRAME.GOAWAY) {
              goawayId = parseGoaway(item.payload);
              info(`HTTP/3 GOAWAY received: no new requests on connection #${connId} (streams below ${goawayId} continue)`);
              // Requests at or above the id will not be processed (RFC 9114 §5.2): they may go elsewhere now.
              for (const refuse of goawayListeners) refuse(goawayId);
            }
          }
          if (fin) failConnection(H3_ERROR.CLOSED_CRITICAL_STREAM, 'the server closed its control stream');
        } catch (err) {
          failConnection(H3_ERROR.FRAME_ERROR, `malformed frame on the control stream: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
      onError: () => {},
    };
  };

  session.onPeerStream = (id) =>
    typedStream((type) => {
      traceStreamType(frames, 'recv', id, type);
      switch (type) {
        case HTTP3_STREAM_TYPE.CONTROL:
          return controlReader(id);
        case HTTP3_STREAM_TYPE.QPACK_ENCODER:
          return {
            onData(chunk) {
              try {
                traceQpackInstructions(frames, id, decoder.onEncoderStream(chunk));
              } catch (err) {
                failConnection(H3_ERROR.QPACK_ENCODER_STREAM_ERROR, `QPACK encoder stream: ${err instanceof Error ? err.message : String(err)}`);
              }
            },
            onError: () => {},
          };
        case HTTP3_STREAM_TYPE.QPACK_DECODER:
          return ignore;
        case HTTP3_STREAM_TYPE.PUSH:
          failConnection(H3_ERROR.ID_ERROR, 'a push stream, though qurl never allows pushes (no MAX_PUSH_ID)');
          return ignore;
        default:
          // Unknown and reserved stream types are discarded (RFC 9114 §6.2).
          info(`HTTP/3 stream ${id} of ${http3StreamTypeName(type)} ignored`);
          session.abortStream(id, H3_ERROR.STREAM_CREATION_ERROR);
          return ignore;
      }
    });

  void session.closed.then((end) => {
    closed = true;
    if (end.by === 'local') return;
    closedReason = describeClose(end);
    if (!(end.by === 'peer' && end.isApp && end.code === H3_ERROR.NO_ERROR)) info(closedReason);
  });

  const shared: H3Shared = {
    session,
    connId,
    decodeFields: (streamId, block) => decoder.decodeFieldSection(streamId, block),
    goawayId: () => goawayId,
    onGoaway(listener) {
      goawayListeners.add(listener);
      return () => goawayListeners.delete(listener);
    },
  };
  const canTakeStream = (): boolean => !closed && goawayId === null && !session.isClosed() && slots.hasRoom();
  return {
    version: '3',
    chain,
    canTakeStream,
    reserveStream: () => canTakeStream() && slots.reserve(),
    isClosed: () => closed || session.isClosed(),
    close() {
      closed = true;
      session.close(true, H3_ERROR.NO_ERROR, '');
      chain.close();
    },
    async openStream(head: RequestHead, body: RequestBody | null, ctx: StreamContext): Promise<ResponseStream> {
      currentTrace = ctx.trace;
      if (closed || session.isClosed()) throw new QurlError('h3', closedReason);
      const release = slots.open();
      try {
        const response = await sendRequest(shared, head, body, ctx);
        response.body.once('close', release);
        return response;
      } catch (err) {
        release();
        throw err;
      }
    },
  };
}
