// Go's strconv.FormatFloat(v, 'g', -1, bits), as grpcurl spells floats: table cases checked against Go's own
// documented outputs, and properties (shortest digits that read back as the same float32/float64).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatGoFloat } from '../../../../src/grpc/text-format/format-float.js';

describe("Go's %g for float64", () => {
  it.each([
    [0, '0'],
    [-0, '-0'],
    [1, '1'],
    [-2.5, '-2.5'],
    [0.1, '0.1'],
    [999999, '999999'],
    [1234567, '1.234567e+06'],
    [1e6, '1e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [608863452348.1149, '6.088634523481149e+11'],
    [1e21, '1e+21'],
    [1e100, '1e+100'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
  ])('%s → %s', (value, text) => {
    expect(formatGoFloat(value, 64)).toBe(text);
  });

  it('reads back as the same double, in the fewest digits (property)', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
      const text = formatGoFloat(value, 64);
      expect(Object.is(Number(text), value)).toBe(true);
      // Significant digits: an integer's trailing zeros (885800) are not.
      const digits = text.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
      if (digits > 1) expect(Number(Math.abs(value).toPrecision(digits - 1))).not.toBe(Math.abs(value));
    }));
  });
});

describe("Go's %g for float32", () => {
  it.each([
    [Math.fround(0.1), '0.1'],
    [Math.fround(1 / 3), '0.33333334'],
    [16777216, '1.6777216e+07'],
    [Math.fround(3.4028234663852886e38), '3.4028235e+38'],
    [Math.fround(1.401298464324817e-45), '1e-45'],
    [Math.fround(1.1754943508222875e-38), '1.1754944e-38'],
    [Math.fround(1e10), '1e+10'],
    [Math.fround(123456.7), '123456.7'],
    [885800, '885800'],
  ])('%s → %s', (value, text) => {
    expect(formatGoFloat(value, 32)).toBe(text);
  });

  it('reads back as the same float32, in the fewest digits (property)', () => {
    fc.assert(fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (value) => {
      const text = formatGoFloat(value, 32);
      expect(Object.is(Math.fround(Number(text)), value)).toBe(true);
      // Significant digits: an integer's trailing zeros (885800) are not.
      const digits = text.replace(/^-/, '').replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
      for (let fewer = 1; fewer < digits; fewer++) expect(Math.fround(Number(Math.abs(value).toPrecision(fewer)))).not.toBe(Math.abs(value));
    }));
  });
});
