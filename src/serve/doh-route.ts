// /dns-query: a DNS-over-HTTPS answer (RFC 8484, GET ?dns= or POST) for any name, with the loopback addresses,
// so `qurl --doh-url` can be tried against qurl serve on every protocol; `nxdomain.*` names do not exist.
import { decodeDnsQuestion, DNS_TYPE, DnsMessageError, encodeDnsAnswer } from '../codec/index.js';
import { readBody, type Handler } from './route-helpers.js';

const LOOPBACK: Readonly<Record<number, readonly string[]>> = { [DNS_TYPE.A]: ['127.0.0.1'], [DNS_TYPE.AAAA]: ['::1'] };

export const dohRoute: Handler = async (req, res, url) => {
  const query = req.method === 'POST' ? await readBody(req) : Buffer.from(url.searchParams.get('dns') ?? '', 'base64url');
  let answer: Uint8Array;
  try {
    const { name, type } = decodeDnsQuestion(query);
    answer = encodeDnsAnswer(query, name.startsWith('nxdomain.') ? [] : (LOOPBACK[type] ?? []), 60, name.startsWith('nxdomain.') ? 3 : 0);
  } catch (err) {
    if (!(err instanceof DnsMessageError)) throw err;
    res.writeHead(400, { 'Content-Type': 'text/plain' });
    return void res.end(`not a DNS query: ${err.message}\n`);
  }
  res.writeHead(200, { 'Content-Type': 'application/dns-message', 'Content-Length': answer.length, 'Cache-Control': 'max-age=60' });
  res.end(answer);
};
