// One scalar or enum value as grpcurl writes it: decimal integers (64-bit ones unquoted), Go's %g floats with
// inf/-inf/nan, true/false, quoted strings and bytes, enum value names (the number when the enum has none).
import { ScalarType, type DescEnum } from '@bufbuild/protobuf';
import { formatGoFloat } from './format-float.js';
import { quoteBytes, quoteString } from './quote-bytes.js';

export function formatScalar(scalar: ScalarType, value: unknown): string {
  switch (scalar) {
    case ScalarType.DOUBLE:
      return formatGoFloat(Number(value), 64);
    case ScalarType.FLOAT:
      return formatGoFloat(Number(value), 32);
    case ScalarType.STRING:
      return quoteString(typeof value === 'string' ? value : '');
    case ScalarType.BYTES:
      return quoteBytes(value instanceof Uint8Array ? value : new Uint8Array(0));
    case ScalarType.BOOL:
      return value === true ? 'true' : 'false';
    default:
      return typeof value === 'bigint' || typeof value === 'number' ? value.toString() : String(value);
  }
}

/** The first value declared with that number (as Go's ByNumber picks among aliases), else the number. */
export function formatEnum(desc: DescEnum, value: unknown): string {
  const number = Number(value);
  return desc.values.find((v) => v.number === number)?.name ?? String(number);
}
