// Whose credentials a transfer sends, in curl's order: -u, then the URL's own user:password, then .netrc
// (-n, --netrc-optional, --netrc-file; a file that cannot be read is simply not used, as in curl).
import { readFileSync } from 'node:fs';
import { netrcLookup, parseNetrc } from './netrc.js';

function netrcFor(file: string | undefined, host: string, user?: string): { login?: string; password?: string } | undefined {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return netrcLookup(parseNetrc(text), host, user);
}

/** `user:password` (a missing password is empty), or undefined to send no credentials. */
export function userCredentials(given: string | undefined, url: URL, netrcFile: string | undefined): string | undefined {
  if (given !== undefined) return given;
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (url.username !== '') {
    const user = decode(url.username);
    if (url.password !== '') return `${user}:${decode(url.password)}`;
    return `${user}:${netrcFor(netrcFile, host, user)?.password ?? ''}`;
  }
  const entry = netrcFor(netrcFile, host);
  return entry?.login === undefined ? undefined : `${entry.login}:${entry.password ?? ''}`;
}
