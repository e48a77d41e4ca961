// argv → RequestSpec, table-driven.
import { describe, expect, it } from 'vitest';
import { configLineToArgs } from '../../../src/cli/config-file.js';
import { expandArgv } from '../../../src/cli/expand-argv.js';
import { parseArgv } from '../../../src/cli/parse-argv.js';
import { toRequestSpec } from '../../../src/cli/to-request-spec.js';
import type { RequestSpec } from '../../../src/engine/index.js';
import { isQurlError } from '../../../src/errors/index.js';

const spec = (...argv: string[]): RequestSpec => toRequestSpec(parseArgv([...expandArgv(argv).argv]));

function failure(...argv: string[]): { code: number; message: string } {
  try {
    spec(...argv);
  } catch (err) {
    if (isQurlError(err)) return { code: err.exitCode, message: err.message };
    throw err;
  }
  throw new Error('expected a failure');
}

describe('argv → RequestSpec', () => {
  it.each<[string[], Partial<RequestSpec>]>([
    [['-sSfL', 'u'], { silent: true, showError: true, fail: 'fail', location: true }],
    [['--fail-with-body', 'u'], { fail: 'with-body' }],
    [['-vv', 'u'], { verbose: 2 }],
    [['-m', '2.5', '--connect-timeout', '1', 'u'], { maxTime: 2.5, connectTimeout: 1 }],
    [['-k', '--cacert', 'ca.pem', '--capath', 'd', '-E', 'c.pem', '--key', 'k.pem', 'u'], { insecure: true, cacert: 'ca.pem', capath: 'd', cert: 'c.pem', key: 'k.pem' }],
    [['-4', 'u'], { ipVersion: 4 }],
    [['-6', 'u'], { ipVersion: 6 }],
    [['--http1.0', 'u'], { httpVersion: '1.0' }],
    [['-0', 'u'], { httpVersion: '1.0' }],
    [['--max-redirs', '-1', 'u'], { maxRedirs: -1 }],
    [['u'], { maxRedirs: 50, httpVersion: '2', fail: 'none', verbose: 0 }],
    [['--http2-prior-knowledge', 'u'], { httpVersion: '2-prior-knowledge' }],
    [['--http1.1', '--http2', 'u'], { httpVersion: '2' }],
    [['--http2', '--http1.1', 'u'], { httpVersion: '1.1' }],
    [['-X', 'PATCH', 'u'], { method: 'PATCH' }],
    [['-e', 'http://r/;auto', 'u'], { referer: 'http://r/' }],
    [['--trace-ascii', 'f', '--trace-time', 'u'], { traceFile: 'f', traceAscii: true, traceTime: true }],
    [['-i', '-D', 'h.txt', '--compressed', '-N', '--path-as-is', '--timing', 'u'], { includeHeaders: true, dumpHeader: 'h.txt', compressed: true, noBuffer: true, pathAsIs: true, timing: true }],
  ])('%j', (argv, expected) => {
    expect(spec(...argv)).toMatchObject(expected);
  });

  it('pairs -o and -O with URLs in order', () => {
    expect(spec('a', '-o', 'x', 'b', '-O', 'c').urls).toEqual([{ url: 'a', urlNum: 0, output: 'x' }, { url: 'b', urlNum: 1, remoteName: true }, { url: 'c', urlNum: 2 }]);
  });

  it('parses -H forms', () => {
    expect(spec('-H', 'A: 1', '-H', 'B:', '-H', 'C;', 'u').headers).toEqual([
      { name: 'A', value: '1', mode: 'set' },
      { name: 'B', value: '', mode: 'remove' },
      { name: 'C', value: '', mode: 'empty' },
    ]);
  });

  it('keeps the password secret when printed', () => {
    const s = spec('-u', 'me:pw', 'u');
    expect(String(s.user)).toBe('(redacted)');
    expect(JSON.stringify(s)).not.toContain('pw');
    expect(s.user?.reveal()).toBe('me:pw');
  });

  it.each<[string[], number, RegExp]>([
    [['--nope', 'u'], 2, /--nope: is unknown/],
    [['-H'], 2, /^option --header: requires parameter \(try 'qurl --help'\)$/],
    [['-m', 'soon', 'u'], 2, /^option --max-time: expected a number, got "soon" \(try 'qurl --help'\)$/],
    [[], 2, /no URL specified/],
    [['-I', '-d', 'x', 'u'], 2, /one HTTP request method/],
    [['-F', 'a=b', '-d', 'x', 'u'], 2, /one HTTP request method/],
    [['-4', '-6', 'u'], 2, /-4 and -6/],
    [['-m', 'soon', 'u'], 2, /expected a number/],
    [['-m', '0', 'u'], 2, /positive number/],
    [['--resolve', 'bad', 'u'], 2, /HOST:PORT:ADDRESS/],
    [['--connect-to', 'x', 'u'], 2, /HOST1:PORT1:HOST2:PORT2/],
    [['-H', 'no colon', 'u'], 2, /not "Name: value"/],
    [['-X', 'GE T', 'u'], 2, /not a valid method/],
    [['-F', 'novalue', 'u'], 2, /NAME=CONTENT/],
    [['-K', '/nonexistent/qurlrc'], 26, /cannot read config file/],
  ])('%j fails with exit %i', (argv, code, message) => {
    const f = failure(...argv);
    expect(f.code).toBe(code);
    expect(f.message).toMatch(message);
  });
});

describe('config file lines', () => {
  it.each<[string, string[]]>([
    ['# comment', []],
    ['', []],
    ['silent', ['--silent']],
    ['--silent', ['--silent']],
    ['-s', ['-s']],
    ['url = "http://x/a b"', ['--url', 'http://x/a b']],
    ['header: "X-A: \\"q\\"\\t1"', ['--header', 'X-A: "q"\t1']],
    ['-H "X-B: 2"', ['-H', 'X-B: 2']],
    ['max-time 3', ['--max-time', '3']],
    ['user-agent=plain', ['--user-agent', 'plain']],
    ['   # indented comment', []],
    ['/ C-style comment, as curl', []],
    ['* another', []],
    ['url = :http://x/sep', ['--url', 'http://x/sep']],
    ['url:http://x/colon', ['--url', 'http://x/colon']],
    ['url == "=starts"', ['--url', '=starts']],
    ['url "h/q\\x\\"y" rest', ['--url', 'h/qx"y']],
    ['url "h/open quote', ['--url', 'h/open quote']],
    ['url h/crlf\r', ['--url', 'h/crlf']],
    ['heade "X: y"', ['--header', 'X: y']],
    ['--heade "X: y"', ['--header', 'X: y']],
    ['expand-url "h/{{x}}"', ['--expand-url', 'h/{{x}}']],
    ['variable a=b', ['--variable', 'a=b']],
    ['-o f', ['-o', 'f']],
    ['-sSo f', ['-sSo', 'f']],
    ['-ofile', ['-ofile']],
    ['help', ['--help']],
  ])('%j', (line, args) => {
    expect(configLineToArgs(line)).toEqual(args);
  });

  it.each<[string, string]>([
    ['bogus 1', "f:3: 'bogus' is unknown"],
    ['hea 1', "f:3: 'hea' is ambiguous"],
    ['url', "f:3: 'url' requires parameter"],
    ['-o', "f:3: '-o' requires parameter"],
    ['-W', "f:3: '-W' is unknown"],
    ['--url=h/x', "f:3: '--url=h/x' is unknown"],
    ['verbose yes', "f:3: 'verbose' had unsupported trailing garbage"],
    ['url h/a more', "f:3: 'url' uses unquoted whitespace in the line that may cause side-effects!"],
  ])('%j warns as curl does: %s', (line, warning) => {
    const warnings: string[] = [];
    configLineToArgs(line, 'f', 3, (w) => warnings.push(w));
    expect(warnings).toEqual([warning]);
  });
});

describe('abbreviated and mistyped long options (as curl takes them)', () => {
  it('an unambiguous prefix is the option, with its value inline or in the next word', () => {
    const s = spec('--heade', 'X-A: 1', '--user-ag=probe', '--location-t', '--max-redi', '3', 'http://h/');
    expect(s.headers).toEqual([expect.objectContaining({ name: 'X-A', value: '1' })]);
    expect([s.userAgent, s.location, s.locationTrusted, s.maxRedirs]).toEqual(['probe', true, true, 3]);
  });

  it('values are never expanded: -d --heade sends "--heade"; -Hx takes its value in the word', () => {
    expect(spec('-d', '--heade', 'http://h/').data).toEqual([expect.objectContaining({ value: '--heade' })]);
    expect(spec('-sd', '--verb', 'http://h/').data).toEqual([expect.objectContaining({ value: '--verb' })]);
    expect(spec('--data', '--location-t', 'http://h/').location).toBe(false);
  });

  it('an ambiguous prefix names what it could be; a typo gets "did you mean"', () => {
    expect(failure('--http', 'http://h/')).toEqual({ code: 2, message: "option --http: is ambiguous (--http0.9, --http1.0, --http1.1, --http2, --http2-prior-knowledge, --http3, --http3-only) (try 'qurl --help')" });
    expect(failure('--locaton', 'http://h/')).toEqual({ code: 2, message: "option --locaton: is unknown; did you mean --location? (try 'qurl --help')" });
    expect(failure('--insecur3', 'http://h/').message).toBe("option --insecur3: is unknown; did you mean --insecure? (try 'qurl --help')");
    expect(failure('--zzzzzz', 'http://h/').message).toBe("option --zzzzzz: is unknown (try 'qurl --help')");
  });
});
