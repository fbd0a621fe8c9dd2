/**
 * Local number helpers until @budget-ingest/cn-numerals exports its API:
 * money with units to yuan, indicator cells to {raw, op, value, unit}.
 * Everything exact (decimal.js), nothing through JS floats.
 * TODO: move to cn-numerals once its index.ts exposes the equivalents.
 */
import Decimal from 'decimal.js';
import type { IndicatorValue, Op } from './types.ts';

const MULTIPLIER: Record<string, number> = { 亿: 8, 万: 4, 千: 3, 百: 2 };

/** A number as printed ("3,688.59") → Decimal, or null. */
export function toDecimal(text: string): Decimal | null {
  const clean = text.replace(/[,，]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(clean)) return null;
  return new Decimal(clean);
}

/** Money to yuan with two decimals: ("3688.59", "万元") → "36885900.00". */
export function toYuan(number: string, unit: string): string | null {
  const value = toDecimal(number);
  if (value === null) return null;
  const exp = unit.startsWith('亿') ? 8 : unit.startsWith('万') ? 4 : unit.startsWith('千') ? 3 : 0;
  return value.times(new Decimal(10).pow(exp)).toFixed(2);
}

/** Decimal string without trailing zeros ("165800", "96.74"). */
export function plain(value: Decimal): string {
  return value.toFixed();
}

const OP_PREFIX: readonly [RegExp, Op][] = [
  [/^(≥|>=|不低于|不少于|大于等于|大于或等于|至少)/, '>='],
  [/^(≤|<=|不高于|不超过|不多于|小于等于|小于或等于)/, '<='],
  [/^(＞|>|大于|高于|超过)/, '>'],
  [/^(＜|<|小于|低于)/, '<'],
  [/^(=|＝|等于)/, '='],
];
const OP_SUFFIX: readonly [RegExp, Op][] = [
  [/(以上|及以上)$/, '>='],
  [/(以下|及以下|以内)$/, '<='],
];

/**
 * An indicator cell as GOLD.md wants it. `value` only when the cell holds a
 * single number; 万/亿 applied; "万元" leaves unit "元". `unitColumn` is a
 * unit printed in a separate column of the same row.
 */
export function parseIndicatorValue(cellText: string, unitColumn: string | null = null): IndicatorValue | null {
  const raw = cellText.replace(/\s+/g, '');
  if (raw === '') return null;
  let rest = raw.normalize('NFKC').replace(/，/g, ',');
  let op: Op | null = null;
  for (const [re, o] of OP_PREFIX) {
    const m = re.exec(rest);
    if (m) {
      op = o;
      rest = rest.slice(m[0].length);
      break;
    }
  }
  if (op === null) {
    for (const [re, o] of OP_SUFFIX) {
      const m = re.exec(rest);
      if (m) {
        op = o;
        rest = rest.slice(0, rest.length - m[0].length);
        break;
      }
    }
  }
  const numbers = rest.match(/\d+(?:,\d{3})*(?:\.\d+)?/g) ?? [];
  const m = /^(\d+(?:,\d{3})*(?:\.\d+)?)([万亿千百]?)(.*)$/.exec(rest);
  const unitFromColumn = unitColumn && unitColumn.replace(/\s+/g, '') !== '' ? unitColumn.replace(/\s+/g, '') : null;
  if (!m || numbers.length !== 1) return { raw, op, value: null, unit: null };
  let unit = m[3]!;
  if (!isUnit(unit)) return { raw, op, value: null, unit: null };
  const base = toDecimal(m[1]!)!;
  const mult = m[2] ? MULTIPLIER[m[2]]! : 0;
  const value = base.times(new Decimal(10).pow(mult));
  if (unit === '') unit = '';
  return { raw, op, value: plain(value), unit: unit === '' ? unitFromColumn : unit };
}

/** A unit is a short tail without digits or sentence punctuation ("%", "人次", "元/人", "个月"). */
function isUnit(text: string): boolean {
  return text === '' || (text.length <= 6 && !/[\d,.;:()，。；：]/.test(text) && !/(完成|提升|提高|以上|以下|左右|约)/.test(text));
}
