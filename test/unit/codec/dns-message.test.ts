// DNS messages as DoH carries them: RFC 8484's own examples, compression, CNAME chains, and hostile bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressesFor, decodeDnsAnswer, decodeDnsQuestion, DNS_TYPE, DnsMessageError, encodeDnsAnswer, encodeDnsQuery } from '../../../src/codec/index.js';
import { FUZZ_RUNS } from '../../fuzz/fuzz-runs.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

describe('RFC 8484 examples', () => {
  it('§4.1.1: the GET query for www.example.com A is AAABAAABAAAAAAAAA3d3dwdleGFtcGxlA2NvbQAAAQAB', () => {
    expect(Buffer.from(encodeDnsQuery('www.example.com', DNS_TYPE.A)).toString('base64url')).toBe('AAABAAABAAAAAAAAA3d3dwdleGFtcGxlA2NvbQAAAQAB');
  });
  it('§4.2.2: the answer for www.example.com AAAA is 2001:db8:abcd:12:1:2:3:4 for 3709 s', () => {
    const answer = decodeDnsAnswer(hex(`
      00 00 81 80 00 01 00 01 00 00 00 00 03 77 77 77
      07 65 78 61 6d 70 6c 65 03 63 6f 6d 00 00 1c 00
      01 c0 0c 00 1c 00 01 00 00 0e 7d 00 10 20 01 0d
      b8 ab cd 00 12 00 01 00 02 00 03 00 04`));
    expect(answer).toEqual({ id: 0, rcode: 0, answers: [{ name: 'www.example.com', type: 28, ttl: 3709, data: '2001:db8:abcd:12:1:2:3:4' }] });
    expect(addressesFor(answer, 'www.example.com', DNS_TYPE.AAAA)).toEqual(['2001:db8:abcd:12:1:2:3:4']);
  });
});

/** A response with a CNAME chain: a.test → b.test → 192.0.2.7, names compressed against the question. */
function chain(): Uint8Array {
  const q = encodeDnsQuery('a.test', DNS_TYPE.A);
  const header = Uint8Array.from(q.subarray(0, 12));
  header[2] = 0x81;
  header[3] = 0x80;
  header[7] = 2;
  const question = q.subarray(12);
  // a.test (pointer to 12) CNAME b.test; b.test (pointer into the CNAME's data) A 192.0.2.7
  const cname = [0xc0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 4, 1, 0x62, 0xc0, 14];
  const cnameDataAt = 12 + question.length + 12;
  const a = [0xc0, cnameDataAt, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 7];
  return Uint8Array.from([...header, ...question, ...cname, ...a]);
}

describe('decodeDnsAnswer', () => {
  it('follows compression pointers and CNAME chains', () => {
    const answer = decodeDnsAnswer(chain());
    expect(answer.answers.map((r) => [r.name, r.type, r.data])).toEqual([['a.test', 5, 'b.test'], ['b.test', 1, '192.0.2.7']]);
    expect(addressesFor(answer, 'A.TEST.', DNS_TYPE.A)).toEqual(['192.0.2.7']);
    expect(addressesFor(answer, 'a.test', DNS_TYPE.AAAA)).toEqual([]);
  });
  it('reports NXDOMAIN in rcode', () => {
    const msg = encodeDnsQuery('nope.test', DNS_TYPE.A);
    msg[2] = 0x81;
    msg[3] = 0x83;
    expect(decodeDnsAnswer(msg)).toMatchObject({ rcode: 3, answers: [] });
  });
  it('refuses a query, a pointer loop, and records cut short', () => {
    expect(() => decodeDnsAnswer(encodeDnsQuery('a.test', 1))).toThrow(/a query/);
    const loop = Uint8Array.from([0, 0, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1]);
    expect(() => decodeDnsAnswer(loop)).toThrow(/loop/);
    expect(() => decodeDnsAnswer(chain().subarray(0, 40))).toThrow(DnsMessageError);
  });
  it('never throws anything but DnsMessageError, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          decodeDnsAnswer(bytes);
        } catch (err) {
          if (!(err instanceof DnsMessageError)) throw err;
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
  it('mutations of a real answer decode or fail cleanly', () => {
    const base = chain();
    fc.assert(
      fc.property(fc.nat(base.length - 1), fc.nat(255), (i, v) => {
        const m = Uint8Array.from(base);
        m[i] = v;
        try {
          decodeDnsAnswer(m);
        } catch (err) {
          if (!(err instanceof DnsMessageError)) throw err;
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe('encodeDnsQuery', () => {
  it('refuses labels over 63 bytes and names over 255', () => {
    expect(() => encodeDnsQuery(`${'a'.repeat(64)}.test`, 1)).toThrow(/63/);
    expect(() => encodeDnsQuery(Array.from({ length: 50 }, () => 'abcdef').join('.'), 1)).toThrow(/255/);
  });
});

describe('encodeDnsAnswer (qurl serve\'s /dns-query)', () => {
  it('answers a query with its addresses, which decode back; none is NXDOMAIN', () => {
    const v4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
    fc.assert(
      fc.property(fc.domain(), fc.array(v4, { maxLength: 4 }), (name, addresses) => {
        const query = encodeDnsQuery(name, DNS_TYPE.A, 7);
        expect(decodeDnsQuestion(query)).toMatchObject({ id: 7, name: name.toLowerCase(), type: 1 });
        const answer = decodeDnsAnswer(encodeDnsAnswer(query, addresses));
        expect(answer.id).toBe(7);
        expect(answer.rcode).toBe(addresses.length > 0 ? 0 : 3);
        expect(addressesFor(answer, name, DNS_TYPE.A)).toEqual(addresses);
      }),
    );
    const v6 = decodeDnsAnswer(encodeDnsAnswer(encodeDnsQuery('x.test', DNS_TYPE.AAAA), ['::1', '2001:db8::2:1']));
    expect(addressesFor(v6, 'x.test', DNS_TYPE.AAAA)).toEqual(['::1', '2001:db8::2:1']);
  });
});

