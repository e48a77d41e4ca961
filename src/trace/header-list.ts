// Looking up fields in a HeaderList (ordered [name, value] pairs); names compare case-insensitively.

/** The first value of a field, or undefined. */
export function headerValue(headers: readonly (readonly [string, string])[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === lower)?.[1];
}

/** Every value of a field, in order (Set-Cookie and friends). */
export function headerValues(headers: readonly (readonly [string, string])[], name: string): string[] {
  const lower = name.toLowerCase();
  return headers.filter(([k]) => k.toLowerCase() === lower).map(([, v]) => v);
}

const CREDENTIALS = new Set(['authorization', 'proxy-authorization']);

/** The fields as -v and traces show them: credentials as their scheme and `<redacted>`, never in clear. */
export function redactCredentials(headers: readonly (readonly [string, string])[]): [string, string][] {
  return headers.map(([n, v]): [string, string] => (CREDENTIALS.has(n.toLowerCase()) ? [n, `${v.split(' ')[0]} <redacted>`] : [n, v]));
}
