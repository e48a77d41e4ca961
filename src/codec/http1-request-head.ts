// An HTTP/1.x request head, byte for byte as given (RFC 9112 §3): the request line, each field as `Name: value`
// (or as `typed[i]` gives its line) in the order and case given, and the blank line; UTF-8, as the command line
// gave it. The engine has already refused CR and LF in fields.
export function encodeRequestHead(
  method: string,
  target: string,
  version: string,
  fields: readonly (readonly [string, string])[],
  typed: readonly (string | undefined)[] = [],
): Buffer {
  let text = `${method} ${target} HTTP/${version}\r\n`;
  fields.forEach(([name, value], i) => {
    text += `${typed[i] ?? (value === '' ? `${name}:` : `${name}: ${value}`)}\r\n`;
  });
  return Buffer.from(`${text}\r\n`, 'utf8');
}
