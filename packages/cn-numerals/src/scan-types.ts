/** The scanner's public types and its working record (Draft) of one expression. */
import type { Op } from './comparison.ts';
import type { MoneyUnit } from './units.ts';

export const EXPRESSION_KINDS = ['money', 'percent', 'quantity', 'number', 'date', 'change', 'docno'] as const;
export type ExpressionKind = (typeof EXPRESSION_KINDS)[number];
/** What a change or a plain figure measures. */
export type Measure = 'money' | 'percent' | 'quantity' | 'number';

export interface NumberExpression {
  readonly kind: ExpressionKind;
  /** The expression as printed (qualifiers, sign, change word and unit included). */
  readonly text: string;
  /** UTF-16 offsets into the scanned text: `text === input.slice(start, end)`. */
  readonly start: number;
  readonly end: number;
  /**
   * Decimal string. Money: yuan with two decimals ("1261500.00"); percent: the
   * number before % ("96.74"); quantity and number: after 万/亿 ("470000");
   * change: signed; date: ISO ("2023-03-29", "2022"); docno: the number as printed
   * ("韶财社〔2021〕139号"). Null for ranges (see low/high).
   */
  readonly value: string | null;
  /** Ranges (`80%-100%`, `3-5万元`): the smaller and larger end, same scale as value. */
  readonly low: string | null;
  readonly high: string | null;
  /**
   * Unit after the multiplier: "元", "元/人", "%", "‰", "个百分点", "人次", "个月"…;
   * "年度" for fiscal years; null when none.
   */
  readonly unit: string | null;
  /** The unit as printed, multiplier included ("万元", "万人", "%"); for bare cells under a header, the header's unit. */
  readonly printedUnit: string | null;
  /** For money, percent, quantity, number and change: what is measured. Null for date and docno. */
  readonly measure: Measure | null;
  readonly op: Op | null;
  /** 约, 近, 余, 多, 左右: the figure is approximate. */
  readonly approx: boolean;
  /** The words before the expression in its clause (back to 。；，, a line break or the previous expression), trimmed. */
  readonly before: string;
}

export interface ScanOptions {
  /**
   * The money unit of the surrounding table (`单位：万元`): bare numbers, with
   * no unit and no multiplier of their own, become money in that unit.
   */
  readonly moneyUnit?: MoneyUnit | null;
  /** Also read lone Chinese numerals (一, 三) and ordinals (第三); the parse functions use this. */
  readonly lenient?: boolean;
}

/** An expression while the scanner reads it: `text` and `before` are filled in once all are found. */
export interface Draft {
  kind: ExpressionKind;
  start: number;
  end: number;
  value: string | null;
  low: string | null;
  high: string | null;
  unit: string | null;
  printedUnit: string | null;
  measure: Measure | null;
  op: Op | null;
  approx: boolean;
  /** Filled in at the end, from the original text. */
  text?: string;
  before?: string;
}
