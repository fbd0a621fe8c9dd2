/**
 * One target or actual cell of an indicator table → GOLD.md's
 * {raw, op, value, unit}. The figure (number, multiplier, printed unit,
 * comparison) is the figure layer's `indicatorFigure` (so 百分之九十五, 两万人次,
 * 约100人, ≧90% read); what the table adds is read here: the row's unit column
 * when the cell prints no unit, and an operator column (指标性质) that gives
 * the op when the cell prints none.
 */
import { toCompactText } from '@budget-ingest/doc-model';
import { indicatorFigure } from './figures/index.ts';
import type { IndicatorValue, Op } from './types.ts';

/** An operator printed in a column of its own (指标性质: ≥ / 大于等于 / 正向 …). */
const OP_WORDS: readonly (readonly [RegExp, Op])[] = [
  [/^(≥|≧|>=|大于等于|大于或等于|不低于|不少于|正向)$/, '>='],
  [/^(≤|≦|<=|小于等于|小于或等于|不高于|不超过|反向)$/, '<='],
  [/^(>|＞|大于|高于)$/, '>'],
  [/^(<|＜|小于|低于)$/, '<'],
  [/^(=|＝|═|等于)$/, '='],
];

const BRACKETED = /^\((.+)\)$/;

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
  const read = indicatorFigure(raw);
  const value = read.value === null ? null : read.value.isZero() ? '0' : read.value.toFixed();
  const unit = value !== null && read.unit === null ? cleanUnitColumn(unitColumn) : read.unit;
  return { raw, op: read.op ?? opOfColumn(opColumn), value, unit };
}
