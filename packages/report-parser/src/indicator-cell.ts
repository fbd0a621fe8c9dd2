/**
 * One target or actual cell of an indicator table → GOLD.md's
 * {raw, op, value, unit}. The number, its multiplier and the comparison come
 * from cn-numerals' indicator-cell reader (so 百分之九十五, 两万人次, 约100人,
 * ≧90% read); the unit is what the cell prints after the number — a compound
 * unit whole (元/人*月), a bracketed one unwrapped (≥500.00(平方米) → 平方米) —
 * or the row's unit column; an operator column (指标性质) gives the op when the
 * cell prints none.
 */
import { parseIndicatorCell } from '@budget-ingest/cn-numerals';
import { toCompactText } from '@budget-ingest/doc-model';
import type { IndicatorValue, Op } from './types.ts';

/** Comparison signs cn-numerals does not read, folded to ones it does (box-drawing ═, full-width forms). */
const OP_SIGNS: readonly (readonly [RegExp, string])[] = [
  [/^[═＝]/, '='],
  [/^≦/, '≤'],
  [/^≧/, '≥'],
];

/** An operator printed in a column of its own (指标性质: ≥ / 大于等于 / 正向 …). */
const OP_WORDS: readonly (readonly [RegExp, Op])[] = [
  [/^(≥|≧|>=|大于等于|大于或等于|不低于|不少于|正向)$/, '>='],
  [/^(≤|≦|<=|小于等于|小于或等于|不高于|不超过|反向)$/, '<='],
  [/^(>|＞|大于|高于)$/, '>'],
  [/^(<|＜|小于|低于)$/, '<'],
  [/^(=|＝|═|等于)$/, '='],
];

/** A number with its multiplier and what follows it (the printed unit). */
const NUMBER_TAIL = /\d[\d,]*(?:\.\d+)?\s*([万亿千百]?)(.*)$/;
const BRACKETED = /^\((.+)\)$/;

/** A printed unit: a short tail without digits or sentence words ("%", "人次", "元/人*月", "平方米"). */
function asUnit(text: string): string | null {
  const t = text.replace(BRACKETED, '$1');
  if (t === '' || t.length > 8 || /[\d,;:，。；：]/.test(t) || /(完成|提升|提高|以上|以下|左右|之间|含)/.test(t)) return null;
  return t;
}

function cleanUnitColumn(text: string | null): string | null {
  const t = toCompactText(text ?? '').replace(BRACKETED, '$1');
  return t === '' || /^(\/|-+|—+|无)$/.test(t) ? null : t;
}

function opOfColumn(text: string | null): Op | null {
  const t = toCompactText(text ?? '');
  for (const [re, op] of OP_WORDS) if (re.test(t)) return op;
  return null;
}

/**
 * Reads a cell; null when the cell is blank. `unitColumn` and `opColumn` are
 * the row's 计量单位 and 指标性质 cells when the table has such columns.
 */
export function readIndicatorCell(cellText: string, unitColumn: string | null = null, opColumn: string | null = null): IndicatorValue | null {
  const raw = cellText.replace(/\s+/g, '');
  if (raw === '') return null;
  let text = raw.normalize('NFKC');
  for (const [re, sign] of OP_SIGNS) text = text.replace(re, sign);
  const read = parseIndicatorCell(text);
  let value = read.value;
  let unit = read.unit;
  const tail = NUMBER_TAIL.exec(text);
  if (value === null && tail && /^\d{4}年$/.test(text)) {
    // A year as target (完成时限 2019年) is a number of unit 年, not a date.
    value = text.slice(0, 4);
    unit = '年';
  } else if (value !== null && tail) {
    // The printed tail is the unit when it reads as one; a bare number keeps no unit.
    const printed = asUnit(tail[2]!);
    if (printed !== null) unit = printed;
    else if (tail[2] === '') unit = null;
  }
  if (value !== null && unit === null) unit = cleanUnitColumn(unitColumn);
  return { raw, op: read.op ?? opOfColumn(opColumn), value, unit };
}
