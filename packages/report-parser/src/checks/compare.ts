import Decimal from 'decimal.js';
import { formatIn, printedStep, roundingSlack, toYuan, type MoneyUnit, type Printed } from '../standard-tables/index.ts';
import type { FindingSeverity } from '../types.ts';

const EPSILON = new Decimal('0.000001');

/** How a printed figure compares with what it should be: null when they agree. */
export interface Disagreement {
  readonly severity: FindingSeverity;
  readonly expected: string;
  readonly actual: string;
}

/**
 * A printed total against the sum of `parts` printed figures, at the printed
 * precision: each printed figure may be off by half a step, so a sum of n
 * parts may legitimately differ from its rounded total by (n+1)/2 steps.
 */
export function checkSum(printed: Printed, sumYuan: Decimal, parts: number): Disagreement | null {
  const steps = Math.max(1, Math.floor((parts + 1) / 2));
  const diff = toYuan(printed).minus(sumYuan).abs();
  if (diff.lte(printedStep(printed).times(steps))) return null;
  return { severity: 'error', expected: formatIn(sumYuan, printed.unit, Math.max(0, printed.decimals)), actual: `${printed.text}${unitWord(printed.unit)}` };
}

/**
 * The same figure printed twice (two tables, or text and a table). Equal at
 * the coarser precision agrees; a difference of one printed step is an `info`
 * finding (possibly rounding), more is an error.
 */
export function checkSame(a: Printed, b: Printed): Disagreement | null {
  const coarse = roundingSlack(a).gt(roundingSlack(b)) ? a : b;
  const diff = toYuan(a).minus(toYuan(b)).abs();
  // Equal once the finer figure is rounded to the coarser one's precision.
  if (diff.lte(roundingSlack(coarse).plus(EPSILON))) return null;
  const severity: FindingSeverity = diff.lte(printedStep(coarse).plus(EPSILON)) ? 'info' : 'error';
  return { severity, expected: `${b.text}${unitWord(b.unit)}`, actual: `${a.text}${unitWord(a.unit)}` };
}

export function unitWord(unit: MoneyUnit): string {
  return unit === 'wan' ? '万元' : '元';
}

/** A printed figure for messages ("326.72万元"). */
export function show(p: Printed): string {
  return `${p.text}${unitWord(p.unit)}`;
}
