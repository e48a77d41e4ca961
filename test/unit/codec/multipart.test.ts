import { describe, expect, it } from 'vitest';
import { guessContentType, multipartClose, multipartPartHead } from '../../../src/codec/index.js';

describe('multipart framing (RFC 7578)', () => {
  it('writes field and file part heads as curl does', () => {
    expect(multipartPartHead('B', { name: 'a' })).toBe('--B\r\nContent-Disposition: form-data; name="a"\r\n\r\n');
    expect(multipartPartHead('B', { name: 'f', filename: 'x "y"\\.txt', type: 'text/plain', headers: ['X-A: 1'] })).toBe(
      '--B\r\nContent-Disposition: form-data; name="f"; filename="x %22y%22\\.txt"\r\nContent-Type: text/plain\r\nX-A: 1\r\n\r\n',
    );
    // --form-escape
    expect(multipartPartHead('B', { name: 'n"\\' }, true)).toBe('--B\r\nContent-Disposition: form-data; name="n\\"\\\\"\r\n\r\n');
    expect(multipartClose('B')).toBe('--B--\r\n');
  });

  it('guesses types from extensions', () => {
    expect(guessContentType('a.JSON')).toBe('application/json');
    expect(guessContentType('noext')).toBe('application/octet-stream');
  });
});
