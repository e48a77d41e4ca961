// --variable and --expand-OPTION as curl 8.3+ documents them (curl 7.88 here has neither).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandArgv } from '../../../src/cli/expand-argv.js';
import { expandVariables, setVariable, type Variables } from '../../../src/cli/variables.js';
import { isQurlError } from '../../../src/errors/index.js';

const dir = mkdtempSync(join(tmpdir(), 'qurl-vars-'));
const file = join(dir, 'v.txt');
writeFileSync(file, '  from a file\n');

function vars(...inputs: string[]): { vars: Variables; warnings: string[] } {
  const v: Variables = new Map();
  const warnings: string[] = [];
  for (const i of inputs) setVariable(i, v, { HOME_DIR: '/home/me', EMPTY: '' }, (w) => warnings.push(w));
  return { vars: v, warnings };
}

const expand = (text: string, ...inputs: string[]): string => expandVariables(text, vars(...inputs).vars, () => {});

function failure(run: () => unknown): { code: number; message: string } {
  try {
    run();
  } catch (err) {
    if (isQurlError(err)) return { code: err.exitCode, message: err.message };
    throw err;
  }
  throw new Error('expected a failure');
}

describe('--variable', () => {
  it('sets from text, a file, the environment (with or without a default)', () => {
    const { vars: v } = vars('a=one=two', `f@${file}`, '%HOME_DIR', '%MISSING=fallback', '%HOME_DIR=ignored', '%EMPTY=default', 'a=again');
    expect(Object.fromEntries([...v].map(([k, b]) => [k, b.toString()]))).toEqual({ a: 'again', f: '  from a file\n', HOME_DIR: '/home/me', MISSING: 'fallback', EMPTY: '' });
  });

  it('warns and skips a bad name or bad syntax, as curl', () => {
    expect(vars('=x', 'bad-name=1', 'nosep').warnings).toEqual(['Bad variable name length (0), skipping', 'Bad --variable syntax, skipping: bad-name=1', 'Bad --variable syntax, skipping: nosep']);
  });

  it('an import of an unset variable without a default is exit 2; an unreadable file 26', () => {
    expect(failure(() => vars('%NOPE'))).toEqual({ code: 2, message: "Variable 'NOPE' import fail, not set" });
    expect(failure(() => vars('x@/nonexistent/file'))).toEqual({ code: 26, message: '--variable: failed to open /nonexistent/file: No such file or directory' });
  });
});

describe('{{expansion}}', () => {
  it.each<[string, string[], string]>([
    ['{{a}}', ['a=x y'], 'x y'],
    ['pre-{{a}}-{{a}}-post', ['a=1'], 'pre-1-1-post'],
    ['{{unset}}|', [], '|'],
    ['{{a:trim}}', ['a= \t x \r\n'], 'x'],
    ['{{a:json}}', ['a=say "hi"\\\n\t\u0001'], 'say \\"hi\\"\\\\\\n\\t\\u0001'],
    ['{{a:url}}', ['a=a b&c/é~'], 'a%20b%26c%2F%C3%A9~'],
    ['{{a:b64}}', ['a=hello'], 'aGVsbG8='],
    ['{{a:64dec}}', ['a=aGVsbG8='], 'hello'],
    ['{{a:64dec}}', ['a=not base64!'], '[64dec-fail]'],
    ['{{a:trim:url}}', ['a=  x y \n'], 'x%20y'],
    ['{{a:trim:json}}', ['a= "q" '], '\\"q\\"'],
    ['{{unset:url}}', [], ''],
    ['\\{{a}} {{a}}', ['a=v'], '{{a}} v'],
    ['only \\{{a}}', ['a=v'], 'only \\{{a}}'],
    ['{{a', ['a=v'], '{{a'],
    ['{{a}} {{b', ['a=v'], 'v {{b'],
    ['{{bad-name}} {{a}}', ['a=v'], '{{bad-name}} v'],
    ['{{}}', [], '{{}}'],
  ])('%s with %j is %s', (text, inputs, out) => {
    expect(expand(text, ...inputs)).toBe(out);
  });

  it('an unknown function is exit 2, as is a null byte in what would be inserted', () => {
    expect(failure(() => expand('{{a:trim:bogus}}', 'a=x'))).toEqual({ code: 2, message: "unknown variable function in ':trim:bogus'" });
    expect(failure(() => expand('{{a:64dec}}', 'a=AA=='))).toEqual({ code: 2, message: 'variable contains null byte' });
  });

  it('warns about a missing }} and a bad name', () => {
    const warnings: string[] = [];
    expandVariables('{{bad-name}} {{x', new Map(), (w) => warnings.push(w));
    expect(warnings).toEqual(['bad variable name: bad-name', "missing close '}}' in '{{bad-name}} {{x'"]);
  });
});

describe('argv preprocessing', () => {
  it('expands --expand-OPTION arguments with the variables set so far, in order, and drops --variable', () => {
    expect(expandArgv(['--expand-url', 'h/{{p}}', '--variable', 'p=one', '--expand-header', 'X: {{p}}', '--variable=p=two', '--expand-data={{p}}', '-d', '{{p}}']).argv).toEqual([
      '--url',
      'h/',
      '--header',
      'X: one',
      '--data',
      'two',
      '-d',
      '{{p}}',
    ]);
  });

  it('takes abbreviations after --expand- and for --variable, and --expand-variable', () => {
    expect(expandArgv(['--var', 'a=1', '--expand-var', 'b={{a}}2', '--expand-heade', 'X: {{b}}', '--expand-location', 'u']).argv).toEqual(['--header', 'X: 12', '--location', 'u']);
  });

  it('leaves option values alone: -d --variable stays data', () => {
    expect(expandArgv(['-d', '--variable', '-sd', '--expand-url', 'u']).argv).toEqual(['-d', '--variable', '-sd', '--expand-url', 'u']);
  });

  it('--expand-config names the file with a variable, and config files set and use variables', () => {
    const conf = join(dir, 'vars.conf');
    writeFileSync(conf, 'variable = "host=h.example"\nexpand-url = "http://{{host}}/{{path:url}}"\n');
    expect(expandArgv(['--variable', `d=${dir}`, '--variable', 'path=a b', '--expand-config', '{{d}}/vars.conf']).argv).toEqual(['--url', 'http://h.example/a%20b']);
  });
});
