/**
 * The figure layer: every figure of a sentence or a table cell, read once by
 * cn-numerals' `scanNumbers`, with what the parser's readers need of it (exact
 * value, printed unit and scale, kind, approximation, comparison, the label
 * before it). Readers never parse a number themselves; they choose which of
 * these figures they take (see `money.ts` for the money rules they choose
 * between).
 */
import { scanNumbers, type NumberExpression, type Op } from '@budget-ingest/cn-numerals';
import Decimal from 'decimal.js';
import { COUNT_UNITS } from './figure-vocabulary.ts';
import { labelOf } from './label.ts';

/** What a figure is: the scanner's kinds, with counted quantities (人, 次, 个) and years told apart. */
export type FigureKind = 'money' | 'percent' | 'quantity' | 'count' | 'number' | 'year' | 'date' | 'change' | 'docno';

export interface Figure {
  readonly kind: FigureKind;
  /** UTF-16 offsets into the text read: `text === input.slice(start, end)` (qualifiers such as 约 and 不低于 included). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** For money, percent, quantity, number and change: what is measured. */
  readonly measure: NumberExpression['measure'];
  /** Offset of the figure's first digit (after any qualifier word or sign). */
  readonly digitsAt: number;
  /**
   * Exact value. Money: yuan; percent: the number before %; quantity, count and
   * number: after 万/亿; year: the year; change: signed. Null for ranges, dates
   * and document numbers.
   */
  readonly value: Decimal | null;
  /** Ranges (80%-100%, 2023至2025年): the smaller and the larger end, as `value` would be; else null. */
  readonly low: Decimal | null;
  readonly high: Decimal | null;
  /** The number as printed, without qualifiers and unit ("3,688.59", "九十五"). */
  readonly number: string;
  /** Unit after the multiplier ("元", "%", "人次"), or null. */
  readonly unit: string | null;
  /** The unit as printed, multiplier included ("万元", "亿元", "万人"), or null. */
  readonly printedUnit: string | null;
  /** Decimals printed after the point (0 for Chinese numerals). */
  readonly decimals: number;
  /** Power of ten of the last printed digit in `value`'s unit (439.25万元 → 2; 4392494.36元 → -2). */
  readonly scale: number;
  /** 约, 近, 余, 多, 左右: the figure is approximate. */
  readonly approx: boolean;
  /** A bound (不低于 ≥, 超过 >, 达到 ≥ …), or null for a plain figure. */
  readonly op: Op | null;
  /** ISO date for dates ("2023-03-29"), else null. */
  readonly iso: string | null;
  /** The clause before the figure (back to , ; 、 。 or the previous figure): what it is a figure of. */
  readonly label: string;
}

export interface FigureOptions {
  /** The money unit of the surrounding table: a bare number in a cell is money in it. */
  readonly moneyUnit?: '元' | '万元' | null;
}

/**
 * Figures of a text, memoised by text: the sentence readers, the list reader
 * and the checks read the same sentences, and each must see the same figures
 * (and not pay for scanning them again).
 */
const MEMO = new Map<string, readonly Figure[]>();
const MEMO_LIMIT = 20000;

export function figuresIn(text: string, options: FigureOptions = {}): readonly Figure[] {
  const key = options.moneyUnit ? `${options.moneyUnit}\u0000${text}` : text;
  const hit = MEMO.get(key);
  if (hit) return hit;
  const expressions = scanNumbers(text, options.moneyUnit ? { moneyUnit: options.moneyUnit } : {});
  const out: Figure[] = [];
  let prevEnd = 0;
  for (const e of expressions) {
    out.push(toFigure(text, e, prevEnd));
    prevEnd = e.end;
  }
  if (MEMO.size >= MEMO_LIMIT) MEMO.clear();
  MEMO.set(key, out);
  return out;
}

/** The printed digits of an expression: the first run of digits, separators and point (or Chinese numerals). */
const DIGITS = /[-－−]?\d+(?:[,，]\d{3})*(?:\.\d+)?|[〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟]+/;
const MULTIPLIER_EXPONENT: readonly (readonly [string, number])[] = [['万亿', 12], ['千万', 7], ['百万', 6], ['十万', 5], ['亿', 8], ['万', 4], ['千', 3], ['百', 2]];

function toFigure(text: string, e: NumberExpression, prevEnd: number): Figure {
  const m = DIGITS.exec(e.text);
  const number = m ? m[0] : e.text;
  const digitsAt = e.start + (m ? m.index : 0);
  const point = number.indexOf('.');
  const decimals = point >= 0 ? number.length - point - 1 : 0;
  const exponent = MULTIPLIER_EXPONENT.find(([w]) => e.printedUnit?.startsWith(w))?.[1] ?? 0;
  const kind = kindOf(e);
  const value = e.value !== null && kind !== 'date' && kind !== 'docno' ? new Decimal(e.value) : null;
  return {
    kind,
    start: e.start,
    end: e.end,
    text: e.text,
    digitsAt,
    value,
    low: e.low !== null ? new Decimal(e.low) : null,
    high: e.high !== null ? new Decimal(e.high) : null,
    measure: e.measure,
    number,
    unit: e.unit,
    printedUnit: e.printedUnit,
    decimals,
    scale: exponent - decimals,
    approx: e.approx,
    op: e.op,
    iso: e.kind === 'date' ? e.value : null,
    label: labelOf(text.slice(prevEnd, e.start)),
  };
}

function kindOf(e: NumberExpression): FigureKind {
  if (e.kind === 'date') return e.value !== null && /^\d{4}$/.test(e.value) ? 'year' : 'date';
  if (e.kind === 'quantity' && e.unit !== null && COUNT_UNITS.has(e.unit)) return 'count';
  return e.kind;
}
