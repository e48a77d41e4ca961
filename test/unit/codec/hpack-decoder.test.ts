// RFC 7541 Appendix C, decoded in sequence on one decoder as the RFC does, plus error cases.
import { describe, expect, it } from 'vitest';
import { createHpackDecoder, HpackDecodeError } from '../../../src/codec/hpack-decoder.js';

const hex = (s: string): Uint8Array => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const pairs = (block: ReturnType<ReturnType<typeof createHpackDecoder>['decode']>): string[][] => block.fields.map((f) => [f.name, f.value]);

describe('RFC 7541 C.2 field representations', () => {
  it('C.2.1 literal with indexing', () => {
    const d = createHpackDecoder();
    expect(pairs(d.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572')))).toEqual([['custom-key', 'custom-header']]);
    expect(d.table().size).toBe(55);
  });
  it('C.2.2 literal without indexing', () => {
    const d = createHpackDecoder();
    const b = d.decode(hex('040c 2f73 616d 706c 652f 7061 7468'));
    expect(pairs(b)).toEqual([[':path', '/sample/path']]);
    expect(b.fields[0]!.representation).toBe('literal');
    expect(d.table().size).toBe(0);
  });
  it('C.2.3 literal never indexed', () => {
    const d = createHpackDecoder();
    const b = d.decode(hex('1008 7061 7373 776f 7264 0673 6563 7265 74'));
    expect(pairs(b)).toEqual([['password', 'secret']]);
    expect(b.fields[0]!.representation).toBe('never-indexed');
  });
  it('C.2.4 indexed', () => {
    expect(pairs(createHpackDecoder().decode(hex('82')))).toEqual([[':method', 'GET']]);
  });
});

const requests = [
  [':method', 'GET'], [':scheme', 'http'], [':path', '/'], [':authority', 'www.example.com'],
];

describe.each([
  ['C.3 requests without Huffman', ['8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d', '8286 84be 5808 6e6f 2d63 6163 6865', '8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65']],
  ['C.4 requests with Huffman', ['8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff', '8286 84be 5886 a8eb 1064 9cbf', '8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf']],
])('RFC 7541 %s', (_name, blocks) => {
  it('decodes the three requests and keeps the table as the RFC shows', () => {
    const d = createHpackDecoder();
    expect(pairs(d.decode(hex(blocks[0]!)))).toEqual(requests);
    expect(d.table().size).toBe(57);
    expect(pairs(d.decode(hex(blocks[1]!)))).toEqual([...requests, ['cache-control', 'no-cache']]);
    expect(d.table().size).toBe(110);
    expect(pairs(d.decode(hex(blocks[2]!)))).toEqual([[':method', 'GET'], [':scheme', 'https'], [':path', '/index.html'], [':authority', 'www.example.com'], ['custom-key', 'custom-value']]);
    expect(d.table().size).toBe(164);
    expect(d.table().entries).toEqual([['custom-key', 'custom-value'], ['cache-control', 'no-cache'], [':authority', 'www.example.com']]);
  });
});

const response1 = [[':status', '302'], ['cache-control', 'private'], ['date', 'Mon, 21 Oct 2013 20:13:21 GMT'], ['location', 'https://www.example.com']];
const response2 = [[':status', '307'], ...response1.slice(1)];
const response3 = [
  [':status', '200'], ['cache-control', 'private'], ['date', 'Mon, 21 Oct 2013 20:13:22 GMT'], ['location', 'https://www.example.com'],
  ['content-encoding', 'gzip'], ['set-cookie', 'foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1'],
];

describe.each([
  ['C.5 responses without Huffman', [
    '4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70 6c65 2e63 6f6d',
    '4803 3330 37c1 c0bf',
    '88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e 3d31',
  ]],
  ['C.6 responses with Huffman', [
    '4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3',
    '4883 640e ffc1 c0bf',
    '88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07',
  ]],
])('RFC 7541 %s (table size 256, with eviction)', (_name, blocks) => {
  it('decodes the three responses and evicts as the RFC shows', () => {
    const d = createHpackDecoder(256);
    expect(pairs(d.decode(hex(blocks[0]!)))).toEqual(response1);
    expect(d.table().size).toBe(222);
    expect(pairs(d.decode(hex(blocks[1]!)))).toEqual(response2);
    expect(d.table().size).toBe(222);
    expect(pairs(d.decode(hex(blocks[2]!)))).toEqual(response3);
    expect(d.table().size).toBe(215);
    expect(d.table().entries.map(([n]) => n)).toEqual(['set-cookie', 'content-encoding', 'date']);
  });
});

describe('HPACK errors and table size updates', () => {
  it('reports dynamic table size updates and evicts', () => {
    const d = createHpackDecoder();
    d.decode(hex('400a 6375 7374 6f6d 2d6b 6579 0d63 7573 746f 6d2d 6865 6164 6572'));
    const b = d.decode(hex('20 3f e1 1f 82'));
    expect(b.tableSizeUpdates).toEqual([0, 4096]);
    expect(d.table().entries).toEqual([]);
    expect(pairs(b)).toEqual([[':method', 'GET']]);
  });

  it.each([
    ['index 0', '80'],
    ['index past the dynamic table', 'be'],
    ['truncated integer', 'ff'],
    ['string past the end', '4005 6162'],
    ['bad Huffman padding', '4081 00 00'],
    ['size update above the limit', '3fe2 1f'],
    ['size update after a field', '82 20'],
  ])('%s is a decode error, never a crash', (_name, bytes) => {
    expect(() => createHpackDecoder().decode(hex(bytes))).toThrow(HpackDecodeError);
  });
});

describe('HPACK decoder on hostile input (property)', () => {
  it('any byte string decodes or fails with HpackDecodeError, never anything else', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          createHpackDecoder().decode(bytes);
          return true;
        } catch (err) {
          return err instanceof HpackDecodeError;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
