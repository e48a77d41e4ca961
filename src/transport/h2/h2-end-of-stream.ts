// Tells a response cut short by RST_STREAM or a lost connection from one that ended with END_STREAM.
// node:http2 ends the readable side of a stream it closed as if the body were complete, whatever the cause;
// the stream's rstCode, set before that end, says whether the peer reset it (or the session died under it).
// An RST_STREAM with NO_ERROR mid-body cannot be told apart this way (node:http2 may deliver a real END_STREAM
// after closing too, under load): the engine's Content-Length check catches those that announced a length.
import { constants, type ClientHttp2Stream } from 'node:http2';

/** Calls `onCutShort` instead of ending the body when the stream closed with an error code or with its session. */
export function watchEndOfStream(req: ClientHttp2Stream, onCutShort: () => void): void {
  const push = req.push;
  const session = req.session;
  let ended = false;
  req.push = function pushWatched(this: ClientHttp2Stream, chunk: unknown, encoding?: BufferEncoding): boolean {
    if (chunk !== null || ended) return push.call(this, chunk, encoding);
    ended = true;
    const cutShort = this.closed && ((this.rstCode ?? constants.NGHTTP2_NO_ERROR) !== constants.NGHTTP2_NO_ERROR || session?.destroyed === true);
    if (!cutShort) return push.call(this, null);
    onCutShort();
    return false;
  };
}
