// The default config file: curl's .curlrc search order with qurl's names, and -q/--disable as the first argument.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfigCandidates, findDefaultConfig, skipsDefaultConfig } from '../../../src/cli/default-config.js';

describe('default config file', () => {
  it("looks where curl looks for .curlrc, in curl's order", () => {
    expect(defaultConfigCandidates({ QURL_HOME: '/q', XDG_CONFIG_HOME: '/x', HOME: '/h' })).toEqual(['/q/.qurlrc', '/x/.qurlrc', '/x/qurlrc', '/h/.qurlrc']);
    expect(defaultConfigCandidates({ QURL_HOME: '/q', HOME: '/h' })).toEqual(['/q/.qurlrc', '/h/.qurlrc', '/q/.config/qurlrc', '/h/.config/qurlrc']);
    // An empty XDG_CONFIG_HOME is skipped, and (as in curl) still turns the ~/.config guesses off.
    expect(defaultConfigCandidates({ XDG_CONFIG_HOME: '', HOME: '/h' })).toEqual(['/h/.qurlrc']);
  });

  it('takes the first that is a file', () => {
    const home = mkdtempSync(join(tmpdir(), 'qurl-rc-'));
    expect(findDefaultConfig({ HOME: home })).toBeUndefined();
    mkdirSync(join(home, '.config'));
    writeFileSync(join(home, '.config', 'qurlrc'), 'silent\n');
    expect(findDefaultConfig({ HOME: home })).toBe(join(home, '.config', 'qurlrc'));
    writeFileSync(join(home, '.qurlrc'), 'silent\n');
    expect(findDefaultConfig({ HOME: home })).toBe(join(home, '.qurlrc'));
    expect(findDefaultConfig({ HOME: home, XDG_CONFIG_HOME: join(home, '.config') })).toBe(join(home, '.config', 'qurlrc'));
  });

  it.each<[string[], boolean]>([
    [['-q', 'u'], true],
    [['-qs', 'u'], true],
    [['--disable', 'u'], true],
    [['--DISABLE', 'u'], true],
    [['-s', '-q', 'u'], false],
    [['--disa', 'u'], false],
    [[], false],
  ])('%j skips it: %s', (argv, skips) => {
    expect(skipsDefaultConfig(argv)).toBe(skips);
  });
});
