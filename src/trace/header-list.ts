// Looking up fields in a HeaderList (ordered [name, value] pairs); names compare case-insensitively.

/** The first value of a field, or undefined. */
export function headerValue(headers: readonly (readonly [string, string])[], name: string): string | undefined {
  const lower = name.toLowerCase();
  // An index loop: this runs for several fields of every response, often before V8 optimises away an iterator.
  for (let i = 0; i < headers.length; i++) if (sameName(headers[i]![0], lower)) return headers[i]![1];
  return undefined;
}

/** Field names are mostly lower case already (HTTP/2 and HTTP/3 require it): compare before folding. */
function sameName(name: string, lower: string): boolean {
  return name === lower || (name.length === lower.length && name.toLowerCase() === lower);
}

/** Every value of a field, in order (Set-Cookie and friends). */
export function headerValues(headers: readonly (readonly [string, string])[], name: string): string[] {
  const lower = name.toLowerCase();
  const values: string[] = [];
  for (const field of headers) if (sameName(field[0], lower)) values.push(field[1]);
  return values;
}

const CREDENTIALS = new Set(['authorization', 'proxy-authorization']);

/** The fields as -v and traces show them: credentials as their scheme and `<redacted>`, never in clear. */
export function redactCredentials(headers: readonly (readonly [string, string])[]): [string, string][] {
  return headers.map(([n, v]): [string, string] => (CREDENTIALS.has(n.toLowerCase()) ? [n, `${v.split(' ')[0]} <redacted>`] : [n, v]));
}
