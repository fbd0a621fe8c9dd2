import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChineseNumeral } from './chinese-numeral.ts';
import { Dec } from './decimal.ts';
import { parseFinancialAmount } from './financial-uppercase.ts';
import { formatChineseNumeral, formatMoneyUppercase } from './format.ts';
import { parseMoney } from './money.ts';

/** 0 … 10^16 with up to two decimals, as a Decimal. */
const amount = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.integer({ min: 0, max: 2 }))
  .map(([n, scale]) => {
    const v = new Dec(n.toString()).dividedBy(new Dec(10).pow(2));
    return scale === 2 ? v : v.toDecimalPlaces(scale, Dec.ROUND_DOWN);
  })
  .filter((v) => v.lte(new Dec(10).pow(16)));

/** Mostly small numbers and numbers with many zero sections, where the zero rules bite. */
const sparse = fc
  .array(fc.constantFrom('0', '0', '0', '1', '2', '5', '9'), { minLength: 1, maxLength: 17 })
  .map((digits) => new Dec(digits.join('')))
  .filter((v) => v.lte(new Dec(10).pow(16)));

describe('formatChineseNumeral', () => {
  it.each([
    ['0', '零'],
    ['5', '五'],
    ['10', '十'],
    ['15', '十五'],
    ['105', '一百零五'],
    ['110', '一百一十'],
    ['1001', '一千零一'],
    ['1005', '一千零五'],
    ['3020', '三千零二十'],
    ['20000', '二万'],
    ['100001', '十万零一'],
    ['200300', '二十万零三百'],
    ['120000000', '一亿二千万'],
    ['100000005', '一亿零五'],
    ['1000000000000', '一万亿'],
    ['10000000000000000', '一亿亿'],
    ['3.14', '三点一四'],
    ['-5', '负五'],
  ])('writes %s as %s', (value, text) => {
    expect(formatChineseNumeral(value)).toBe(text);
  });

  it('writes financial uppercase on request', () => {
    expect(formatChineseNumeral('12345', { uppercase: true })).toBe('壹万贰仟叁佰肆拾伍');
  });

  it.each([amount, sparse])('reads back what it writes, for random values up to 10^16 (%#)', (values) => {
    fc.assert(
      fc.property(values, fc.boolean(), (v, uppercase) => {
        const r = parseChineseNumeral(formatChineseNumeral(v, { uppercase }));
        expect(r.ok && r.value.eq(v)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('formatMoneyUppercase', () => {
  it.each([
    ['12345.67', '壹万贰仟叁佰肆拾伍元陆角柒分'],
    ['300000', '叁拾万元整'],
    ['1000000', '壹佰万元整'],
    ['1.05', '壹元零伍分'],
    ['10.5', '壹拾元伍角'],
    ['0.5', '伍角'],
    ['0', '零元整'],
    ['1001', '壹仟零壹元整'],
    ['1.005', '壹元零壹分'],
  ])('writes %s yuan as %s', (value, text) => {
    expect(formatMoneyUppercase(value)).toBe(text);
  });

  it('reads back what it writes, for random amounts up to 10^16 yuan', () => {
    fc.assert(
      fc.property(amount, (v) => {
        const text = formatMoneyUppercase(v);
        const r = parseFinancialAmount(text);
        expect(r.ok && r.value.eq(v)).toBe(true);
        const m = parseMoney(`人民币${text}`);
        expect(m.ok && m.value.text).toBe(v.toFixed(2));
      }),
      { numRuns: 3000 },
    );
  });
});
