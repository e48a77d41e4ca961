// Tests that need something this machine may lack (a peer program, a failing sysfs file): skipped with the
// reason in their name when it is missing — never a silent pass — and failing in CI, which installs everything.
import { execFileSync } from 'node:child_process';
import { describe, it } from 'vitest';

export const IN_CI = process.env.CI === 'true';

type Body = () => void | Promise<void>;

export interface Needs {
  readonly describe: (name: string, body: () => void) => void;
  readonly it: (name: string, body: Body, timeout?: number) => void;
}

/** `what` names the missing thing and how to get it: "caddy (apt-get install -y caddy)". */
export function needs(present: boolean, what: string): Needs {
  if (present) return { describe: (name, body) => describe(name, body), it: (name, body, timeout) => it(name, body, timeout) };
  const missing = (): never => {
    throw new Error(`${what} is missing here; CI installs it, so this is a failure`);
  };
  if (IN_CI) return { describe: (name) => describe(name, () => it('has what it needs', missing)), it: (name) => it(name, missing) };
  const label = (name: string): string => `${name} [skipped: ${what} is missing]`;
  return { describe: (name, body) => describe.skip(label(name), body), it: (name, body) => it.skip(label(name), body) };
}

/** Whether a program is on PATH (for needs()). */
export function onPath(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Tests side by side with Debian's curl (7.88 here). */
export const withCurl = needs(onPath('curl'), 'curl (apt-get install -y curl)');
