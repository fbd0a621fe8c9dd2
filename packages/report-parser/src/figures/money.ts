import Decimal from 'decimal.js';
import { toCompactText } from '@budget-ingest/doc-model';
import type { Place } from '../types.ts';
import { figuresIn, type Figure } from './figure.ts';

/** The unit a table or a sentence prints its money in. */
export type MoneyUnit = 'yuan' | 'wan' | 'yi';

const UNIT_EXPONENT: Record<MoneyUnit, number> = { yuan: 0, wan: 4, yi: 8 };
const UNIT_FACTOR: Record<MoneyUnit, Decimal> = { yuan: new Decimal(1), wan: new Decimal(10000), yi: new Decimal(100000000) };

/** A printed figure: its text as printed, its value in the printed unit, and the number of decimals printed. */
export interface Printed {
  readonly text: string;
  readonly value: Decimal;
  readonly decimals: number;
  readonly unit: MoneyUnit;
  /** Where it was read (table cells of the standard tables, figures of the text the checks compare). */
  readonly at?: Place;
}

/**
 * Reads a table cell as a number in the table's unit. A blank cell, a dash
 * or any text that is not one plain Arabic number (no unit, multiplier or
 * qualifier of its own) is `null` (never an amount).
 */
export function parseAmountCell(text: string, unit: MoneyUnit): Printed | null {
  const t = toCompactText(text);
  const f = plainNumber(t);
  return f ? { text: t, value: f.value!, decimals: f.decimals, unit } : null;
}

/** True when the cell holds a number (as `parseAmountCell` reads it). */
export function isNumberCell(text: string): boolean {
  return plainNumber(toCompactText(text)) !== null;
}

/** The one figure of a cell that is nothing but an Arabic number ("3,688.59", "-12", "0.00"). */
function plainNumber(t: string): Figure | null {
  if (t === '' || !isAsciiDigitCode(t.charCodeAt(t.length - 1))) return null;
  const figures = figuresIn(t);
  if (figures.length !== 1) return null;
  const f = figures[0]!;
  const whole = f.start === 0 && f.end === t.length && f.text === f.number;
  return whole && f.kind === 'number' && f.value !== null && f.printedUnit === null && /^[-\d]/.test(f.number) ? f : null;
}

function isAsciiDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** The printed figure in yuan. */
export function toYuan(p: Pick<Printed, 'value' | 'unit'>): Decimal {
  return p.value.times(UNIT_FACTOR[p.unit]);
}

/** Power of ten of the last printed digit, in yuan (439.25 万元 → 2; 4392494.36 元 → -2). */
export function scaleOf(p: Pick<Printed, 'decimals' | 'unit'>): number {
  return UNIT_EXPONENT[p.unit] - p.decimals;
}

/** Yuan as the contract's decimal string with two decimals ("36885900.00"). */
export function yuanString(yuan: Decimal): string {
  return yuan.toFixed(2, Decimal.ROUND_HALF_UP);
}

/** Half of the last printed digit, in yuan: how far the printed figure may be from the exact one. */
export function roundingSlack(p: Pick<Printed, 'decimals' | 'unit'>): Decimal {
  return new Decimal(10).pow(-p.decimals).div(2).times(UNIT_FACTOR[p.unit]);
}

/** One step of the printed precision, in yuan (0.01 元 or 0.01 万元 = 100 元 for two decimals). */
export function printedStep(p: Pick<Printed, 'decimals' | 'unit'>): Decimal {
  return new Decimal(10).pow(-p.decimals).times(UNIT_FACTOR[p.unit]);
}

/** Formats yuan back in a unit for messages ("326.72万元", "3267200.00元"). */
export function formatIn(yuan: Decimal, unit: MoneyUnit, decimals = 2): string {
  if (unit === 'yi') return `${yuan.div(100000000).toFixed(decimals, Decimal.ROUND_HALF_UP)}亿元`;
  return unit === 'wan' ? `${yuan.div(10000).toFixed(decimals, Decimal.ROUND_HALF_UP)}万元` : `${yuan.toFixed(decimals, Decimal.ROUND_HALF_UP)}元`;
}

/** Reads "单位：元" / "单位：万元" / "金额单位：万元" from a caption or heading line. */
export function parseUnitNote(text: string): MoneyUnit | null {
  const m = toCompactText(text).match(/单位[:：]?(万元|元)/);
  if (!m) return null;
  return m[1] === '万元' ? 'wan' : 'yuan';
}

const UNIT_WORDS: Readonly<Record<string, MoneyUnit>> = { 元: 'yuan', 万元: 'wan', 亿元: 'yi' };

/** The unit a small table states in a cell or its caption ("单位:万元", "(元)"), or null. */
export function unitInCell(text: string): MoneyUnit | null {
  const m = /(?:单位:?|\()(亿元|万元|元)\)?/.exec(text);
  return m ? UNIT_WORDS[m[1]!]! : null;
}

export { Decimal };
