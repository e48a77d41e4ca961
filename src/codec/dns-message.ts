// DNS messages (RFC 1035 §4) as DoH carries them (RFC 8484): a query for one name, and the A and AAAA
// records of an answer, with name compression followed to a bounded depth.

export const DNS_TYPE = { A: 1, CNAME: 5, AAAA: 28 } as const;

export class DnsMessageError extends Error {
  override readonly name = 'DnsMessageError';
}

export interface DnsRecord {
  readonly name: string;
  readonly type: number;
  readonly ttl: number;
  /** A and AAAA: the address as text; CNAME: the name; others: ''. */
  readonly data: string;
}

export interface DnsAnswer {
  readonly id: number;
  /** RFC 1035 RCODE: 0 no error, 2 server failure, 3 name error (NXDOMAIN)… */
  readonly rcode: number;
  readonly answers: readonly DnsRecord[];
}

/** A recursive query (RD) for `name` and `type`; id 0, as RFC 8484 §4.1 asks for cache friendliness. */
export function encodeDnsQuery(name: string, type: number, id = 0): Uint8Array {
  const labels = name.replace(/\.$/, '').split('.').filter((l) => l !== '');
  const qname: number[] = [];
  for (const label of labels) {
    const bytes = Buffer.from(label, 'latin1');
    if (bytes.length > 63) throw new DnsMessageError(`label "${label}" is longer than 63 bytes`);
    qname.push(bytes.length, ...bytes);
  }
  qname.push(0);
  if (qname.length > 255) throw new DnsMessageError(`name "${name}" is longer than 255 bytes`);
  const out = new Uint8Array(12 + qname.length + 4);
  const view = new DataView(out.buffer);
  view.setUint16(0, id);
  view.setUint16(2, 0x0100);
  view.setUint16(4, 1);
  out.set(qname, 12);
  view.setUint16(12 + qname.length, type);
  view.setUint16(14 + qname.length, 1);
  return out;
}

/** A name at `offset`: its text and where the bytes after it start (compression pointers jump, at most 32 times). */
function readName(msg: Uint8Array, offset: number): { name: string; next: number } {
  const labels: string[] = [];
  let at = offset;
  let next = -1;
  for (let jumps = 0; ; ) {
    if (at >= msg.length) throw new DnsMessageError('a name runs past the end of the message');
    const len = msg[at]!;
    if (len === 0) {
      if (next < 0) next = at + 1;
      break;
    }
    if ((len & 0xc0) === 0xc0) {
      if (at + 1 >= msg.length) throw new DnsMessageError('a compression pointer is cut short');
      if (++jumps > 32) throw new DnsMessageError('compression pointers loop');
      if (next < 0) next = at + 2;
      at = ((len & 0x3f) << 8) | msg[at + 1]!;
      continue;
    }
    if ((len & 0xc0) !== 0) throw new DnsMessageError(`label type 0x${len.toString(16)} is not supported`);
    if (at + 1 + len > msg.length) throw new DnsMessageError('a label runs past the end of the message');
    labels.push(Buffer.from(msg.subarray(at + 1, at + 1 + len)).toString('latin1'));
    if (labels.length > 127) throw new DnsMessageError('a name has too many labels');
    at += 1 + len;
  }
  return { name: labels.join('.'), next };
}

/** An AAAA record's address as text, compressed as RFC 5952 says (the WHATWG URL parser does exactly that). */
function ipv6Text(bytes: Uint8Array): string {
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!).toString(16));
  return new URL(`http://[${groups.join(':')}]/`).hostname.slice(1, -1);
}

/** The header, and every answer record (A, AAAA and CNAME decoded); throws DnsMessageError on a malformed message. */
export function decodeDnsAnswer(msg: Uint8Array): DnsAnswer {
  if (msg.length < 12) throw new DnsMessageError(`a ${msg.length}-byte message is shorter than its header`);
  const view = new DataView(msg.buffer, msg.byteOffset, msg.byteLength);
  const flags = view.getUint16(2);
  if ((flags & 0x8000) === 0) throw new DnsMessageError('the message is a query, not a response');
  const qdcount = view.getUint16(4);
  const ancount = view.getUint16(6);
  let at = 12;
  for (let i = 0; i < qdcount; i++) {
    at = readName(msg, at).next + 4;
    if (at > msg.length) throw new DnsMessageError('a question runs past the end of the message');
  }
  const answers: DnsRecord[] = [];
  for (let i = 0; i < ancount; i++) {
    const { name, next } = readName(msg, at);
    if (next + 10 > msg.length) throw new DnsMessageError('a record runs past the end of the message');
    const type = view.getUint16(next);
    const ttl = view.getUint32(next + 4);
    const rdlength = view.getUint16(next + 8);
    const rdata = next + 10;
    if (rdata + rdlength > msg.length) throw new DnsMessageError('a record runs past the end of the message');
    let data = '';
    if (type === DNS_TYPE.A) {
      if (rdlength !== 4) throw new DnsMessageError(`an A record of ${rdlength} bytes`);
      data = Array.from(msg.subarray(rdata, rdata + 4)).join('.');
    } else if (type === DNS_TYPE.AAAA) {
      if (rdlength !== 16) throw new DnsMessageError(`an AAAA record of ${rdlength} bytes`);
      data = ipv6Text(msg.subarray(rdata, rdata + 16));
    } else if (type === DNS_TYPE.CNAME) {
      data = readName(msg, rdata).name;
    }
    answers.push({ name, type, ttl, data });
    at = rdata + rdlength;
  }
  return { id: view.getUint16(0), rcode: flags & 0x0f, answers };
}

/** The addresses for `name`: its records, or those of the names its CNAME chain leads to. */
export function addressesFor(answer: DnsAnswer, name: string, type: number): string[] {
  let target = name.toLowerCase().replace(/\.$/, '');
  for (let hops = 0; hops < 16; hops++) {
    const cname = answer.answers.find((r) => r.type === DNS_TYPE.CNAME && r.name.toLowerCase() === target);
    if (!cname) break;
    target = cname.data.toLowerCase();
  }
  return answer.answers.filter((r) => r.type === type && r.name.toLowerCase() === target).map((r) => r.data);
}

/** The question of a query: its name (lower case), type, and where the question ends. */
export function decodeDnsQuestion(msg: Uint8Array): { id: number; name: string; type: number; end: number } {
  if (msg.length < 12) throw new DnsMessageError(`a ${msg.length}-byte message is shorter than its header`);
  const view = new DataView(msg.buffer, msg.byteOffset, msg.byteLength);
  if (view.getUint16(4) !== 1) throw new DnsMessageError('a query must ask one question');
  const { name, next } = readName(msg, 12);
  if (next + 4 > msg.length) throw new DnsMessageError('the question runs past the end of the message');
  return { id: view.getUint16(0), name: name.toLowerCase(), type: view.getUint16(next), end: next + 4 };
}

/** The answer to `query`: its question echoed, then `addresses` (of the question's type) for `ttl` seconds; rcode 3 for none. */
export function encodeDnsAnswer(query: Uint8Array, addresses: readonly string[], ttl = 60, rcode = addresses.length > 0 ? 0 : 3): Uint8Array {
  const q = decodeDnsQuestion(query);
  const records = addresses.map((address) => {
    const rdata = q.type === DNS_TYPE.A ? Buffer.from(address.split('.').map(Number)) : ipv6Bytes(address);
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0);
    fixed.writeUInt16BE(q.type, 2);
    fixed.writeUInt16BE(1, 4);
    fixed.writeUInt32BE(ttl, 6);
    fixed.writeUInt16BE(rdata.length, 10);
    return Buffer.concat([fixed, rdata]);
  });
  const header = Buffer.alloc(12);
  header.writeUInt16BE(q.id, 0);
  header.writeUInt16BE(0x8180 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  return Buffer.concat([header, query.subarray(12, q.end), ...records]);
}

function ipv6Bytes(text: string): Buffer {
  const [head = '', tail = ''] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = text.includes('::') ? [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t] : h;
  return Buffer.from(groups.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]));
}
