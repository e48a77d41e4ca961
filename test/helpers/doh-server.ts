// A DNS-over-HTTPS server (RFC 8484) over HTTP/2 and HTTP/1.1 with TLS, for names given to it: answers GET
// ?dns= and POST queries, built here byte by byte (not with qurl's codec), and counts what it was asked.
import http2 from 'node:http2';
import type { AddressInfo } from 'node:net';
import { generateCertificates } from '../../src/serve/index.js';

export interface DohServer {
  readonly url: string;
  readonly caPem: string;
  /** Every query as `TYPE name`, in order. */
  readonly asked: string[];
  close(): Promise<void>;
}

/** name → its A and AAAA addresses; a name missing here is NXDOMAIN, `servfail.test` is SERVFAIL. */
export type DohZone = Readonly<Record<string, { readonly a?: readonly string[]; readonly aaaa?: readonly string[] }>>;

function questionOf(query: Buffer): { name: string; type: number; end: number } {
  const labels: string[] = [];
  let at = 12;
  while (query[at]! !== 0) {
    labels.push(query.subarray(at + 1, at + 1 + query[at]!).toString('latin1'));
    at += 1 + query[at]!;
  }
  return { name: labels.join('.').toLowerCase(), type: query.readUInt16BE(at + 1), end: at + 5 };
}

function v6Bytes(text: string): Buffer {
  const [head = '', tail = ''] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = text.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
  return Buffer.from(groups.flatMap((g) => { const n = parseInt(g, 16); return [n >> 8, n & 0xff]; }));
}

function answer(query: Buffer, zone: DohZone): Buffer {
  const { name, type, end } = questionOf(query);
  const entry = zone[name];
  const rdatas = !entry ? [] : type === 1 ? (entry.a ?? []).map((a) => Buffer.from(a.split('.').map(Number))) : type === 28 ? (entry.aaaa ?? []).map(v6Bytes) : [];
  const header = Buffer.from(query.subarray(0, 12));
  header.writeUInt16BE(0x8180 | (name === 'servfail.test' ? 2 : entry ? 0 : 3), 2);
  header.writeUInt16BE(rdatas.length, 6);
  header.writeUInt32BE(0, 8);
  const records = rdatas.map((rdata) => {
    const fixed = Buffer.alloc(12);
    fixed.writeUInt16BE(0xc00c, 0);
    fixed.writeUInt16BE(type, 2);
    fixed.writeUInt16BE(1, 4);
    fixed.writeUInt32BE(60, 6);
    fixed.writeUInt16BE(rdata.length, 10);
    return Buffer.concat([fixed, rdata]);
  });
  return Buffer.concat([header, query.subarray(12, end), ...records]);
}

export async function startDohServer(zone: DohZone): Promise<DohServer> {
  const certs = await generateCertificates(['localhost', '127.0.0.1']);
  const asked: string[] = [];
  const server = http2.createSecureServer({ key: certs.keyPem, cert: certs.certPem, allowHTTP1: true }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://x');
    const reply = (query: Buffer): void => {
      if (url.pathname !== '/dns-query' || query.length < 17) return void res.writeHead(400).end();
      const q = questionOf(query);
      asked.push(`${q.type === 1 ? 'A' : q.type === 28 ? 'AAAA' : q.type} ${q.name}`);
      if (q.name === 'wrongtype.test') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
      if (q.name === 'broken.test') return void res.writeHead(200, { 'content-type': 'application/dns-message' }).end(Buffer.from([0x00, 0x00, 0x81]));
      res.writeHead(200, { 'content-type': 'application/dns-message' }).end(answer(query, zone));
    };
    if (req.method === 'GET') return reply(Buffer.from(url.searchParams.get('dns') ?? '', 'base64url'));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => reply(Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://localhost:${port}/dns-query`,
    caPem: certs.caPem,
    asked,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
    }),
  };
}
