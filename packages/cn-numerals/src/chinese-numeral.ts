import { Dec } from './decimal.ts';
import { failure, success, type ParseResult } from './result.ts';

/**
 * Chinese numerals, everyday (〇 零 一 二 两 三 … 九 十 百 千 万 亿 兆, 廿 卅 卌)
 * and financial uppercase (壹 贰 叁 肆 伍 陆 柒 捌 玖 拾 佰 仟 萬 億, also the
 * traditional 貳 參 陸), which share one grammar. 兆 is 10^12.
 *
 * Integers are accumulated as a small integer inside a 千-section and as a
 * BigInt across 万/亿 sections, so no value ever passes through a float.
 */

/** Digit value of a numeral character, -1 when it is not a digit. */
const DIGIT = new Int8Array(0x10000).fill(-1);
/** Power of ten of a unit character (十 1, 百 2, 千 3, 万 4, 亿 8, 兆 12), 0 when not a unit. */
const UNIT = new Int8Array(0x10000);
/** 廿 卅 卌: a digit and 十 in one character. */
const TENS = new Int8Array(0x10000);

function setAll(chars: string, table: Int8Array, value: number): void {
  for (const ch of chars) table[ch.charCodeAt(0)] = value;
}
setAll('〇零', DIGIT, 0);
setAll('一壹幺', DIGIT, 1);
setAll('二两贰貳兩', DIGIT, 2);
setAll('三叁參叄', DIGIT, 3);
setAll('四肆', DIGIT, 4);
setAll('五伍', DIGIT, 5);
setAll('六陆陸', DIGIT, 6);
setAll('七柒', DIGIT, 7);
setAll('八捌', DIGIT, 8);
setAll('九玖', DIGIT, 9);
setAll('十拾', UNIT, 1);
setAll('百佰', UNIT, 2);
setAll('千仟', UNIT, 3);
setAll('万萬', UNIT, 4);
setAll('亿億', UNIT, 8);
setAll('兆', UNIT, 12);
setAll('廿', TENS, 2);
setAll('卅', TENS, 3);
setAll('卌', TENS, 4);

const SMALL_POW = [1, 10, 100, 1000];
/** No real numeral is longer; longer runs (一一一…, 一万万万…) are refused rather than multiplied out. */
const MAX_RUN = 64;
const BIG_POW: bigint[] = Array.from({ length: 25 }, (_, i) => 10n ** BigInt(i));

/** 点 (and the rare 點) between the integer and the fraction. */
export const POINT = '点';
const POINT_CODE = 0x70b9;
const POINT_TRAD = 0x9ede;

export function isChineseDigit(c: number): boolean {
  return DIGIT[c]! >= 0;
}

export function chineseDigitValue(c: number): number {
  return DIGIT[c]!;
}

export function chineseUnitExponent(c: number): number {
  return UNIT[c]!;
}

/** A character that can be part of a Chinese numeral (digit, unit, 廿卅卌). */
export function isChineseNumeralChar(c: number): boolean {
  return DIGIT[c]! >= 0 || UNIT[c]! > 0 || TENS[c]! > 0;
}

export function isChinesePoint(c: number): boolean {
  return c === POINT_CODE || c === POINT_TRAD;
}

/** True when the run holds no unit character, i.e. it is read digit by digit (`二〇二三`). */
export function isDigitByDigit(s: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (UNIT[c]! > 0 || TENS[c]! > 0) return false;
  }
  return true;
}

/**
 * The integer written by `s[start, end)` as a decimal digit string, or null when
 * the characters are not a well-formed numeral. Reads positional forms
 * (`一百零五`, `一亿二千万`, `十万零一`, `二十万零三百`), the spoken
 * abbreviation (`一万五` = 15000, `三千五` = 3500), and digit-by-digit forms
 * (`二〇二三` = 2023).
 */
export function chineseIntegerDigits(s: string, start: number, end: number): string | null {
  if (end <= start || end - start > MAX_RUN) return null;
  if (isDigitByDigit(s, start, end)) {
    let out = '';
    for (let i = start; i < end; i++) {
      const d = DIGIT[s.charCodeAt(i)]!;
      if (d < 0) return null;
      out += String.fromCharCode(48 + d);
    }
    return out;
  }
  // Terms already closed by 万/亿/兆, each with the power of ten it ends at.
  const values: bigint[] = [];
  const exps: number[] = [];
  let section = 0;
  let num = -1;
  let lastSmall = 4;
  let prevUnit = 0;
  let unitBeforeNum = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    const d = DIGIT[c]!;
    if (d >= 0) {
      if (num > 0) return null; // two digits in a row in a positional numeral
      num = d;
      unitBeforeNum = d === 0 ? 0 : prevUnit;
      prevUnit = 0;
      continue;
    }
    const tens = TENS[c]!;
    if (tens > 0) {
      if (num > 0 || lastSmall <= 1) return null;
      section += tens * 10;
      lastSmall = 1;
      num = -1;
      prevUnit = 1;
      continue;
    }
    const e = UNIT[c]!;
    if (e === 0) return null;
    if (e <= 3) {
      if (e >= lastSmall) return null;
      let m = num;
      if (m < 0) {
        // 十五, 二十万零十: a bare 十 means 一十 at the start of a section or after 零.
        if (e === 1 && (section === 0 || prevUnit === 0)) m = 1;
        else return null;
      }
      if (m === 0) {
        if (e !== 1) return null;
        m = 1; // 零十 (一百零十): rare, read as 10
      }
      section += m * SMALL_POW[e]!;
      lastSmall = e;
      num = -1;
      prevUnit = e;
      continue;
    }
    // 万 亿 兆 multiply the section and every closed term of a smaller or equal
    // power: 一万亿 = (一万)亿, 一亿亿 = (一亿)亿, but 一亿二千万 = 一亿 + 二千万.
    let acc = BigInt(section + (num > 0 ? num : 0));
    let inner = 0;
    while (exps.length > 0 && exps[exps.length - 1]! <= e) {
      inner = Math.max(inner, exps.pop()!);
      acc += values.pop()!;
    }
    if (acc === 0n) return null; // 万 or 零万 alone
    values.push(acc * BIG_POW[e]!);
    exps.push(e + inner);
    section = 0;
    num = -1;
    lastSmall = 4;
    prevUnit = e;
  }
  let total = 0n;
  for (const v of values) total += v;
  if (num > 0) {
    // the spoken abbreviation: 一万五 = 一万五千, 三千五 = 三千五百
    if (unitBeforeNum >= 4) total += BigInt(num) * BIG_POW[unitBeforeNum - 1]!;
    else if (unitBeforeNum >= 2) section += num * SMALL_POW[unitBeforeNum - 1]!;
    else section += num;
  }
  return (total + BigInt(section)).toString();
}

/** Fraction digits after 点: digit by digit only (`一四` → "14"). */
export function chineseFractionDigits(s: string, start: number, end: number): string | null {
  if (end <= start) return null;
  let out = '';
  for (let i = start; i < end; i++) {
    const d = DIGIT[s.charCodeAt(i)]!;
    if (d < 0) return null;
    out += String.fromCharCode(48 + d);
  }
  return out;
}

/** Index just past the longest run of numeral characters starting at `pos` (点 included when a digit follows it). */
export function chineseRunEnd(s: string, pos: number): number {
  let p = pos;
  while (p < s.length) {
    const c = s.charCodeAt(p);
    if (isChineseNumeralChar(c)) {
      p++;
      continue;
    }
    if (isChinesePoint(c) && p > pos && p + 1 < s.length && DIGIT[s.charCodeAt(p + 1)]! >= 0) {
      p++;
      continue;
    }
    break;
  }
  return p;
}

/** The value of `s[start, end)` (numeral characters and at most one 点) as a decimal string, or null. */
export function chineseNumeralDigits(s: string, start: number, end: number): string | null {
  for (let i = start; i < end; i++) {
    if (isChinesePoint(s.charCodeAt(i))) {
      const int = chineseIntegerDigits(s, start, i);
      const frac = chineseFractionDigits(s, i + 1, end);
      return int === null || frac === null ? null : `${int}.${frac}`;
    }
  }
  return chineseIntegerDigits(s, start, end);
}

/**
 * Parse a Chinese numeral, everyday or financial uppercase: `一百零五` → 105,
 * `二〇二三` → 2023, `三点一四` → 3.14, `负五` → -5, `壹佰万` → 1000000.
 */
export function parseChineseNumeral(text: string): ParseResult<Dec> {
  const t = text.trim();
  if (t === '') return failure('empty', text, 'no numeral');
  let start = 0;
  let negative = false;
  if (t.startsWith('负') || t.startsWith('-')) {
    negative = true;
    start = 1;
  } else if (t.startsWith('正') || t.startsWith('+')) {
    start = 1;
  }
  const end = chineseRunEnd(t, start);
  if (end === start) return failure('not_a_number', text, 'no Chinese numeral characters');
  if (end !== t.length) return failure('ambiguous', text, `text after the numeral: ${t.slice(end)}`);
  const digits = chineseNumeralDigits(t, start, end);
  if (digits === null) return failure('malformed', text, `not a well-formed numeral: ${t.slice(start, end)}`);
  const value = new Dec(digits);
  return success(negative ? value.negated() : value);
}
