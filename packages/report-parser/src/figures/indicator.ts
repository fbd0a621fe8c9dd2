/**
 * The figure of an indicator table's target or actual cell: 95%, ≥95%,
 * 百分之九十五, 两万人次, 约100人, 100万人次以上, ≤10天, 元/人*月, a year as a
 * deadline (2019年). A cell is one figure or none: a cell that prints two
 * (12月底100%完成) or a range (100%-80%) or only words (达标, 显著提升) has no
 * value, and its text stays the indicator's raw value.
 */
import type { Op } from '@budget-ingest/cn-numerals';
import type Decimal from 'decimal.js';
import { figuresIn, type Figure } from './figure.ts';

export interface IndicatorFigure {
  /** After 万/亿 ("16.58万" → 165800); a percent is the number before %; a change is its size. Null when the cell is not one figure. */
  readonly value: Decimal | null;
  /** The unit the cell prints after the number (a compound unit whole, a bracketed one unwrapped), or the figure's; null for a bare number. */
  readonly unit: string | null;
  /** A bound the cell states (≥, 不低于, 以上 …). */
  readonly op: Op | null;
  /** 约, 近, 余, 左右. */
  readonly approx: boolean;
  /** The figure read, with its span in the folded cell text. */
  readonly figure: Figure | null;
}

const NONE: IndicatorFigure = { value: null, unit: null, op: null, approx: false, figure: null };

/** Comparison signs the scanner does not read, folded to ones it does (box-drawing ═, the ≦ ≧ forms). */
const OP_SIGNS: readonly (readonly [RegExp, string])[] = [
  [/^[═＝]/, '='],
  [/^≦/, '≤'],
  [/^≧/, '≥'],
];

const MULTIPLIER = /^[万亿千百]/;
const BRACKETED = /^\((.+)\)$/;
/** Words after a number that make its tail a phrase, not a unit. */
const NOT_A_UNIT = /(完成|提升|提高|以上|以下|左右|之间|含)/;

/** The text an indicator cell is read from: no white space, NFKC (（ → (, ％ → %), comparison signs folded. */
function foldIndicatorCell(cell: string): string {
  let text = cell.replace(/\s+/g, '').normalize('NFKC');
  for (const [re, sign] of OP_SIGNS) text = text.replace(re, sign);
  return text;
}

/** The one figure of an indicator cell. */
export function indicatorFigure(cell: string): IndicatorFigure {
  const text = foldIndicatorCell(cell);
  const figures = figuresIn(text);
  const f = figures.length === 1 ? figures[0]! : null;
  if (f === null) return NONE;
  // A year as target (完成时限 2019年) is a number of 年, not a date.
  if (f.kind === 'year' && f.text === text && f.unit === null) return { value: f.value, unit: '年', op: null, approx: false, figure: f };
  if (f.value === null || f.kind === 'year') return NONE;
  const value = f.kind === 'change' ? f.value.abs() : f.value;
  const printed = printedUnit(text, f);
  const unit = printed !== undefined ? printed : f.kind === 'number' ? null : f.unit;
  return { value, unit, op: f.op, approx: f.approx, figure: f };
}

/**
 * What the cell prints after the number and its multiplier, when that reads as
 * a unit (%, 人次, 元/人*月, (平方米) → 平方米): the printed form is kept, where
 * the scanner would shorten a compound unit. Undefined when the cell prints
 * none that reads as one (the figure's own unit stands); a number printed
 * with nothing after it has no unit (null).
 */
function printedUnit(text: string, f: Figure): string | null | undefined {
  if (!/^[-−]?\d/.test(f.number)) return undefined;
  const tail = text.slice(f.digitsAt + f.number.length).replace(MULTIPLIER, '');
  if (tail === '') return null;
  const t = tail.replace(BRACKETED, '$1');
  if (t === '' || t.length > 8 || /[\d,;:，。；：]/.test(t) || NOT_A_UNIT.test(t)) return undefined;
  return t;
}
