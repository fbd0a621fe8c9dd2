import { type Dec } from './decimal.ts';
import { failure, success, type ParseResult } from './result.ts';
import { parseMoney } from './money.ts';

/**
 * Amounts in financial uppercase (大写金额): `人民币壹万贰仟叁佰肆拾伍元陆角柒分`
 * → 12345.67, `叁拾万元整` → 300000, `伍角` → 0.5. Everyday numerals work too.
 */
export function parseFinancialAmount(text: string): ParseResult<Dec> {
  let t = text.replace(/\s+/g, '').replace(/^(人民币|RMB|¥|￥)/u, '');
  if (t === '') return failure('empty', text, 'no amount');
  if (!/[元圆]/u.test(t) && /[角分]$/u.test(t)) t = `零元${t}`;
  const r = parseMoney(t);
  if (!r.ok) return { ...r, input: text };
  return success(r.value.yuan);
}
