// The man page and the completion scripts are generated from the option tables: the committed files must be
// what the tables give now, must name every option, must render (groff -ww) and must complete in their shells.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { completionScript, manPage, SHELLS, type Shell } from '../../../src/cli/docs/index.js';
import { EXIT_STATUS } from '../../../src/cli/docs/exit-status.js';
import { BENCH_OPTIONS, SERVE_OPTIONS } from '../../../src/cli/command-options.js';
import { GRPC_OPTIONS } from '../../../src/cli/grpc-option-table.js';
import { OPTIONS } from '../../../src/cli/option-table.js';
import { EXIT_CODES } from '../../../src/errors/index.js';
import { needs, onPath } from '../../helpers/needs.js';
import { bashComplete, fishComplete, zshComplete } from '../../helpers/shell-complete.js';

const root = resolve(import.meta.dirname, '../../..');
const FILES: Record<Shell, string> = { bash: 'completions/qurl.bash', zsh: 'completions/_qurl', fish: 'completions/qurl.fish' };
const read = (file: string): string => readFileSync(join(root, file), 'utf8');

const mainNames = OPTIONS.flatMap((o) => [`--${o.long}`, ...('short' in o ? [`-${o.short}`] : [])]);
const grpcNames = GRPC_OPTIONS.map((o) => `-${o.name}`);
const commandNames = [...BENCH_OPTIONS, ...SERVE_OPTIONS].map((o) => `--${o.long}`);

describe('generated files', () => {
  it('man/qurl.1 and completions/ are what the option tables give (run npm run docs after changing them)', () => {
    expect(read('man/qurl.1')).toBe(manPage());
    for (const shell of SHELLS) expect(read(FILES[shell])).toBe(completionScript(shell));
  });

  it('the man page names every option of every command, with roff\'s escaped hyphens', () => {
    const page = manPage();
    for (const name of [...mainNames, ...grpcNames, ...commandNames]) expect(page).toContain(`\\fB${name.replace(/-/g, '\\-')}\\fR`);
  });

  it('every completion script offers every option', () => {
    for (const shell of SHELLS) {
      const script = completionScript(shell);
      // fish spells options as -s X / -l name / -o name.
      const spelled = (name: string): string =>
        shell !== 'fish' ? name : /^--/.test(name) ? `-l ${name.slice(2)}` : name.length === 2 ? `-s ${name.slice(1)}` : `-o ${name.slice(1)}`;
      for (const name of [...mainNames, ...grpcNames, ...commandNames]) expect(script, `${shell}: ${name}`).toContain(spelled(name));
    }
  });

  it('the man page explains every exit code qurl can give', () => {
    for (const code of new Set(Object.values(EXIT_CODES))) expect(EXIT_STATUS[code], `exit ${code}`).toBeTruthy();
    expect(manPage()).toMatch(/^\.SH EXIT STATUS$/m);
  });
});

needs(onPath('groff'), 'groff (apt-get install -y groff-base)').it('renders under groff -ww without a warning', () => {
  const r = execFileSync('sh', ['-c', `groff -ww -man -Tutf8 ${join(root, 'man/qurl.1')} 2>&1 >/dev/null`], { encoding: 'utf8' });
  expect(r).toBe('');
});

const bash = (words: string[], home?: string): Promise<string[]> => bashComplete(join(root, FILES.bash), words, home);

describe('bash', () => {
  it('qurl --ht<TAB> offers --http3 and its kin; -X<TAB> the methods; --completions<TAB> the shells', async () => {
    expect(await bash(['qurl', '--ht'])).toEqual(expect.arrayContaining(['--http3', '--http3-only', '--http2', '--http1.1']));
    expect(await bash(['qurl', '-X', ''])).toEqual(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'CONNECT', 'TRACE']);
    expect(await bash(['qurl', '--completions', ''])).toEqual(['bash', 'zsh', 'fish']);
  });

  it('the commands and their own options: grpc -pla<TAB>, serve --h3<TAB>, bench -<TAB>, help <TAB>', async () => {
    expect(await bash(['qurl', 's'])).toEqual(['sse', 'serve']);
    expect(await bash(['qurl', 'grpc', '-pla'])).toEqual(['-plaintext']);
    expect(await bash(['qurl', 'serve', '--h3'])).toEqual(['--h3-goaway-after', '--h3-close-idle', '--h3-close-before-response']);
    expect(await bash(['qurl', 'bench', '--re'])).toEqual(expect.arrayContaining(['--requests', '--request']));
    expect(await bash(['qurl', 'help', ''])).toEqual(['grpc', 'sse', 'serve', 'bench']);
  });

  it('URLs from known_hosts; files for -o', async () => {
    const home = mkdtempSync(join(tmpdir(), 'qurl-bash-'));
    mkdirSync(join(home, '.ssh'));
    writeFileSync(join(home, '.ssh/known_hosts'), 'api.example.test,10.0.0.1 ssh-ed25519 AAAA\n[git.example.test]:2222 ssh-rsa AAAA\n|1|hashed= ssh-rsa AAAA\n');
    writeFileSync(join(home, 'out.bin'), '');
    expect(await bash(['qurl', ''], home)).toEqual(expect.arrayContaining(['api.example.test', 'git.example.test', '10.0.0.1', 'grpc']));
    expect(await bash(['qurl', '-o', 'ou'], home)).toEqual(['out.bin']);
  });
});

needs(onPath('fish'), 'fish (apt-get install -y fish)').describe('fish', () => {
  const complete = (line: string): Promise<string[]> => fishComplete(join(root, FILES.fish), line);
  it('qurl --ht<TAB> offers --http3; grpc -pla<TAB> -plaintext; -X <TAB> the methods', async () => {
    expect(await complete('qurl --ht')).toEqual(expect.arrayContaining(['--http3', '--http3-only']));
    expect(await complete('qurl grpc -pla')).toEqual(['-plaintext']);
    expect(await complete('qurl -X ')).toEqual(expect.arrayContaining(['GET', 'POST', 'DELETE']));
    expect(await complete('qurl serve --h3-close')).toEqual(['--h3-close-before-response', '--h3-close-idle']);
  });
});

needs(onPath('zsh'), 'zsh (apt-get install -y zsh)').describe('zsh', () => {
  const complete = (line: string, until: string): Promise<string> => zshComplete(join(root, FILES.zsh), line, until);
  it('qurl --ht<TAB><TAB> lists --http3 with its description', async () => {
    const screen = await complete('qurl --ht', 'http3-only');
    expect(screen).toMatch(/--http3 +-- try HTTP\/3/);
    expect(screen).toMatch(/--http3-only/);
  });
  it('qurl grpc -pla<TAB> completes -plaintext', async () => {
    expect(await complete('qurl grpc -pla', 'plaintext')).toMatch(/qurl grpc -plaintext/);
  });
});
