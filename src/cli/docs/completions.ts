// Shell completion scripts for bash, zsh and fish, generated from the option tables: `qurl --completions SHELL`
// prints one, and `npm run docs` writes them to completions/. An option's argument name says how it completes
// (a FILE, a DIR, a METHOD, a host, or words such as bash|zsh|fish).
import { BENCH_OPTIONS, SERVE_OPTIONS, type CommandOption } from '../command-options.js';
import { GRPC_OPTIONS, type GrpcOptionDef } from '../grpc-option-table.js';
import { HELP_CATEGORIES, HELP_TOPICS } from '../help-text.js';
import { OPTIONS, type OptionDef } from '../option-table.js';

export type Shell = 'bash' | 'zsh' | 'fish';
export const SHELLS: readonly Shell[] = ['bash', 'zsh', 'fish'];

const COMMANDS = [...HELP_TOPICS, 'help'];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'CONNECT', 'TRACE'];

type ArgCompletion = { readonly kind: 'none' | 'file' | 'dir' | 'host' | 'any' } | { readonly kind: 'words'; readonly words: readonly string[] };

function argCompletion(arg: string | undefined): ArgCompletion {
  if (arg === undefined) return { kind: 'none' };
  if (arg === '[CATEGORY]') return { kind: 'words', words: HELP_CATEGORIES };
  if (/FILE/.test(arg)) return { kind: 'file' };
  if (arg === 'DIR') return { kind: 'dir' };
  if (arg === 'METHOD') return { kind: 'words', words: METHODS };
  if (/^[a-z0-9.]+(\|[a-z0-9.]+)+$/.test(arg)) return { kind: 'words', words: arg.split('|') };
  if (/HOST|^H1:|^URL$/.test(arg)) return { kind: 'host' };
  return { kind: 'any' };
}

/** One option as the generators see it: every spelling, its argument, its help. */
interface Spec {
  readonly names: readonly string[];
  readonly arg: ArgCompletion;
  readonly help: string;
}

/** The main table's options and bench's and serve's: -x and --long. */
const dashedSpec = (o: CommandOption): Spec => ({ names: [...(o.short ? [`-${o.short}`] : []), `--${o.long}`], arg: argCompletion(o.arg), help: o.help });
const grpcSpec = (o: GrpcOptionDef): Spec => ({
  names: [`-${o.name}`, ...(o.aliases ?? []).map((a) => (a.length === 1 ? `-${a}` : `--${a}`))],
  arg: argCompletion(o.arg),
  help: o.help,
});

interface Tables {
  /** The plain command's options (qurl sse's own are not among them). */
  readonly main: readonly Spec[];
  readonly sse: readonly Spec[];
  readonly grpc: readonly Spec[];
  readonly bench: readonly Spec[];
  readonly serve: readonly Spec[];
}

function tables(): Tables {
  const options = OPTIONS as readonly OptionDef[];
  const main = options.filter((o) => o.group !== 'sse').map(dashedSpec);
  return {
    main,
    sse: options.map(dashedSpec),
    grpc: (GRPC_OPTIONS as readonly GrpcOptionDef[]).map(grpcSpec),
    bench: [...BENCH_OPTIONS.map(dashedSpec), ...main],
    serve: SERVE_OPTIONS.map(dashedSpec),
  };
}

// --- bash ---

function bashArgCases(specs: readonly Spec[]): string {
  const groups = new Map<string, string[]>();
  for (const s of specs) {
    const action =
      s.arg.kind === 'file' ? 'COMPREPLY=($(compgen -f -- "$cur"))'
      : s.arg.kind === 'dir' ? 'COMPREPLY=($(compgen -d -- "$cur"))'
      : s.arg.kind === 'host' ? 'COMPREPLY=($(compgen -W "$(_qurl_hosts)" -- "$cur"))'
      : s.arg.kind === 'words' ? `COMPREPLY=($(compgen -W "${s.arg.words.join(' ')}" -- "$cur"))`
      : s.arg.kind === 'any' ? ':'
      : null;
    if (action === null) continue;
    groups.set(action, [...(groups.get(action) ?? []), ...s.names]);
  }
  return [...groups].map(([action, names]) => `      ${names.join('|')}) ${action}; return ;;`).join('\n');
}

const bashWords = (specs: readonly Spec[]): string => specs.flatMap((s) => s.names).join(' ');

function bashScript(t: Tables): string {
  const block = (name: string, specs: readonly Spec[], positional: string): string =>
    [
      `    ${name})`,
      '      case $prev in',
      bashArgCases(specs),
      '      esac',
      `      if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "${bashWords(specs)}" -- "$cur")); return; fi`,
      `      ${positional}`,
      '      return ;;',
    ].join('\n');
  return `# bash completion for qurl. Generated from qurl's option tables: qurl --completions bash
# Install: copy to /usr/share/bash-completion/completions/qurl, or source it from ~/.bashrc.

_qurl_hosts() {
  local f
  for f in ~/.ssh/known_hosts /etc/ssh/ssh_known_hosts; do
    [[ -r $f ]] || continue
    awk '$1 !~ /^[|#@]/ { n = split($1, h, ","); for (i = 1; i <= n; i++) { sub(/^\\[/, "", h[i]); sub(/\\]:.*$/, "", h[i]); print h[i] } }' "$f"
  done
}

_qurl() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} sub=
  COMPREPLY=()
  if ((COMP_CWORD > 1)); then
    case \${COMP_WORDS[1]} in ${COMMANDS.join('|')}) sub=\${COMP_WORDS[1]} ;; esac
  fi
  case $sub in
    help) COMPREPLY=($(compgen -W "${HELP_TOPICS.join(' ')}" -- "$cur")); return ;;
${block('grpc', t.grpc, 'COMPREPLY=($(compgen -W "list describe" -- "$cur"))')}
${block('serve', t.serve, ':')}
${block('bench', t.bench, 'COMPREPLY=($(compgen -W "$(_qurl_hosts)" -- "$cur"))')}
${block('sse', t.sse, 'COMPREPLY=($(compgen -W "$(_qurl_hosts)" -- "$cur"))')}
  esac
  case $prev in
${bashArgCases(t.main)}
  esac
  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "${bashWords(t.main)}" -- "$cur")); return; fi
  local words=$(_qurl_hosts)
  ((COMP_CWORD == 1)) && words="${COMMANDS.join(' ')} $words"
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}

complete -o default -o bashdefault -F _qurl qurl
`;
}

// --- zsh ---

/** A description inside '…[…]' of an _arguments spec: quotes closed and reopened, brackets and colons escaped. */
const zshDesc = (s: string): string => s.replace(/\\/g, '\\\\').replace(/'/g, "'\\''").replace(/([[\]:])/g, '\\$1');

function zshSpec(s: Spec): string {
  const arg = s.arg;
  const action =
    arg.kind === 'none' ? ''
    : arg.kind === 'file' ? ':file:_files'
    : arg.kind === 'dir' ? ':directory:_files -/'
    : arg.kind === 'host' ? ':host:_hosts'
    : arg.kind === 'words' ? `:value:(${arg.words.join(' ')})`
    : ':value: ';
  const desc = `[${zshDesc(s.help)}]${action.replace(/'/g, "'\\''")}`;
  return s.names.length === 1 ? `'${s.names[0]}${desc}'` : `{${s.names.join(',')}}'${desc}'`;
}

const zshArray = (name: string, specs: readonly Spec[]): string => `  local -a ${name}\n  ${name}=(\n${specs.map((s) => `    ${zshSpec(s)}`).join('\n')}\n  )`;

function zshScript(t: Tables): string {
  return `#compdef qurl
# zsh completion for qurl. Generated from qurl's option tables: qurl --completions zsh
# Install: save as _qurl in a directory of $fpath (before compinit runs).

_qurl() {
${zshArray('main_opts', t.main)}
${zshArray('sse_opts', t.sse)}
${zshArray('grpc_opts', t.grpc)}
${zshArray('bench_opts', t.bench)}
${zshArray('serve_opts', t.serve)}
  if (( CURRENT > 2 )); then
    local sub=$words[2]
    case $sub in
      (help) _values topic ${HELP_TOPICS.join(' ')}; return ;;
      (grpc|sse|bench|serve)
        shift words
        (( CURRENT-- ))
        case $sub in
          (grpc) _arguments $grpc_opts '*:: :(list describe)' ;;
          (sse) _arguments -s $sse_opts '*:URL:_hosts' ;;
          (bench) _arguments -s $bench_opts '*:URL:_hosts' ;;
          (serve) _arguments $serve_opts ;;
        esac
        return ;;
    esac
  fi
  _arguments -s $main_opts '1: :->first' '*:URL:_hosts' && return
  [[ $state == first ]] && _alternative 'commands:command:(${COMMANDS.join(' ')})' 'hosts:host:_hosts'
}

_qurl "$@"
`;
}

// --- fish ---

const fishQuote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function fishLine(s: Spec, condition: string, oldStyle = false): string {
  const names = s.names.map((n) => {
    if (/^-[^-]$/.test(n)) return `-s ${n.slice(1)}`;
    if (n.startsWith('--')) return `-l ${n.slice(2)}`;
    return oldStyle ? `-o ${n.slice(1)}` : `-s ${n.slice(1)}`;
  });
  const arg = s.arg;
  const completion =
    arg.kind === 'none' ? ''
    : arg.kind === 'file' ? ' -r -F'
    : arg.kind === 'dir' ? " -x -a '(__fish_complete_directories)'"
    : arg.kind === 'host' ? " -x -a '(__fish_print_hostnames)'"
    : arg.kind === 'words' ? ` -x -a ${fishQuote(arg.words.join(' '))}`
    : ' -x';
  return `complete -c qurl -n ${fishQuote(condition)} ${names.join(' ')}${completion} -d ${fishQuote(s.help)}`;
}

function fishScript(t: Tables): string {
  const none = '__qurl_no_command';
  const seen = (c: string): string => `__fish_seen_subcommand_from ${c}`;
  const sseOnly = t.sse.filter((s) => !t.main.some((m) => m.names.join() === s.names.join()));
  return [
    "# fish completion for qurl. Generated from qurl's option tables: qurl --completions fish",
    '# Install: copy to ~/.config/fish/completions/qurl.fish.',
    '',
    `function ${none}; not __fish_seen_subcommand_from ${COMMANDS.join(' ')}; end`,
    'complete -c qurl -f',
    `complete -c qurl -n ${none} -a ${fishQuote(COMMANDS.join(' '))}`,
    `complete -c qurl -n ${none} -a '(__fish_print_hostnames)'`,
    `complete -c qurl -n ${fishQuote(seen('help'))} -a ${fishQuote(HELP_TOPICS.join(' '))}`,
    `complete -c qurl -n ${fishQuote(seen('grpc'))} -a 'list describe'`,
    ...t.main.map((s) => fishLine(s, `${none}; or ${seen('sse bench')}`)),
    ...sseOnly.map((s) => fishLine(s, seen('sse'))),
    ...BENCH_OPTIONS.map(dashedSpec).map((s) => fishLine(s, seen('bench'))),
    ...t.grpc.map((s) => fishLine(s, seen('grpc'), true)),
    ...t.serve.map((s) => fishLine(s, seen('serve'))),
    '',
  ].join('\n');
}

export function completionScript(shell: Shell): string {
  const t = tables();
  return shell === 'bash' ? bashScript(t) : shell === 'zsh' ? zshScript(t) : fishScript(t);
}
