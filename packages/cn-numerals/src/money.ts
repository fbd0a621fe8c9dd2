import { Dec, shift, toDec, toYuanString, type DecimalInput } from './decimal.ts';
import { parseArabicNumber } from './arabic-number.ts';
import { failure, success, type ParseResult } from './result.ts';
import { type Op } from './comparison.ts';
import { singleExpression } from './number.ts';
import { isMoneyUnit, MONEY_UNITS, type MoneyUnit } from './units.ts';

/**
 * Money, always converted to yuan with two decimals: `3688.59万元` →
 * 36885900.00, `4.85亿元`, `1.23余亿元` (approximate), `人民币壹万贰仟叁佰肆拾伍元陆角柒分`,
 * `叁拾万元整`, and bare numbers under a table header (`单位：万元`).
 */
export interface Money {
  /** Yuan, exact. */
  readonly yuan: Dec;
  /** Yuan as GOLD.md writes it: "36885900.00". */
  readonly text: string;
  /** The unit as printed or taken from context: "万元". */
  readonly printedUnit: string | null;
  readonly op: Op | null;
  readonly approx: boolean;
}

export interface MoneyOptions {
  /** The unit that applies when the text is a bare number: the table header's unit. */
  readonly unit?: MoneyUnit | string | null;
}

/**
 * Parse money: `parseMoney('3688.59万元')`, `parseMoney('3688.59', { unit: '万元' })`
 * → yuan "36885900.00". A unit printed in the text wins over the context unit.
 */
export function parseMoney(text: string, options: MoneyOptions = {}): ParseResult<Money> {
  let moneyUnit: MoneyUnit | null = null;
  if (options.unit != null && options.unit !== '') {
    const u = parseUnitHeader(options.unit);
    if (u === null) return failure('wrong_kind', text, `not a money unit: ${options.unit}`);
    moneyUnit = u;
  }
  const r = singleExpression(text, { moneyUnit });
  if (!r.ok) return r;
  const e = r.value;
  if (e.kind === 'number' && moneyUnit === null) return failure('missing_unit', text, 'a bare number and no unit given');
  if (e.kind !== 'money' || e.value === null) return failure('wrong_kind', text, `a ${e.kind}, not money`);
  return success({ yuan: new Dec(e.value), text: e.value, printedUnit: e.printedUnit, op: e.op, approx: e.approx });
}

/**
 * Convert an amount printed in `unit` to yuan with two decimals:
 * `toYuan('3688.59', '万元')` → "36885900.00", `toYuan('1,234.5', '单位：元')` → "1234.50".
 * Null when the amount is not a number or the unit not a money unit.
 */
export function toYuan(amount: DecimalInput, unit: string): string | null {
  const moneyUnit = isMoneyUnit(unit) ? unit : parseUnitHeader(unit);
  if (moneyUnit === null) return null;
  let value: Dec;
  if (typeof amount === 'string') {
    const r = parseArabicNumber(amount);
    if (!r.ok) return null;
    value = r.value;
  } else {
    value = toDec(amount);
    if (!value.isFinite()) return null;
  }
  return toYuanString(shift(value, MONEY_UNITS[moneyUnit]));
}

/**
 * The money unit a table header or caption declares: `单位：万元`, `（万元）`,
 * `金额单位：元`, `单位:万元`, `万元` → "万元"; null when it declares none.
 */
export function parseUnitHeader(text: string): MoneyUnit | null {
  const t = text.replace(/\s+/g, '');
  const m = /(?:单位|计量单位)[:：]?(?:人民币)?([十百千万亿]*[元圆])/u.exec(t) ?? /[（(]([十百千万亿]*[元圆])[）)]/u.exec(t) ?? /[/／]([十百千万亿]*[元圆])$/u.exec(t) ?? /^([十百千万亿]*[元圆])$/u.exec(t);
  if (m === null) return null;
  const unit = m[1]!;
  return isMoneyUnit(unit) ? unit : null;
}
