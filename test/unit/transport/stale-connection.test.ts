// The stale-connection allowlist, table-driven: only "never processed" failures qualify.
import { describe, expect, it } from 'vitest';
import { QurlError, type ErrorKind } from '../../../src/errors/index.js';
import { classifyStaleError, isReplayable } from '../../../src/transport/index.js';

describe('classifyStaleError', () => {
  it.each<[ErrorKind, boolean, string | null]>([
    ['empty-reply', true, 'closed-before-response'],
    ['empty-reply', false, null],
    ['h2-refused', false, 'refused-unprocessed'],
    ['h2-refused', true, 'refused-unprocessed'],
    ['h2-ping-timeout', true, 'keepalive-timeout'],
    ['h2-stream', true, null],
    ['h2', true, null],
    ['h3-refused', false, 'refused-unprocessed'],
    ['h3-closed', true, 'closed-before-response'],
    ['h3-closed', false, null],
    ['h3', true, null],
    ['recv', true, null],
    ['partial-file', true, null],
    ['weird-reply', true, null],
    ['timeout', true, null],
  ])('%s on a %s connection → %s', (kind, reused, expected) => {
    expect(classifyStaleError(new QurlError(kind, 'x'), reused)).toBe(expected);
  });

  it('ignores errors that are not QurlErrors', () => {
    expect(classifyStaleError(new Error('ECONNRESET'), true)).toBeNull();
  });

  it.each([['GET', true], ['head', true], ['OPTIONS', true], ['PUT', true], ['DELETE', true], ['POST', false], ['PATCH', false]])('%s replayable: %s', (m, ok) => {
    expect(isReplayable(m)).toBe(ok);
  });
});
