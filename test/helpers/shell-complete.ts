// Runs a completion script through its own shell, as a person's TAB would: bash by its completion function,
// fish by `complete -C`, zsh interactively under zpty (its completion system needs a terminal).
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

/** What bash offers for the words so far (the last one being completed), run in `home` (known_hosts, files). */
export async function bashComplete(script: string, words: readonly string[], home = mkdtempSync(join(tmpdir(), 'qurl-bash-'))): Promise<string[]> {
  const run = `source ${script}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _qurl; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = await execa('bash', ['--norc', '-c', run], { env: { HOME: home, PATH: process.env.PATH ?? '' }, cwd: home });
  return r.stdout.split('\n').filter(Boolean);
}

/** What fish offers for the command line so far. */
export async function fishComplete(script: string, line: string): Promise<string[]> {
  const r = await execa('fish', ['--no-config', '-c', `source ${script}; complete -C${JSON.stringify(line)}`]);
  return r.stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]!);
}

/** Types `line` and two TABs into an interactive zsh with `script` as _qurl; the screen once `until` shows on it. */
export async function zshComplete(script: string, line: string, until: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'qurl-zsh-'));
  copyFileSync(script, join(dir, '_qurl'));
  const driver = [
    'zmodload zsh/zpty',
    'zpty z zsh -f -i',
    `zpty -w z "PROMPT='> '; fpath=(${dir} \\$fpath); autoload -Uz compinit; compinit -u -D; LISTMAX=1000; echo RE''ADY"`,
    "zpty -r z line '*READY*'",
    `zpty -w -n z $'${line}\\t\\t'`,
    `zpty -r z out '*${until}*'`,
    'print -r -- "$out"',
    'zpty -d z',
  ].join('\n');
  writeFileSync(join(dir, 'driver.zsh'), driver);
  const r = await execa('zsh', ['-f', join(dir, 'driver.zsh')], { timeout: 15_000, env: { HOME: dir, PATH: process.env.PATH ?? '', TERM: 'dumb' } });
  return r.stdout.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, '').replace(/\r/g, '\n');
}
