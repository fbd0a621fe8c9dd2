import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as api from './index.ts';

const alphabet = '0123456789.,-+%‰万亿千百十元圆人次个月年度日号〔〕（）()[]一二三四五六七八九零〇两壹贰拾佰仟整正角分点约≥≤><=以上余多增长下降减少 \n\t第、：单位';
const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }).map((cs) => cs.join(''));

describe('the public API', () => {
  it('never throws from a parse function or the scanner, whatever the text', () => {
    fc.assert(
      fc.property(text, (t) => {
        api.scanNumbers(t);
        api.scanNumbers(t, { moneyUnit: '万元' });
        for (const parse of [
          api.parseArabicNumber,
          api.parseChineseNumeral,
          api.parseDate,
          api.parseFiscalYear,
          api.parseDocNumber,
        ]) {
          const r = parse(t);
          if (!r.ok) expect(typeof r.reason).toBe('string');
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('gives money values with exactly two decimals everywhere', () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const e of api.scanNumbers(t)) {
          if (e.measure !== 'money') continue;
          for (const v of [e.value, e.low, e.high]) if (v !== null) expect(v).toMatch(/^-?\d+\.\d\d$/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
