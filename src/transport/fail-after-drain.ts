// Errors a response body only once the bytes already pushed were read, so output received before a failure
// is never lost (h2 and h3 bodies cut short, a request body that failed after the response began).
import type { Readable } from 'node:stream';

export function failAfterDrain(body: Readable, err: Error): void {
  const check = (): void => {
    if (body.destroyed) return;
    if (body.readableLength === 0) body.destroy(err);
    else body.once('data', () => setImmediate(check));
  };
  setImmediate(check);
}
