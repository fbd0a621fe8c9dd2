import { readArabic } from './arabic-number.ts';
import { changeWordBefore } from './change-words.ts';
import {
  chineseDigitValue,
  chineseNumeralDigits,
  chineseRunEnd,
  isChineseDigit,
  isChineseNumeralChar,
  isDigitByDigit,
} from './chinese-numeral.ts';
import { qualifierAfter, qualifierBefore, type Op } from './comparison.ts';
import { readArabicDate, readChineseDate } from './date.ts';
import { compareDigits, Dec, digitsToYuan, shiftDigits, toDecimalString } from './decimal.ts';
import { isDocNumberOpen, readDocNumber } from './doc-number.ts';
import { isAsciiDigit, isIdeograph, isInlineSpace, isSpace, normalizeWidth, skipInlineSpaces, skipSpaces } from './normalize.ts';
import { canonicalQuantityUnit, MONEY_UNITS, multiplierAt, quantityUnitAt, type MoneyUnit } from './units.ts';

/**
 * The text scanner: every number expression in a stretch of running text or a
 * table cell, with its span, kind, value, unit, qualifiers and the words
 * before it. Never throws; what it cannot read it skips.
 */

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

const C_DIGIT = 1;
const C_CHINESE = 2;
const C_OPEN = 3;
const CLASS = new Uint8Array(0x10000);
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = C_DIGIT;
for (let c = 0; c < 0x10000; c++) if (isChineseNumeralChar(c)) CLASS[c] = C_CHINESE;
for (const ch of '〔[［（(【') CLASS[ch.charCodeAt(0)] = C_OPEN;

const MAX_BEFORE = 40;

/** What may follow a one-character numeral for it to be read: 元 圆 角 分 (also 百分之) 个(百分点/月). */
const SINGLE_NUMERAL_FOLLOWER = new Uint8Array(0x10000);
for (const ch of '元圆角分个') SINGLE_NUMERAL_FOLLOWER[ch.charCodeAt(0)] = 1;

interface Core {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
  readonly chinese: boolean;
  readonly integer: boolean;
}

interface Draft {
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

/** Something after the number that makes it a figure: a multiplier, a unit, 余/多 before either. */
function unitStartsAt(s: string, p: number): boolean {
  const c = s.charCodeAt(p);
  if (c === 0x5143 /* 元 */ || c === 0x5706 /* 圆 */ || c === 0x25 /* % */ || c === 0x2030 /* ‰ */) return true;
  return multiplierAt(s, p) !== null || quantityUnitAt(s, p) !== null;
}

function prevCode(s: string, pos: number): number {
  return pos > 0 ? s.charCodeAt(pos - 1) : -1;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Read a bare number (Arabic or Chinese) at `pos`. */
function readCore(s: string, pos: number, lenient: boolean): Core | null {
  const c = s.charCodeAt(pos);
  if (isAsciiDigit(c)) {
    const m = readArabic(s, pos, unitStartsAt);
    return m && { start: pos, end: m.end, digits: m.digits, chinese: false, integer: m.integer };
  }
  if (!isChineseNumeralChar(c)) return null;
  const end = chineseRunEnd(s, pos);
  if (!lenient && !acceptChineseRun(s, pos, end)) return null;
  const digits = chineseNumeralDigits(s, pos, end);
  return digits === null ? null : { start: pos, end, digits, chinese: true, integer: !digits.includes('.') };
}

/**
 * Running text is full of numeral characters that are not figures (统一, 一般,
 * 三公, 十分, 万一, 千万). A run counts when it has two or more characters and
 * a unit (一万, 二十, 十五), or three or more digits (二〇二三), or when a money
 * unit follows a single character (三元).
 */
const UPPER_DIGITS = '壹贰叁肆伍陆柒捌玖貳參叄陸';

function acceptChineseRun(s: string, start: number, end: number): boolean {
  const len = end - start;
  if (len === 1) {
    if (!isChineseDigit(s.charCodeAt(start)) || chineseDigitValue(s.charCodeAt(start)) === 0) return false;
    const c = s.charCodeAt(end);
    if ((c === 0x89d2 /* 角 */ || c === 0x5206) /* 分 */ && UPPER_DIGITS.includes(s.charAt(start))) return true;
    return c === 0x5143 || c === 0x5706 || s.startsWith('个百分点', end) || s.startsWith('个月', end);
  }
  if (isDigitByDigit(s, start, end)) return len >= 3;
  return true;
}

/** `陆角柒分`, `零伍分` after 元: [fraction digits, end] or null. */
function readJiaoFen(s: string, pos: number): [string, number] | null {
  let p = pos;
  let jiao = 0;
  let fen = 0;
  let seen = false;
  if (s.charCodeAt(p) === 0x96f6 /* 零 */) p++;
  let d = chineseDigitValue(s.charCodeAt(p));
  if (d >= 0 && s.charCodeAt(p + 1) === 0x89d2 /* 角 */) {
    jiao = d;
    p += 2;
    seen = true;
    if (s.charCodeAt(p) === 0x96f6) p++;
    d = chineseDigitValue(s.charCodeAt(p));
  }
  if (d >= 0 && s.charCodeAt(p + 1) === 0x5206 /* 分 */) {
    fen = d;
    p += 2;
    seen = true;
  }
  return seen ? [`${jiao}${fen}`, p] : null;
}

interface Suffix {
  end: number;
  exponent: number;
  kind: Measure;
  unit: string | null;
  printedUnit: string | null;
  approx: boolean;
  /** Extra fraction digits (角分) to append to an integer core. */
  fraction: string | null;
  /** The core was the 角 digit itself (伍角): the integer part is zero. */
  jiaoOnly: boolean;
  /** 1亿2000万元: the 万 part, already scaled, added to the 亿 part. */
  addend: string | null;
}

/** Multiplier, 余/多, unit after a core. */
function readSuffix(s: string, core: Core, options: ScanOptions): Suffix {
  const out: Suffix = { end: core.end, exponent: 0, kind: 'number', unit: null, printedUnit: null, approx: false, fraction: null, jiaoOnly: false, addend: null };
  let q = skipSpaces(s, core.end, 4);
  let unitStart = -1;
  let c = s.charCodeAt(q);
  if ((c === 0x4f59 /* 余 */ || c === 0x591a /* 多 */) && unitStartsAt(s, q + 1)) {
    out.approx = true;
    q++;
  }
  if (!core.chinese) {
    const m = multiplierAt(s, q);
    if (m !== null && (!m[2] || s.charCodeAt(q + m[0].length) === 0x5143)) {
      out.exponent = m[1];
      unitStart = q;
      q += m[0].length;
      out.end = q;
    }
  }
  c = s.charCodeAt(q);
  if (out.exponent === 8 && isAsciiDigit(c)) {
    // 1亿2000万元, 3亿零500万
    const w = readArabic(s, q, unitStartsAt);
    if (w !== null && s.charCodeAt(w.end) === 0x4e07 /* 万 */ && s.charCodeAt(w.end + 1) !== 0x4ebf /* 亿 */) {
      out.addend = shiftDigits(w.digits, 4);
      q = w.end + 1;
      out.end = q;
      c = s.charCodeAt(q);
    }
  }
  if ((c === 0x4f59 || c === 0x591a) && out.exponent > 0) {
    out.approx = true;
    q++;
    out.end = q;
  }
  if (unitStart < 0) unitStart = q;
  c = s.charCodeAt(q);
  if ((c === 0x89d2 || c === 0x5206) && core.chinese && core.end - core.start === 1 && q === core.end) {
    const jf = readJiaoFen(s, core.start);
    if (jf) {
      out.kind = 'money';
      out.unit = '元';
      out.printedUnit = '元';
      out.fraction = jf[0];
      out.jiaoOnly = true;
      out.end = jf[1];
      return out;
    }
  }
  if (c === 0x5143 || c === 0x5706) {
    q++;
    // a rate: 元/人, 元/人/年, 元/月
    if (s.charCodeAt(q) === 0x2f && isIdeograph(s.charCodeAt(q + 1))) {
      let r = q + 1;
      while (r < s.length && r - q <= 4 && (isIdeograph(s.charCodeAt(r)) || (s.charCodeAt(r) === 0x2f && isIdeograph(s.charCodeAt(r + 1))))) r++;
      out.kind = 'quantity';
      out.unit = `元${s.slice(q, r)}`;
      out.printedUnit = s.slice(unitStart, r);
      out.end = r;
      return out;
    }
    out.kind = 'money';
    out.unit = '元';
    out.printedUnit = s.slice(unitStart, q);
    if (core.chinese && core.integer) {
      const jf = readJiaoFen(s, q);
      if (jf) {
        out.fraction = jf[0];
        q = jf[1];
      }
    }
    c = s.charCodeAt(q);
    if (c === 0x6574 /* 整 */ || c === 0x6b63 /* 正 */) q++;
    out.end = q;
    return out;
  }
  if (c === 0x25 || c === 0x2030) {
    out.kind = 'percent';
    out.unit = c === 0x25 ? '%' : '‰';
    out.printedUnit = s.slice(unitStart, q + 1);
    out.end = q + 1;
    return out;
  }
  if (c === 0x4e2a /* 个 */ || c === 0x767e /* 百 */) {
    const word = c === 0x4e2a ? '个百分点' : '百分点';
    if (s.startsWith(word, q)) {
      out.kind = 'percent';
      out.unit = '个百分点';
      out.printedUnit = s.slice(unitStart, q + word.length);
      out.end = q + word.length;
      return out;
    }
  }
  const qu = quantityUnitAt(s, q);
  if (qu !== null) {
    out.kind = 'quantity';
    out.unit = canonicalQuantityUnit(qu);
    out.printedUnit = s.slice(unitStart, q + qu.length);
    out.end = q + qu.length;
    return out;
  }
  if (out.exponent > 0) {
    out.printedUnit = s.slice(unitStart, out.end);
    return out;
  }
  if (options.moneyUnit && !out.approx) {
    out.kind = 'money';
    out.unit = '元';
    out.printedUnit = options.moneyUnit;
    out.exponent = MONEY_UNITS[options.moneyUnit];
  }
  return out;
}

/** The unsigned value of core and suffix as canonical digits (multiplier applied). */
function scaled(core: Core, suffix: Suffix, fraction: string | null = suffix.fraction): string {
  const integer = suffix.jiaoOnly ? '0' : core.digits;
  const digits = shiftDigits(fraction === null ? integer : `${integer}.${fraction}`, suffix.exponent);
  return suffix.addend === null ? digits : toDecimalString(new Dec(digits).plus(suffix.addend));
}

/** Canonical unsigned digits → the value string of the kind, signed. */
function render(kind: Measure, digits: string, negative: boolean): string {
  const text = kind === 'money' ? digitsToYuan(digits) : digits;
  return negative && !/^[0.]+$/.test(text) ? `-${text}` : text;
}

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
function readExpression(s: string, pos: number, lowerBound: number, options: ScanOptions): Draft | null {
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

function percentWord(s: string, pos: number): number {
  if (s.startsWith('百分之', pos)) return 1;
  if (s.startsWith('千分之', pos)) return 2;
  return 0;
}

/** 百分之九十五, 千分之五, 百分之95. */
function readPercentWord(s: string, pos: number, lowerBound: number, options: ScanOptions): Draft | null {
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

function dateDraft(start: number, end: number, iso: string, fiscal: boolean): Draft {
  return { kind: 'date', start, end, value: iso, low: null, high: null, unit: fiscal ? '年度' : null, printedUnit: null, measure: null, op: null, approx: false };
}

/** 。；;！!？?，, and line breaks and tabs end a clause. */
function isClauseEnd(c: number): boolean {
  return (
    c === 0x3002 || c === 0xff1b || c === 0x3b || c === 0xff01 || c === 0x21 || c === 0xff1f || c === 0x3f ||
    c === 0xff0c || c === 0x2c || c === 0x0a || c === 0x0d || c === 0x09
  );
}

/** Punctuation that may start the words before a figure but is not part of them. */
function isLeadingJunk(c: number): boolean {
  return isSpace(c) || c === 0x3001 || c === 0xff1a || c === 0x3a || c === 0xff09 || c === 0x29 || c === 0x5d || c === 0x3011 || c === 0x300b || c === 0x201d || c === 0x22 || c === 0x27;
}

function beforeWords(text: string, start: number, lowerBound: number): string {
  let p = start;
  while (p > lowerBound && isSpace(text.charCodeAt(p - 1))) p--;
  const to = p;
  const limit = Math.max(lowerBound, to - MAX_BEFORE);
  while (p > limit && !isClauseEnd(text.charCodeAt(p - 1))) p--;
  while (p < to && isLeadingJunk(text.charCodeAt(p))) p++;
  const words = text.slice(p, to);
  return INNER_SPACE.test(words) ? words.replace(INNER_SPACES, ' ') : words;
}
const INNER_SPACE = /\s\s|[\n\r\t\u3000]/;
const INNER_SPACES = /\s+/g;

/**
 * Every number expression in `text`, in reading order, without overlaps.
 *
 * ```ts
 * scanNumbers('其中基本支出 126.15 万元，项目支出 9294.05 万元');
 * // [{ kind: 'money', value: '1261500.00', unit: '元', before: '其中基本支出', start: 6, end: 18, … }, …]
 * ```
 */
export function scanNumbers(text: string, options: ScanOptions = {}): NumberExpression[] {
  const s = normalizeWidth(text);
  const n = s.length;
  const drafts: Draft[] = [];
  const lenient = options.lenient === true;
  let lastEnd = 0;
  let i = 0;
  while (i < n) {
    const cls = CLASS[s.charCodeAt(i)]!;
    if (cls === 0) {
      i++;
      continue;
    }
    let draft: Draft | null = null;
    let skipTo = i + 1;
    if (cls === C_OPEN) {
      if (isDocNumberOpen(s.charCodeAt(i))) {
        const m = readDocNumber(s, i);
        if (m !== null) {
          while (drafts.length > 0 && drafts[drafts.length - 1]!.end > m.start) drafts.pop();
          draft = { kind: 'docno', start: m.start, end: m.end, value: m.text, low: null, high: null, unit: null, printedUnit: null, measure: null, op: null, approx: false };
        }
      }
    } else if (cls === C_DIGIT) {
      const pc = prevCode(s, i);
      if (isAsciiLetter(pc) || pc === 0x7b2c /* 第 */ || pc === 0x2e) {
        while (skipTo < n && (isAsciiDigit(s.charCodeAt(skipTo)) || s.charCodeAt(skipTo) === 0x2e)) skipTo++;
      } else {
        const date = readArabicDate(s, i);
        if (date !== null) draft = dateDraft(i, date.end, date.iso, date.fiscalYear);
        else if (!isListMarker(s, i)) draft = readExpression(s, i, lastEnd, options);
        else skipTo = i + 2;
      }
    } else {
      const runEnd = chineseRunEnd(s, i);
      if (runEnd - i === 1 && !lenient && !SINGLE_NUMERAL_FOLLOWER[s.charCodeAt(runEnd)]) {
        // a lone 一, 二, 十, 万 in running text (统一, 一般, 十分, 万一): the common case, skipped at once
        i = runEnd;
        continue;
      }
      if (percentWord(s, i) > 0) {
        draft = readPercentWord(s, i, lastEnd, options);
      } else if (prevCode(s, i) === 0x7b2c /* 第 */ && !lenient) {
        skipTo = runEnd;
      } else {
        const date = readChineseDate(s, i, runEnd);
        if (date !== null) draft = dateDraft(i, date.end, date.iso, date.fiscalYear);
        else if (isChineseHeading(s, i, runEnd) && !lenient) skipTo = runEnd;
        else {
          draft = readExpression(s, i, lastEnd, options);
          if (draft === null) skipTo = Math.max(runEnd, i + 1);
        }
      }
    }
    if (draft !== null) {
      drafts.push(draft);
      lastEnd = draft.end;
      i = Math.max(draft.end, i + 1);
    } else {
      i = skipTo;
    }
  }
  let prevEnd = 0;
  for (const d of drafts) {
    d.text = text.slice(d.start, d.end);
    d.before = beforeWords(text, d.start, prevEnd);
    prevEnd = d.end;
  }
  return drafts as NumberExpression[];
}

/** `1、`, `2.` at the start of a list item: a one- or two-digit integer followed by 、 or by a point and no digit. */
function isListMarker(s: string, pos: number): boolean {
  let p = pos;
  while (p < s.length && p - pos < 3 && isAsciiDigit(s.charCodeAt(p))) p++;
  if (p - pos > 2) return false;
  const c = s.charCodeAt(p);
  if (c === 0x3001 /* 、 */) return true;
  if (c === 0x2e && !isAsciiDigit(s.charCodeAt(p + 1))) {
    const before = prevCode(s, pos);
    return before === -1 || isSpace(before);
  }
  return false;
}

/** 十一、 or （十二）: a heading number, not a figure. */
function isChineseHeading(s: string, start: number, end: number): boolean {
  const after = s.charCodeAt(end);
  if (after === 0x3001 /* 、 */) return true;
  const before = prevCode(s, start);
  return (before === 0xff08 || before === 0x28) && (after === 0xff09 || after === 0x29);
}
