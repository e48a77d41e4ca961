// .netrc as curl reads it: machine and default entries, macdef skipped, quoted tokens, comments.
import { describe, expect, it } from 'vitest';
import { netrcLookup, parseNetrc } from '../../../src/engine/auth/netrc.js';

const NETRC = [
  '# my hosts',
  'machine api.example.com login alice password s3cret',
  'machine other.example',
  '  login bob',
  '  password "with space \\"quoted\\""',
  'macdef init',
  'machine evil.example login mallory password inside-macro',
  '',
  'machine api.example.com login carol password second',
  'default login anon password guest',
].join('\n');

describe('.netrc', () => {
  const entries = parseNetrc(NETRC);

  it('finds a machine\'s login and password, on one line or several, quoted or not', () => {
    expect(netrcLookup(entries, 'api.example.com')).toEqual({ login: 'alice', password: 's3cret' });
    expect(netrcLookup(entries, 'OTHER.example')).toEqual({ login: 'bob', password: 'with space "quoted"' });
  });

  it('takes the entry whose login matches the user the URL names', () => {
    expect(netrcLookup(entries, 'api.example.com', 'carol')).toEqual({ login: 'carol', password: 'second' });
  });

  it('skips a macdef body up to its blank line, and falls back to default', () => {
    expect(netrcLookup(entries, 'evil.example')).toEqual({ login: 'anon', password: 'guest' });
    expect(netrcLookup(parseNetrc('machine a login x password y'), 'b')).toBeUndefined();
  });
});
