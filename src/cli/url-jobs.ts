// The URL arguments of a group → its UrlJobs: globs expanded (URLs and -T names, unless -g), each -o/-O/
// --no-remote-name paired with its URL in order as curl pairs them, --remote-name-all for the rest, #N filled in.
import { QurlError } from '../errors/index.js';
import type { UrlJob } from '../engine/index.js';
import type { OutputDirective } from './parse-argv.js';
import { globOutputName, mayGlob, parseUrlGlob, type GlobExpansion } from './url-glob.js';

/** qurl builds every job before the first transfer (curl globs lazily), so a run is bounded. */
export const MAX_GLOB_JOBS = 1_000_000;

export interface UrlJobOptions {
  readonly globoff: boolean;
  readonly remoteNameAll: boolean;
}

function expansions(pattern: string, globoff: boolean, budget: number): GlobExpansion[] {
  // Most URLs are plain (a -K file of a thousand of them notices a parse of each).
  if (globoff || !mayGlob(pattern)) return [{ text: pattern, matched: [] }];
  const glob = parseUrlGlob(pattern);
  if (glob.count > BigInt(budget)) throw new QurlError('bad-url', `${pattern} expands to ${glob.count} URLs; qurl takes at most ${MAX_GLOB_JOBS} in a run`);
  return glob.expand();
}

function outputOf(directive: OutputDirective | undefined, remoteNameAll: boolean, matched: readonly string[]): Pick<UrlJob, 'output' | 'remoteName'> {
  const d = directive ?? (remoteNameAll ? { kind: 'remote' } : { kind: 'none' });
  if (d.kind === 'file') return { output: globOutputName(d.path, matched) };
  return d.kind === 'remote' ? { remoteName: true } : {};
}

export function urlJobs(urls: readonly string[], outputs: readonly OutputDirective[], uploads: readonly string[], options: UrlJobOptions): UrlJob[] {
  const jobs: UrlJob[] = [];
  urls.forEach((url, i) => {
    const upload = uploads[i];
    // As curl: every -T name (outer) with every URL (inner), so -T '{a,b}' 'http://h/[1-2]/' is 1/a 2/a 1/b 2/b.
    const files = upload === undefined ? [undefined] : expansions(upload, options.globoff, MAX_GLOB_JOBS).map((e) => e.text);
    const targets = expansions(url, options.globoff, Math.floor((MAX_GLOB_JOBS - jobs.length) / files.length));
    for (const file of files) {
      for (const target of targets) {
        const job: UrlJob = { url: target.text, urlNum: i, ...outputOf(outputs[i], options.remoteNameAll, target.matched) };
        jobs.push(file === undefined ? job : { ...job, upload: file });
      }
    }
  });
  return jobs;
}
