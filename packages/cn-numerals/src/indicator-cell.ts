import { type Op } from './comparison.ts';
import { Dec, toDecimalString } from './decimal.ts';
import { normalizeWidth } from './normalize.ts';
import { scanNumbers, type NumberExpression } from './scanner.ts';

/**
 * A target or actual cell of a performance indicator table, read the way
 * GOLD.md's Indicator wants it: `{ raw, op, value, unit }`.
 *
 * - raw: the cell with white space removed;
 * - op: ">=", "<=", "=", ">", "<" when the cell states one (≥, 不低于, 以上 …);
 * - value: the one number of the cell after 万/亿, percent kept as the number
 *   ("16.58万" → "165800", "108.01万元" → "1080100", "96.74%" → "96.74");
 *   null when the cell holds no single number (显著提升, 100%-80%(含), 12月底100%完成, 无);
 * - unit: what remains after number and multiplier ("%", "人次", "元", "元/人", "个月"),
 *   null when none is printed in the cell or in the row's unit column.
 */
export interface IndicatorValue {
  readonly raw: string;
  readonly op: Op | null;
  readonly value: string | null;
  readonly unit: string | null;
}

export interface IndicatorCellOptions {
  /** The row's unit column (计量单位), if the table has one: "万元", "%", "人次", "（万人）". */
  readonly unit?: string | null;
}

const NOTHING = { op: null, value: null, unit: null } as const;

function cleanColumnUnit(unit: string | null | undefined): string | null {
  if (unit == null) return null;
  const u = normalizeWidth(unit)
    .replace(/\s+/g, '')
    .replace(/^[（(](.*)[）)]$/u, '$1')
    .replace(/^(计量)?单位[:：]?/u, '');
  return u === '' || u === '/' || u === '-' || u === '无' ? null : u;
}

function only(expressions: readonly NumberExpression[]): NumberExpression | null {
  return expressions.length === 1 ? expressions[0]! : null;
}

/** Read one indicator cell. Never throws; a cell without a single number gives value null. */
export function parseIndicatorCell(cell: string, options: IndicatorCellOptions = {}): IndicatorValue {
  const raw = cell.replace(/\s+/gu, '');
  let e = only(scanNumbers(raw));
  if (e === null || e.value === null || e.kind === 'date' || e.kind === 'docno') return { raw, ...NOTHING };
  const columnUnit = cleanColumnUnit(options.unit);
  if (columnUnit !== null && e.kind === 'number' && normalizeWidth(raw).slice(e.end).trim() === '') {
    const withUnit = only(scanNumbers(raw + columnUnit));
    if (withUnit !== null && withUnit.value !== null && withUnit.start === e.start) e = withUnit;
  }
  let value = new Dec(e.value!);
  if (e.kind === 'change') value = value.abs();
  const unit = e.kind === 'number' ? null : e.unit;
  return { raw, op: e.op, value: toDecimalString(value), unit };
}
