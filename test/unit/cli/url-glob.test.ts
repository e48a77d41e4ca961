// URL globbing: curl's expansions, order, #N names and its error words and columns (checked against curl 7.88.1).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globOutputName, parseUrlGlob } from '../../../src/cli/url-glob.js';
import { urlJobs } from '../../../src/cli/url-jobs.js';
import { isQurlError } from '../../../src/errors/index.js';

const texts = (pattern: string): string[] => parseUrlGlob(pattern).expand().map((e) => e.text);

function globError(pattern: string): { code: number; message: string } {
  try {
    parseUrlGlob(pattern);
  } catch (err) {
    if (isQurlError(err)) return { code: err.exitCode, message: err.message };
    throw err;
  }
  throw new Error(`${pattern} parsed`);
}

const H = 'http://127.0.0.1:18765/';

describe('URL globs', () => {
  it.each<[string, string[]]>([
    ['h/[1-3]', ['h/1', 'h/2', 'h/3']],
    ['h/[001-003]', ['h/001', 'h/002', 'h/003']],
    ['h/[01-3]', ['h/01', 'h/02', 'h/03']],
    ['h/[1-03]', ['h/1', 'h/2', 'h/3']],
    ['h/[9-10]', ['h/9', 'h/10']],
    ['h/[1-10:3]', ['h/1', 'h/4', 'h/7', 'h/10']],
    ['h/[1- 3]', ['h/1', 'h/2', 'h/3']],
    ['h/[1-1]', ['h/1']],
    ['h/[a-c]', ['h/a', 'h/b', 'h/c']],
    ['h/[a-e:2]', ['h/a', 'h/c', 'h/e']],
    ['h/[A-C]', ['h/A', 'h/B', 'h/C']],
    ['h/{a,b,c}', ['h/a', 'h/b', 'h/c']],
    ['h/{a}', ['h/a']],
    ['h/{a,}', ['h/a', 'h/']],
    ['h/{,a}', ['h/', 'h/a']],
    ['h/{a\\,b,c}', ['h/a,b', 'h/c']],
    ['h/{a\\}b,c}', ['h/a}b', 'h/c']],
    ['h/[1-2]/{a,b}', ['h/1/a', 'h/1/b', 'h/2/a', 'h/2/b']],
    ['h/x\\[1\\]', ['h/x[1]']],
    ['h/a\\b', ['h/a\\b']],
    ['h/[]', ['h/[]']],
    ['http://[::1]:80/[1-2]', ['http://[::1]:80/1', 'http://[::1]:80/2']],
    ['http://[fe80::1%25eth0]/', ['http://[fe80::1%25eth0]/']],
    ['h/[1-2]/[::1]', ['h/1/[::1]', 'h/2/[::1]']],
    ['plain', ['plain']],
  ])('%s', (pattern, expected) => {
    expect(texts(pattern)).toEqual(expected);
  });

  it.each<[string, string]>([
    [`${H}[1-`, 'bad range in URL position 27'],
    [`${H}[a-5]`, 'bad range in URL position 29'],
    [`${H}{a,b`, 'unmatched brace in URL position 24'],
    [`${H}[5-1]`, 'bad range in URL position 29'],
    [`${H}[1-3:0]`, 'bad range in URL position 31'],
    [`${H}a]`, 'unmatched close brace/bracket in URL position 25'],
    [`${H}{a,{b}}`, 'nested brace in URL position 27'],
    [`${H}{a,[1-2]}`, 'nested brace in URL position 27'],
    [`${H}[1-3]{a`, 'unmatched brace in URL position 29'],
    [`${H}{a,b}{c`, 'unmatched brace in URL position 28'],
    [`${H}[1-3]x{`, 'unmatched brace in URL position 30'],
    [`${H}{}`, 'empty string within braces in URL position 25'],
    [`${H}[1-2]/{}`, 'empty string within braces in URL position 31'],
    [`${H}[1-2:-1]`, 'bad range in URL position 32'],
    [`${H}[1-1:2]`, 'bad range in URL position 31'],
    [`${H}[A-z]`, 'bad range in URL position 29'],
    [`${H}[a-c:30]`, 'bad range in URL position 32'],
    [`${H}\\{a\\}[1-x]`, 'bad range in URL position 32'],
    [`${H}{a]b}`, 'unexpected close bracket in URL position 26'],
    [`${H}[1-2`, 'bad range in URL position 27'],
    [`${H}[ 1-3]`, 'bad range specification in URL position 25'],
    [`${H}[-1-3]`, 'bad range specification in URL position 25'],
    [`${H}[1-3]]`, 'unmatched close brace/bracket in URL position 29'],
    [`${H}[a-cd]x`, 'bad range in URL position 25'],
    [`${H}\\[1-2]`, 'unmatched close brace/bracket in URL position 29'],
    [`${H}[1-2\\]`, 'bad range in URL position 27'],
    [`${H}[12]`, 'bad range in URL position 25'],
    [`${H}[a]`, 'bad range in URL position 25'],
    [`${H}x[`, 'bad range specification in URL position 26'],
    [`${H}{`, 'unmatched brace in URL position 24'],
    [`${H}[18446744073709551615-18446744073709551616]`, 'bad range in URL position 46'],
  ])('%s is curl exit 3: %s', (pattern, words) => {
    expect(globError(pattern)).toEqual({ code: 3, message: `${words}: ${pattern}` });
  });

  it('refuses more than 100 parts, as curl', () => {
    expect(globError('{a}'.repeat(100)).message).toMatch(/^too many globs in URL position/);
  });

  it('counts without expanding', () => {
    expect(parseUrlGlob('h/[1-100000]/[1-100000]').count).toBe(10_000_000_000n);
  });
});

describe('#N in -o names', () => {
  it.each<[string, string[], string]>([
    ['out_#1_#2.txt', ['1', 'a'], 'out_1_a.txt'],
    ['#2#1', ['x', 'y'], 'yx'],
    ['#0_#3', ['x', 'y'], '#0_#3'],
    ['#01', ['x'], 'x'],
    ['#1', [], '#1'],
    ['#10', ['x'], '#10'],
  ])('%s with %j is %s', (template, matched, name) => {
    expect(globOutputName(template, matched)).toBe(name);
  });
});

describe('URL jobs', () => {
  const opts = { globoff: false, remoteNameAll: false };
  it('pairs -o with the URL argument and names each globbed file', () => {
    expect(urlJobs(['h/[1-2]', 'h/x'], [{ kind: 'file', path: 'f#1' }, { kind: 'remote' }], [], opts)).toEqual([
      { url: 'h/1', urlNum: 0, output: 'f1' },
      { url: 'h/2', urlNum: 0, output: 'f2' },
      { url: 'h/x', urlNum: 1, remoteName: true },
    ]);
  });

  it('--remote-name-all gives -O to URLs without their own -o; --no-remote-name takes one back', () => {
    expect(urlJobs(['a', 'b', 'c'], [{ kind: 'file', path: 'f' }, { kind: 'none' }], [], { globoff: false, remoteNameAll: true })).toEqual([
      { url: 'a', urlNum: 0, output: 'f' },
      { url: 'b', urlNum: 1 },
      { url: 'c', urlNum: 2, remoteName: true },
    ]);
  });

  it('globs -T names too: every file with every URL, files outermost', () => {
    expect(urlJobs(['h/[1-2]/'], [], ['{a,b}'], opts).map((j) => `${j.upload} ${j.url}`)).toEqual(['a h/1/', 'a h/2/', 'b h/1/', 'b h/2/']);
  });

  it('-g sends brackets and braces as given, and #1 stays', () => {
    expect(urlJobs(['h/[1-2]{a}'], [{ kind: 'file', path: 'f#1' }], ['{x}'], { globoff: true, remoteNameAll: false })).toEqual([{ url: 'h/[1-2]{a}', urlNum: 0, output: 'f#1', upload: '{x}' }]);
  });

  it('refuses a run of more than a million URLs before the first transfer', () => {
    expect(() => urlJobs(['h/[1-1000]/[1-1001]'], [], [], opts)).toThrow(/expands to 1001000 URLs/);
  });
});

describe('glob properties', () => {
  const item = fc.stringMatching(/^[a-z0-9.]{0,4}$/);
  const glob = fc.oneof(
    fc.array(item, { minLength: 1, maxLength: 4 }).filter((xs) => xs.length > 1 || xs[0] !== '').map((xs) => ({ text: `{${xs.join(',')}}`, size: xs.length })),
    fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 5 })).map(([a, b, step]) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const s = lo === hi ? 1 : Math.min(step, hi - lo);
      return { text: `[${lo}-${hi}${s === 1 ? '' : `:${s}`}]`, size: Math.floor((hi - lo) / s) + 1 };
    }),
    fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 25 })).map(([a, b]) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      return { text: `[${String.fromCharCode(97 + lo)}-${String.fromCharCode(97 + hi)}]`, size: hi - lo + 1 };
    }),
  );
  const literal = fc.stringMatching(/^[a-z0-9/._-]{0,5}$/);
  const pattern = fc.array(fc.tuple(literal, glob), { maxLength: 3 }).map((pairs) => ({
    text: `http://h/${pairs.map(([l, g]) => l + g.text).join('')}`,
    size: pairs.reduce((n, [, g]) => n * g.size, 1),
    globs: pairs.length,
  }));

  it('the count is the product of the glob sizes, every output is plain, and each has one match per glob', () => {
    fc.assert(
      fc.property(pattern, (p) => {
        const g = parseUrlGlob(p.text);
        const out = g.expand();
        expect(g.count).toBe(BigInt(p.size));
        expect(out).toHaveLength(p.size);
        for (const e of out) {
          expect(e.text).not.toMatch(/[[\]{}]/);
          expect(e.matched).toHaveLength(p.globs);
          expect(e.text.startsWith('http://h/')).toBe(true);
        }
      }),
    );
  });

  it('a pattern without glob characters is itself', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[^[\]{}\\]{0,40}$/), (s) => {
        expect(texts(s)).toEqual([s]);
      }),
    );
  });

  it('text with every bracket and brace escaped globs to itself', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        expect(texts(s.replace(/[[\]{}]/g, (c) => `\\${c}`))).toEqual([s]);
      }),
    );
  });
});
