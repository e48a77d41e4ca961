// What a person sees on a terminal (run under a pseudo-terminal with script(1)), and that pipes and files still
// get the bytes as they came: JSON re-indented and coloured, -i heads coloured, binary bodies refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { execa } from 'execa';
import { QURL_BIN, hermeticEnv, qurl, qurlBuffer } from '../helpers/run-qurl.js';
import { startHttpServer, type Running } from '../helpers/raw-servers.js';
import { needs, onPath } from '../helpers/needs.js';

const JSON_BODY = '{"name":"qurl","tags":["a","b"],"big":12345678901234567890,"ok":true,"none":null,"empty":{}}';
const BINARY = Buffer.concat([Buffer.from('PNG'), Buffer.from([0]), randomBytes(2000)]);
let server: Running;

beforeAll(async () => {
  server = await startHttpServer((req, res) => {
    if (req.url === '/json') res.setHeader('content-type', 'application/json; charset=utf-8').end(JSON_BODY);
    else if (req.url === '/problem') res.setHeader('content-type', 'application/problem+json').end('{"title":"x"}');
    else if (req.url === '/broken') res.setHeader('content-type', 'application/json').end('{"a": 1,');
    else if (req.url === '/text') res.setHeader('content-type', 'text/plain').end(JSON_BODY);
    else if (req.url === '/binary') res.setHeader('content-type', 'image/png').end(BINARY);
    else res.writeHead(404).end();
  });
});
afterAll(async () => {
  await server.close();
});

const quote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

/** qurl on a pseudo-terminal: what the terminal received (CR LF as the tty writes it, turned back into LF). */
async function onTerminal(args: string[], env: Record<string, string> = {}): Promise<{ screen: string; exitCode: number }> {
  const command = ['node', QURL_BIN, ...args].map(quote).join(' ');
  // hermeticEnv sets NO_COLOR for every other test; a person's terminal has colours unless they say otherwise.
  const { NO_COLOR: _quiet, ...coloured } = hermeticEnv({ TERM: 'xterm' });
  const r = await execa('script', ['-qec', command, '/dev/null'], { env: { ...coloured, ...env }, extendEnv: false, reject: false, stripFinalNewline: false });
  return { screen: r.stdout.replace(/\r\n/g, '\n'), exitCode: r.exitCode ?? -1 };
}

const ESC = '\x1b[';
const uncoloured = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');
const INDENTED = `{
    "name": "qurl",
    "tags": [
        "a",
        "b"
    ],
    "big": 12345678901234567890,
    "ok": true,
    "none": null,
    "empty": {}
}
`;

needs(onPath('script'), 'script (util-linux: apt-get install -y bsdutils)').describe('on a terminal', () => {
  it('a JSON body is re-indented by four and coloured; numbers are kept as the server wrote them', async () => {
    const { screen, exitCode } = await onTerminal(['-s', `${server.url}/json`]);
    expect(exitCode).toBe(0);
    expect(screen).toContain(`${ESC}1;34m"name"${ESC}0m: ${ESC}32m"qurl"${ESC}0m`);
    expect(screen).toContain(`${ESC}36m12345678901234567890${ESC}0m`);
    expect(uncoloured(screen)).toBe(INDENTED);
  });

  it('NO_COLOR: re-indented, no colour; --pretty none: the bytes as they came', async () => {
    expect((await onTerminal(['-s', `${server.url}/json`], { NO_COLOR: '1' })).screen).toBe(INDENTED);
    expect((await onTerminal(['-s', '--pretty', 'none', `${server.url}/json`])).screen).toBe(JSON_BODY);
  });

  it('+json types are JSON; text/plain and a body that does not parse are shown as they came', async () => {
    expect(uncoloured((await onTerminal(['-s', `${server.url}/problem`])).screen)).toBe('{\n    "title": "x"\n}\n');
    expect((await onTerminal(['-s', `${server.url}/text`])).screen).toBe(JSON_BODY);
    expect((await onTerminal(['-s', `${server.url}/broken`])).screen).toBe('{"a": 1,');
  });

  it('-i: the status line and header names coloured, the status by its class', async () => {
    const { screen } = await onTerminal(['-si', `${server.url}/missing`]);
    expect(screen.startsWith(`${ESC}36mHTTP/1.1${ESC}0m ${ESC}1;31m404 Not Found${ESC}0m\r\n`)).toBe(true);
    expect(screen).toContain(`${ESC}36mTransfer-Encoding${ESC}0m: chunked`);
  });

  it('a binary body is refused with curl\'s warning and exit 23, unless -o - says to write it', async () => {
    const refused = await onTerminal(['-sS', `${server.url}/binary`]);
    expect(refused.exitCode).toBe(23);
    expect(refused.screen).toContain('qurl: (23) Binary output can mess up your terminal. Use "--output -" to tell qurl to output it to your terminal anyway, or consider "--output <FILE>" to save to a file.');
    const forced = await onTerminal(['-s', '-o', '-', `${server.url}/binary`]);
    expect(forced.exitCode).toBe(0);
    expect(forced.screen.startsWith('PNG')).toBe(true);
  });

  it('--style mono: bold keys, no hues', async () => {
    const { screen } = await onTerminal(['-s', '--style', 'mono', `${server.url}/json`]);
    expect(screen).toContain(`${ESC}1m"name"${ESC}0m: "qurl"`);
  });
});

describe('on a pipe or a file', () => {
  it('the bytes as they came, binary included', async () => {
    expect((await qurl(['-s', `${server.url}/json`])).stdout).toBe(JSON_BODY);
    expect(Buffer.compare((await qurlBuffer([`${server.url}/binary`])).stdout, BINARY)).toBe(0);
  });

  it('--pretty format re-indents, --pretty colors colours in the body\'s own layout', async () => {
    expect((await qurl(['-s', '--pretty', 'format', `${server.url}/json`])).stdout).toBe(INDENTED);
    const coloured = (await qurl(['-s', '--pretty', 'colors', `${server.url}/json`])).stdout;
    expect(coloured).toContain(`${ESC}1;34m"name"${ESC}0m:${ESC}32m"qurl"${ESC}0m`);
    expect(uncoloured(coloured)).toBe(`${JSON_BODY}\n`);
  });

  it('a bad --pretty or --style is a usage error', async () => {
    const r = await qurl(['--pretty', 'loud', `${server.url}/json`]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe('qurl: (2) --pretty: expected all, colors, format or none, got "loud"\n');
    expect((await qurl(['--style', 'neon', `${server.url}/json`])).stderr).toBe('qurl: (2) --style: expected default, bright, mono, got "neon"\n');
  });
});
