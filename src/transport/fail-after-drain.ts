// Errors a response body only once the bytes already pushed were read, so output received before a failure
// is never lost (h2 and h3 bodies cut short, a request body that failed after the response began).
import type { Readable } from 'node:stream';

/** `failNow` (by default: destroy the body with `err`) runs once nothing is left to read, or the body is gone. */
export function failAfterDrain(body: Readable, err: Error, failNow: (err: Error) => void = (e) => body.destroy(e)): void {
  const check = (): void => {
    if (body.destroyed || body.readableLength === 0) failNow(err);
    else body.once('data', () => setImmediate(check));
  };
  setImmediate(check);
}
