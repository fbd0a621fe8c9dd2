import { chineseIntegerDigits, chineseRunEnd, isDigitByDigit } from './chinese-numeral.ts';
import { isAsciiDigit, normalizeWidth, skipInlineSpaces } from './normalize.ts';
import { failure, success, type ParseResult } from './result.ts';

/**
 * Dates: `2022.4.15`, `2023年3月29日`, `2023 年 10 月 24 日`,
 * `二〇二三年三月二十九日`, `2023-10-24`, `2023/3/29`; years and fiscal
 * years: `2022年度`, `2022 年`. Years from 1900 to 2199.
 */
export interface DateValue {
  /** ISO 8601 at the precision printed: "2023", "2023-03", "2023-03-29". */
  readonly iso: string;
  readonly year: number;
  readonly month: number | null;
  readonly day: number | null;
  /** Printed as a fiscal year (`2022年度`). */
  readonly fiscalYear: boolean;
}

export interface DateMatch extends DateValue {
  readonly end: number;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function makeDate(year: number, month: number | null, day: number | null, fiscalYear: boolean, end: number): DateMatch {
  let iso = String(year);
  if (month !== null) iso += `-${pad2(month)}`;
  if (day !== null) iso += `-${pad2(day)}`;
  return { iso, year, month, day, fiscalYear, end };
}

/** 1–2 ASCII digits at `pos` (not followed by a third): [value, end] or null. */
function smallInt(s: string, pos: number): [number, number] | null {
  let p = pos;
  let v = 0;
  while (p < s.length && p - pos < 3 && isAsciiDigit(s.charCodeAt(p))) {
    v = v * 10 + (s.charCodeAt(p) - 48);
    p++;
  }
  if (p === pos || p - pos > 2) return null;
  return [v, p];
}

/** A Chinese numeral of at most 31 at `pos` (三, 十二, 二十九): [value, end] or null. */
function smallChinese(s: string, pos: number): [number, number] | null {
  const end = chineseRunEnd(s, pos);
  if (end === pos || end - pos > 3) return null;
  const digits = chineseIntegerDigits(s, pos, end);
  if (digits === null) return null;
  const v = Number.parseInt(digits, 10);
  return v >= 1 && v <= 31 ? [v, end] : null;
}

function plausibleYear(year: number): boolean {
  return year >= 1900 && year <= 2199;
}

/** After `年`: optional month and day, read with `readInt` (Arabic or Chinese). */
function afterYear(s: string, year: number, pos: number, readInt: (s: string, pos: number) => [number, number] | null): DateMatch {
  const r = skipInlineSpaces(s, pos);
  if (s.charCodeAt(r) === 0x5ea6 /* 度 */) return makeDate(year, null, null, true, r + 1);
  const m = readInt(s, r);
  if (m === null || m[0] < 1 || m[0] > 12) return makeDate(year, null, null, false, pos);
  const r2 = skipInlineSpaces(s, m[1]);
  if (s.charCodeAt(r2) !== 0x6708 /* 月 */) return makeDate(year, null, null, false, pos);
  const monthEnd = r2 + 1;
  const r3 = skipInlineSpaces(s, monthEnd);
  const d = readInt(s, r3);
  if (d !== null && d[0] >= 1 && d[0] <= daysInMonth(year, m[0])) {
    const r4 = skipInlineSpaces(s, d[1]);
    const c = s.charCodeAt(r4);
    if (c === 0x65e5 /* 日 */ || c === 0x53f7 /* 号 */) return makeDate(year, m[0], d[0], false, r4 + 1);
  }
  return makeDate(year, m[0], null, false, monthEnd);
}

/** A date written with Arabic digits starting at `pos` (a four-digit year), or null. `s` is width-normalised. */
export function readArabicDate(s: string, pos: number): DateMatch | null {
  if (pos + 4 > s.length) return null;
  let year = 0;
  for (let i = pos; i < pos + 4; i++) {
    const c = s.charCodeAt(i);
    if (!isAsciiDigit(c)) return null;
    year = year * 10 + (c - 48);
  }
  if (isAsciiDigit(s.charCodeAt(pos + 4)) || !plausibleYear(year)) return null;
  const p = pos + 4;
  const q = skipInlineSpaces(s, p);
  if (s.charCodeAt(q) === 0x5e74 /* 年 */) return afterYear(s, year, q + 1, smallInt);
  const sep = s.charCodeAt(p);
  if (sep === 0x2e || sep === 0x2d || sep === 0x2f) {
    const m = smallInt(s, p + 1);
    if (m === null || m[0] < 1 || m[0] > 12 || s.charCodeAt(m[1]) !== sep) return null;
    const d = smallInt(s, m[1] + 1);
    if (d === null || d[0] < 1 || d[0] > daysInMonth(year, m[0])) return null;
    const after = s.charCodeAt(d[1]);
    if (after === 0x2e && isAsciiDigit(s.charCodeAt(d[1] + 1))) return null;
    const r = s.charCodeAt(d[1]) === 0x65e5 ? d[1] + 1 : d[1];
    return makeDate(year, m[0], d[0], false, r);
  }
  return null;
}

/** A date written in Chinese numerals (`二〇二三年三月二十九日`) starting at `pos`, or null. */
export function readChineseDate(s: string, pos: number, runEnd: number): DateMatch | null {
  if (runEnd - pos !== 4 || !isDigitByDigit(s, pos, runEnd)) return null;
  const digits = chineseIntegerDigits(s, pos, runEnd);
  if (digits === null) return null;
  const year = Number.parseInt(digits, 10);
  if (!plausibleYear(year)) return null;
  const q = skipInlineSpaces(s, runEnd);
  if (s.charCodeAt(q) !== 0x5e74) return null;
  return afterYear(s, year, q + 1, smallChinese);
}

function readDateAt(s: string, pos: number): DateMatch | null {
  const c = s.charCodeAt(pos);
  if (isAsciiDigit(c)) return readArabicDate(s, pos);
  const runEnd = chineseRunEnd(s, pos);
  return runEnd > pos ? readChineseDate(s, pos, runEnd) : null;
}

/** Parse a whole text as a date or year: `2023年3月29日` → { iso: "2023-03-29", … }. */
export function parseDate(text: string): ParseResult<DateValue> {
  const s = normalizeWidth(text).trim();
  if (s === '') return failure('empty', text, 'no date');
  const m = readDateAt(s, 0);
  if (m === null) {
    return /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$/.test(s)
      ? failure('out_of_range', text, 'no such day')
      : failure('not_a_number', text, 'not a date');
  }
  if (m.end !== s.length) return failure('ambiguous', text, `text after the date: ${s.slice(m.end)}`);
  const { end: _end, ...value } = m;
  return success(value);
}

/**
 * Parse a fiscal year: `2022年度`, `2022 年`, `2022`, `二〇二二年度` → 2022.
 * For years inside a longer text, `scanNumbers` reads them (kind `year`).
 */
export function parseFiscalYear(text: string): ParseResult<number> {
  const s = normalizeWidth(text).trim();
  if (/^\d{4}$/.test(s)) {
    const year = Number.parseInt(s, 10);
    return plausibleYear(year) ? success(year) : failure('out_of_range', text, 'not a plausible year');
  }
  const r = parseDate(s);
  if (!r.ok) return r;
  if (r.value.month !== null) return failure('wrong_kind', text, 'a date, not a year');
  return success(r.value.year);
}
