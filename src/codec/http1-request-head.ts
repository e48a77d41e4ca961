// An HTTP/1.x request head, byte for byte as given (RFC 9112 §3): the request line, each field as `Name: value`
// in the order and case given, and the blank line; UTF-8, as the command line gave it. The engine has already
// refused CR and LF in fields.
export function encodeRequestHead(method: string, target: string, version: string, fields: readonly (readonly [string, string])[]): Buffer {
  let text = `${method} ${target} HTTP/${version}\r\n`;
  for (const [name, value] of fields) text += value === '' ? `${name}:\r\n` : `${name}: ${value}\r\n`;
  return Buffer.from(`${text}\r\n`, 'utf8');
}
