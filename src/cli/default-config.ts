// The default config file, found as curl 8 finds .curlrc, with qurl's names; main.ts reads it first unless argv
// starts with -q/--disable. Each candidate costs one stat.
import { statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

/** In curl's order: $QURL_HOME/.qurlrc, $XDG_CONFIG_HOME/.qurlrc then qurlrc (curl 8.10), $HOME/.qurlrc, and when
 * XDG_CONFIG_HOME is not set, $QURL_HOME/.config/qurlrc and $HOME/.config/qurlrc. */
export function defaultConfigCandidates(env: NodeJS.ProcessEnv): string[] {
  const set = (name: string): string | undefined => (env[name] ? env[name] : undefined);
  const home = set('HOME');
  const xdg = set('XDG_CONFIG_HOME');
  const qurlHome = set('QURL_HOME');
  const paths: (string | undefined)[] = [
    qurlHome && join(qurlHome, '.qurlrc'),
    xdg && join(xdg, '.qurlrc'),
    xdg && join(xdg, 'qurlrc'),
    home && join(home, '.qurlrc'),
  ];
  // As curl: a set XDG_CONFIG_HOME, even empty, turns the ~/.config guesses off.
  if (env.XDG_CONFIG_HOME === undefined) paths.push(qurlHome && join(qurlHome, '.config', 'qurlrc'), home && join(home, '.config', 'qurlrc'));
  // curl also tries the passwd entry's home; qurl only when HOME is unset, so a HOME of one's own (tests, sandboxes) is the whole story.
  if (home === undefined) paths.push(passwdHome() && join(passwdHome()!, '.qurlrc'));
  return paths.filter((p): p is string => p !== undefined);
}

function passwdHome(): string | undefined {
  try {
    return userInfo().homedir || undefined;
  } catch {
    return undefined;
  }
}

export function findDefaultConfig(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return defaultConfigCandidates(env).find((p) => statSync(p, { throwIfNoEntry: false })?.isFile() === true);
}

/** curl skips .curlrc when its first argument is -q (or a -q… cluster) or --disable. */
export function skipsDefaultConfig(argv: readonly string[]): boolean {
  const first = argv[0];
  return first !== undefined && (first.startsWith('-q') || first.toLowerCase() === '--disable');
}
