// Go's strconv.FormatFloat(v, 'g', -1, bits), the float spelling of grpcurl's text output (jhump/protoreflect's
// dynamic text marshaller and golang/protobuf's both use it): shortest round-trip digits, %e below 1e-4 or from 1e6.
// Used by the printers in this directory.

/** inf, -inf and nan as grpcurl spells them; otherwise Go's shortest %g for a float32 (`bits` 32) or float64. */
export function formatGoFloat(value: number, bits: 32 | 64): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const sign = value < 0 ? '-' : '';
  const { digits, point } = bits === 32 ? shortestFloat32(Math.abs(value)) : shortestFloat64(Math.abs(value));
  return sign + layout(digits, point);
}

/** Significant digits (no dot, no trailing zeros) and the decimal point position: value = 0.digits × 10^point. */
interface Decimal {
  readonly digits: string;
  readonly point: number;
}

/** ECMAScript's toExponential() without an argument gives the shortest digits that read back as the same double. */
function shortestFloat64(value: number): Decimal {
  return fromExponential(value.toExponential());
}

/** The fewest significant digits (1 to 9) whose value rounds to the same float32, closest to it on a tie of length. */
function shortestFloat32(value: number): Decimal {
  for (let precision = 1; precision <= 9; precision++) {
    const [mantissa = '0', exponent = '0'] = value.toExponential(precision - 1).split('e');
    const digits = mantissa.replace('.', '');
    const point = Number(exponent) + 1;
    const found = [-1n, 0n, 1n]
      .map((by) => nudged(digits, point, by))
      .filter((d) => d !== undefined && Math.fround(toNumber(d)) === value) as Decimal[];
    if (found.length > 0) return found.sort((a, b) => Math.abs(toNumber(a) - value) - Math.abs(toNumber(b) - value))[0]!;
  }
  return fromExponential(value.toExponential(8));
}

function fromExponential(text: string): Decimal {
  const [mantissa = '0', exponent = '0'] = text.split('e');
  return trimmed(mantissa.replace('.', ''), Number(exponent) + 1);
}

function trimmed(digits: string, point: number): Decimal {
  const kept = digits.replace(/0+$/, '');
  return { digits: kept === '' ? '0' : kept, point };
}

function toNumber(d: Decimal): number {
  return Number(`0.${d.digits}e${d.point}`);
}

/**
 * The same-length decimal `by` units away in the last digit: the rounding interval of a float32 at a power of two
 * is lopsided, so the nearest decimal of a length may miss it while a neighbour fits.
 */
function nudged(digits: string, point: number, by: bigint): Decimal | undefined {
  const scaled = BigInt(digits) + by;
  if (scaled <= 0n) return undefined;
  const text = scaled.toString();
  return trimmed(text, point + text.length - digits.length);
}

/** Go's %g layout for shortest digits: %e when the exponent is below -4 or at least 6, else plain decimals. */
function layout(digits: string, point: number): string {
  const exponent = point - 1;
  if (exponent < -4 || exponent >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const magnitude = Math.abs(exponent);
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${magnitude < 10 ? '0' : ''}${magnitude}`;
  }
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return digits + '0'.repeat(point - digits.length);
  return `${digits.slice(0, point)}.${digits.slice(point)}`;
}
