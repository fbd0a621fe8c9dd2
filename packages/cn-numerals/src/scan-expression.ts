import { changeWordBefore } from './change-words.ts';
import { isChineseNumeralChar } from './chinese-numeral.ts';
import { qualifierAfter, qualifierBefore, type Op } from './comparison.ts';
import { compareDigits } from './decimal.ts';
import { isAsciiDigit, isIdeograph, isInlineSpace, skipInlineSpaces } from './normalize.ts';
import { isAsciiLetter, prevCode, readCore, readSuffix, render, scaled } from './scan-figure.ts';
import type { Draft, Measure, ScanOptions } from './scan-types.ts';

/**
 * One whole expression around a figure: a range (80%-100%, 3-5万元), the comparison, 约 and sign
 * or change word before it (≥, 不低于, 增长), the qualifier after it (以上, 左右), and the
 * percent words (百分之九十五).
 */

/** - ~ — – 至 到 between the two ends of a range. */
function isRangeSeparator(c: number): boolean {
  return c === 0x2d || c === 0x7e || c === 0x2014 || c === 0x2013 || c === 0x81f3 || c === 0x5230;
}
const INCLUSIVE_MARKS = ['(含)', '（含）', '(不含)', '（不含）'];
/** Prefix chars that make 约/近 part of another word (节约, 最近). */
const NOT_APPROX_BEFORE = '节制签合违履预集简特公条契最附临就亲逼';

interface Prefix {
  start: number;
  sign: 1 | -1;
  change: boolean;
  op: Op | null;
  approx: boolean;
}

/** Before a number: a sign (+ - 负), a comparison or 约, and a change word (增长, 减少), in that order going backwards. */
function readPrefix(s: string, numberStart: number, lowerBound: number): Prefix {
  const out: Prefix = { start: numberStart, sign: 1, change: false, op: null, approx: false };
  let start = numberStart;
  const pc = prevCode(s, start);
  if (pc === 0x2b || pc === 0x2d || pc === 0x8d1f /* 负 */) {
    const ppc = prevCode(s, start - 1);
    const glued = isAsciiDigit(ppc) || isAsciiLetter(ppc) || ppc === 0x25 || isChineseNumeralChar(ppc) || ppc === 0x29;
    if (!glued && start - 1 >= lowerBound) {
      if (pc !== 0x2b) out.sign = -1;
      start--;
    }
  }
  let b = start;
  while (b > lowerBound && isInlineSpace(s.charCodeAt(b - 1)) && start - b < 2) b--;
  const qual = qualifierBefore(s, b);
  if (qual !== null && b - qual.length >= lowerBound) {
    const wordStart = b - qual.length;
    const word = s.slice(wordStart, b);
    const blocked = (word === '约' || word === '近') && wordStart > 0 && NOT_APPROX_BEFORE.includes(s.charAt(wordStart - 1));
    if (!blocked) {
      out.op = qual.op;
      out.approx = qual.approx;
      start = wordStart;
      b = start;
      while (b > lowerBound && isInlineSpace(s.charCodeAt(b - 1)) && start - b < 2) b--;
    }
  }
  const change = changeWordBefore(s, b);
  if (change !== null && b - change.length >= lowerBound) {
    out.change = true;
    out.sign = (out.sign * change.sign) as 1 | -1;
    start = b - change.length;
  }
  out.start = start;
  return out;
}

/** Read one number expression whose number starts at `pos`; returns null when there is none. */
export function readExpression(s: string, pos: number, lowerBound: number, options: ScanOptions): Draft | null {
  const lenient = options.lenient === true;
  const core = readCore(s, pos, lenient);
  if (core === null) return null;
  const suffix = readSuffix(s, core, options);
  let value: string | null = scaled(core, suffix);
  let kind: Measure = suffix.kind;
  let unit = suffix.unit;
  let printedUnit = suffix.printedUnit;
  let end = suffix.end;
  let low: string | null = null;
  let high: string | null = null;
  let approx = suffix.approx;
  let op: Op | null = null;

  // A range: 80%-100%, 3-5万元, 1-12月, 100%-80%(含)
  const r = skipInlineSpaces(s, end, 2);
  if (isRangeSeparator(s.charCodeAt(r))) {
    const t = skipInlineSpaces(s, r + 1, 2);
    const core2 = readCore(s, t, lenient);
    if (core2 !== null && core2.chinese === core.chinese) {
      const suffix2 = readSuffix(s, core2, options);
      const firstBare = suffix.unit === null && suffix.exponent === 0;
      // 100万-200万元: the first end has the multiplier, the second the unit
      const sameScale = suffix.exponent === suffix2.exponent && (suffix.unit === suffix2.unit || suffix.unit === null);
      if (firstBare || sameScale) {
        const a = firstBare ? scaled(core, suffix2, null) : value;
        const b = scaled(core2, suffix2);
        const aFirst = compareDigits(a, b) <= 0;
        low = aFirst ? a : b;
        high = aFirst ? b : a;
        value = null;
        kind = suffix2.kind;
        unit = suffix2.unit;
        printedUnit = suffix2.printedUnit;
        approx = approx || suffix2.approx;
        end = suffix2.end;
      }
    }
  }
  const paren = s.charCodeAt(end);
  if (paren === 0x28 || paren === 0xff08) {
    for (const w of INCLUSIVE_MARKS) {
      if (s.startsWith(w, end)) {
        end += w.length;
        break;
      }
    }
  }
  const afterAt = skipInlineSpaces(s, end, 1);
  const after = qualifierAfter(s, afterAt);
  const ac = s.charCodeAt(afterAt);
  const yuDuo = ac === 0x591a /* 多 */ || ac === 0x4f59; /* 余 */
  if (after !== null && !(yuDuo && isIdeograph(s.charCodeAt(afterAt + 1)))) {
    end = afterAt + after.length;
    if (after.op) op = after.op;
    if (after.approx) approx = true;
  }

  const prefix = readPrefix(s, core.start, lowerBound);
  const start = prefix.start;
  if (prefix.op !== null) op = prefix.op;
  if (prefix.approx) approx = true;
  const sign = prefix.sign;
  const isChange = prefix.change;

  const negative = sign < 0;
  if (negative && low !== null && high !== null) [low, high] = [high, low];
  return {
    kind: isChange ? 'change' : kind,
    start,
    end,
    value: value === null ? null : render(kind, value, negative),
    low: low === null ? null : render(kind, low, negative),
    high: high === null ? null : render(kind, high, negative),
    unit,
    printedUnit,
    measure: kind,
    op,
    approx,
  };
}

export function percentWord(s: string, pos: number): number {
  if (s.startsWith('百分之', pos)) return 1;
  if (s.startsWith('千分之', pos)) return 2;
  return 0;
}

/** 百分之九十五, 千分之五, 百分之95. */
export function readPercentWord(s: string, pos: number, lowerBound: number, options: ScanOptions): Draft | null {
  const which = percentWord(s, pos);
  const numberStart = pos + 3;
  const d = readExpression(s, numberStart, numberStart, { ...options, moneyUnit: null, lenient: true });
  if (d === null || d.kind !== 'number' || d.value === null) return null;
  const prefix = readPrefix(s, pos, lowerBound);
  const value = d.value === null || prefix.sign > 0 ? d.value : d.value.startsWith('-') ? d.value.slice(1) : `-${d.value}`;
  return {
    ...d,
    kind: prefix.change ? 'change' : 'percent',
    measure: 'percent',
    start: prefix.start,
    value,
    unit: which === 1 ? '%' : '‰',
    printedUnit: which === 1 ? '百分之' : '千分之',
    op: prefix.op ?? d.op,
    approx: d.approx || prefix.approx,
  };
}
