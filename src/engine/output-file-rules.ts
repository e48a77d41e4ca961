// What happens to an -o/-O file around its transfer: --etag-save beside it, --remove-on-error and -R after it.
import { unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { QurlError } from '../errors/index.js';
import { headerValue } from '../trace/index.js';
import type { ResponseHead } from '../transport/index.js';
import type { BodyOutput } from './body-output.js';
import type { RequestSpec } from './request-spec.js';
import type { TransferResult } from './transfer-result.js';

/** --etag-save: the ETag as sent (quotes included), or an empty file when there is none, as curl writes it. */
export function saveEtag(file: string, head: ResponseHead): void {
  const etag = headerValue(head.headers, 'etag');
  try {
    writeFileSync(file, etag === undefined ? '' : `${etag}\n`);
  } catch (err) {
    throw new QurlError('write', `Failed to write the ETag to ${file}: ${(err as Error).message}`, { cause: err });
  }
}

/** After the transfer: --remove-on-error drops a failed file, -R gives a good one the server's time. */
export function finishOutputFile(spec: RequestSpec, result: Pick<TransferResult, 'error' | 'headers'>, output: BodyOutput): void {
  const path = output.path;
  if (path === null || !output.opened()) return;
  try {
    if (result.error && spec.outputFiles.removeOnError) unlinkSync(path);
    else if (spec.outputFiles.remoteTime) {
      const modified = Date.parse(headerValue(result.headers, 'last-modified') ?? '');
      if (!Number.isNaN(modified)) utimesSync(path, new Date(modified), new Date(modified));
    }
  } catch {
    // As curl: a file whose time cannot be set, or that is already gone, does not fail the transfer.
  }
}
