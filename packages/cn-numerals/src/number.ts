import { Dec } from './decimal.ts';
import { normalizeWidth } from './normalize.ts';
import { failure, success, type ParseResult } from './result.ts';
import { scanNumbers, type NumberExpression, type ScanOptions } from './scanner.ts';

/**
 * The one expression that makes up the whole of `text` (white space aside),
 * read leniently (lone Chinese numerals count). Shared by the parse functions.
 */
export function singleExpression(text: string, options: ScanOptions = {}): ParseResult<NumberExpression> {
  const s = normalizeWidth(text);
  if (s.trim() === '') return failure('empty', text, 'nothing to parse');
  const found = scanNumbers(s, { ...options, lenient: true });
  if (found.length === 0) return failure('not_a_number', text, 'no number in the text');
  if (found.length > 1) return failure('ambiguous', text, `${found.length} numbers in the text`);
  const e = found[0]!;
  const outside = (s.slice(0, e.start) + s.slice(e.end)).trim();
  if (outside !== '' && !/^(人民币|RMB|¥|￥)$/u.test(outside)) {
    return failure('ambiguous', text, `words around the number: ${outside}`);
  }
  return success({ ...e, text: text.slice(e.start, e.end) });
}

/**
 * Parse a plain number, Arabic or Chinese, with 万/亿 applied:
 * `3688.59`, `1,234.56`, `３６８８．５９`, `-5`, `负3.5`, `一百零五`, `3.5万` → 35000, `一亿二千万`.
 */
export function parseNumber(text: string): ParseResult<Dec> {
  const r = singleExpression(text);
  if (!r.ok) return r;
  const e = r.value;
  if (e.kind !== 'number' || e.value === null) return failure('wrong_kind', text, `a ${e.kind}, not a plain number`);
  if (e.op !== null || e.approx) return failure('ambiguous', text, 'a qualified number');
  return success(new Dec(e.value));
}
