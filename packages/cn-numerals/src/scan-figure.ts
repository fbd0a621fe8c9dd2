import { readArabic } from './arabic-number.ts';
import { chineseDigitValue, chineseNumeralDigits, chineseRunEnd, isChineseDigit, isChineseNumeralChar, isDigitByDigit } from './chinese-numeral.ts';
import { Dec, digitsToYuan, shiftDigits, toDecimalString } from './decimal.ts';
import { isAsciiDigit, isIdeograph, skipSpaces } from './normalize.ts';
import type { Measure, ScanOptions } from './scan-types.ts';
import { canonicalQuantityUnit, MONEY_UNITS, multiplierAt, quantityUnitAt } from './units.ts';

/**
 * One figure's number and what follows it: the bare number (Arabic or Chinese numerals), then the
 * multiplier (万, 亿), 余/多, and the unit (元 with 角分, %, 个百分点, quantity units), scaled to
 * canonical digits.
 */

export interface Core {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
  readonly chinese: boolean;
  readonly integer: boolean;
}

/** Something after the number that makes it a figure: a multiplier, a unit, 余/多 before either. */
export function unitStartsAt(s: string, p: number): boolean {
  const c = s.charCodeAt(p);
  if (c === 0x5143 /* 元 */ || c === 0x5706 /* 圆 */ || c === 0x25 /* % */ || c === 0x2030 /* ‰ */) return true;
  return multiplierAt(s, p) !== null || quantityUnitAt(s, p) !== null;
}

export function prevCode(s: string, pos: number): number {
  return pos > 0 ? s.charCodeAt(pos - 1) : -1;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Read a bare number (Arabic or Chinese) at `pos`. */
export function readCore(s: string, pos: number, lenient: boolean): Core | null {
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

export interface Suffix {
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
export function readSuffix(s: string, core: Core, options: ScanOptions): Suffix {
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
export function scaled(core: Core, suffix: Suffix, fraction: string | null = suffix.fraction): string {
  const integer = suffix.jiaoOnly ? '0' : core.digits;
  const digits = shiftDigits(fraction === null ? integer : `${integer}.${fraction}`, suffix.exponent);
  return suffix.addend === null ? digits : toDecimalString(new Dec(digits).plus(suffix.addend));
}

/** Canonical unsigned digits → the value string of the kind, signed. */
export function render(kind: Measure, digits: string, negative: boolean): string {
  const text = kind === 'money' ? digitsToYuan(digits) : digits;
  return negative && !/^[0.]+$/.test(text) ? `-${text}` : text;
}
