import Decimal from 'decimal.js';
import { formatIn, printedStep, roundingSlack, toYuan, type MoneyUnit, type Printed } from '../standard-tables/index.ts';
import type { Anchor, FindingSeverity, ValueRef } from '../types.ts';

const EPSILON = new Decimal('0.000001');

/** How a printed figure compares with what it should be: null when they agree. */
export interface Disagreement {
  readonly severity: FindingSeverity;
  readonly expected: string;
  readonly actual: string;
  /** The figures compared, where they were read (findingOf puts them on the finding). */
  readonly values: readonly ValueRef[];
}

/** One comparison made by checkSum / checkSame: the figures it involved and whether they agree (rounding included). */
export interface Comparison {
  readonly agrees: boolean;
  readonly values: readonly ValueRef[];
  /** For a sum (total = Σ parts): the arithmetic, so that an OCR reading can be tried against it (ocr-sum-correction.ts). */
  readonly sum?: SumRelation;
}

/**
 * A sum the document prints: `total` should be Σ `parts` within `tolerance` (its rounding). The
 * total is a figure of the document, or a fixed number (`{ constant }`: 总分 100). For the
 * indicator table's sums (`of`), each part's `yuan` is the row's weight or score, not money.
 */
export interface SumRelation {
  readonly total: ValueRef | { readonly constant: string };
  readonly parts: readonly ValueRef[];
  readonly tolerance: string;
  readonly of?: 'weight' | 'score';
}

/*
 * Comparisons are collected while `recordComparisons` runs, so that every
 * check built on checkSum / checkSame (and every check added later) reports
 * its passes to verification.ts without threading a log through each check's
 * signature. Synchronous and restored on exit, so calls nest and nothing leaks.
 */
let recording: Comparison[] | null = null;

/** Runs `run` and returns its result with the comparisons made during it. */
export function recordComparisons<T>(run: () => T): { result: T; comparisons: Comparison[] } {
  const outer = recording;
  const comparisons: Comparison[] = [];
  recording = comparisons;
  try {
    return { result: run(), comparisons };
  } finally {
    recording = outer;
  }
}

/** The places of printed figures, as the values a check involved (figures without a place are left out). */
export function refsOf(figures: readonly Printed[]): ValueRef[] {
  return figures.flatMap((p) => (p.at ? [{ anchor: p.at.anchor, yuan: toYuan(p).toFixed(2) }] : []));
}

/** Records a comparison of report values (checks that compare amounts or indicators rather than printed figures). */
export function noteComparison(agrees: boolean, values: readonly ValueRef[], sum?: SumRelation): void {
  recording?.push({ agrees, values, ...(sum ? { sum } : {}) });
}

/** The place of a value of the report (amount, line, indicator) as a value a check involved, when it has one. */
export function refsOfValues(values: readonly { readonly anchor?: Anchor | null; readonly yuan?: string | null }[]): ValueRef[] {
  return values.flatMap((v) => (v.anchor ? [{ anchor: v.anchor, yuan: v.yuan ?? null }] : []));
}

function record(figures: readonly Printed[], d: Disagreement | null, sum?: SumRelation): Disagreement | null {
  recording?.push({ agrees: d === null || d.severity === 'info', values: refsOf(figures), ...(sum ? { sum } : {}) });
  return d;
}

/**
 * A printed total against the sum of `parts` printed figures, at the printed
 * precision: each printed figure may be off by half a step, so a sum of n
 * parts may legitimately differ from its rounded total by (n+1)/2 steps.
 */
export function checkSum(printed: Printed, sumYuan: Decimal, parts: number, partFigures: readonly Printed[] = []): Disagreement | null {
  const steps = Math.max(1, Math.floor((parts + 1) / 2));
  const diff = toYuan(printed).minus(sumYuan).abs();
  const figures = [printed, ...partFigures];
  const tolerance = printedStep(printed).times(steps);
  // The arithmetic is kept where every figure has its place and the parts are the whole sum.
  const placed = printed.at !== undefined && partFigures.length === parts && partFigures.every((p) => p.at !== undefined) && partFigures.reduce((s, p) => s.plus(toYuan(p)), new Decimal(0)).eq(sumYuan);
  const sum = placed ? { total: refsOf([printed])[0]!, parts: refsOf(partFigures), tolerance: tolerance.toFixed(2) } : undefined;
  if (diff.lte(tolerance)) return record(figures, null, sum);
  return record(figures, { severity: 'error', expected: formatIn(sumYuan, printed.unit, Math.max(0, printed.decimals)), actual: `${printed.text}${unitWord(printed.unit)}`, values: refsOf(figures) }, sum);
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
  if (diff.lte(roundingSlack(coarse).plus(EPSILON))) return record([a, b], null);
  const severity: FindingSeverity = diff.lte(printedStep(coarse).plus(EPSILON)) ? 'info' : 'error';
  return record([a, b], { severity, expected: `${b.text}${unitWord(b.unit)}`, actual: `${a.text}${unitWord(a.unit)}`, values: refsOf([a, b]) });
}

export function unitWord(unit: MoneyUnit): string {
  return unit === 'yi' ? '亿元' : unit === 'wan' ? '万元' : '元';
}

/** A printed figure for messages ("326.72万元"). */
export function show(p: Printed): string {
  return `${p.text}${unitWord(p.unit)}`;
}
