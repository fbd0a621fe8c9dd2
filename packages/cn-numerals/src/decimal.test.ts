import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalDigits, compareDigits, Dec, digitsToYuan, shiftDigits, toDecimalString, toYuanString } from './decimal.ts';

const digitString = fc
  .tuple(fc.stringMatching(/^[0-9]{1,12}$/), fc.stringMatching(/^[0-9]{0,6}$/))
  .map(([i, f]) => (f === '' ? i : `${i}.${f}`));

describe('decimal strings', () => {
  it.each([
    ['0036.500', '36.5'],
    ['0.0', '0'],
    ['000', '0'],
    ['12', '12'],
    ['0.05', '0.05'],
  ])('canonicalises %s as %s', (input, output) => {
    expect(canonicalDigits(input)).toBe(output);
  });

  it.each([
    ['16.58', 4, '165800'],
    ['108.01', 4, '1080100'],
    ['1.23', 8, '123000000'],
    ['0.12345', 4, '1234.5'],
    ['3', 0, '3'],
  ])('shifts %s by 10^%i to %s', (digits, e, out) => {
    expect(shiftDigits(digits, e)).toBe(out);
  });

  it('agrees with Decimal on shifting, money and comparison for random digit strings', () => {
    fc.assert(
      fc.property(digitString, digitString, fc.integer({ min: 0, max: 12 }), (a, b, e) => {
        const da = new Dec(a);
        expect(shiftDigits(a, e)).toBe(toDecimalString(da.times(new Dec(10).pow(e))));
        expect(digitsToYuan(canonicalDigits(a))).toBe(toYuanString(da));
        expect(compareDigits(canonicalDigits(a), canonicalDigits(b))).toBe(da.comparedTo(new Dec(b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes negative zero money as 0.00', () => {
    expect(toYuanString(new Dec('-0.001'))).toBe('0.00');
  });
});
