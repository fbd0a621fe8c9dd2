/**
 * Years and dates as the genre prints them, taken from the layer's figures:
 * "2023年", "2023年度", "二〇二三年", the year of a date ("2023年10月24日"), the
 * end of a range ("2023至2025年"). Titles, column headers, comparisons ("比
 * 2022年") and the year before a figure all ask here, so a year is read by the
 * same rules wherever it is printed.
 */
import { figuresIn, type Figure } from './figure.ts';

/** Years a report of the genre is about or compares with: this century's (a 1998年 is history, not a fiscal year). */
export const REPORT_YEARS = { from: 2000, to: 2099 } as const;

export interface PrintedYear {
  readonly year: number;
  /**
   * The year and its 年, as offsets into the text: "2023年" of "与2023年度相比"
   * (start at the first digit, end after 年, so the words around it can be read);
   * for a range, the whole range ("2023至2025年").
   */
  readonly start: number;
  readonly end: number;
  /** Printed right after a word that compares with it (比2022年, 较2022年, 与2022年度相比, 同2022年): the earlier year of a change. */
  readonly compared: boolean;
}

/** The characters that, right before a year, make it the year compared with. */
export const COMPARED_WITH = '比较与同';

export interface YearOptions {
  /** Also a bare four-digit year printed without 年, as in a column header ("2024预算数"). */
  readonly bare?: boolean;
}

/** Every year printed in `text`, in order. */
export function yearsIn(text: string, options: YearOptions = {}): PrintedYear[] {
  const out: PrintedYear[] = [];
  for (const f of figuresIn(text)) {
    const y = printedYear(f, options);
    if (y !== null && y.year >= REPORT_YEARS.from && y.year <= REPORT_YEARS.to) out.push({ ...y, compared: y.start > 0 && COMPARED_WITH.includes(text[y.start - 1]!) });
  }
  return out;
}

/** The first year printed in `text` ("2026年部门…表" → 2026), or null. */
export function yearOf(text: string, options: YearOptions = {}): number | null {
  return yearsIn(text, options)[0]?.year ?? null;
}

/**
 * An item number, its point if printed, and a four-digit year: "1.2026", "12.2024", and "12024" of
 * 附件1 2024年度 / 表1 2024年 once a line's spaces are gone (the year range check drops "12345").
 */
const ENUMERATED_YEAR = /^(\d{1,2}\.?)(\d{4})$/;

/** A year, its point and a month: the first end of a period of months ("2023.1" of "2023.1-12"). */
const YEAR_MONTH = /^(\d{4})\.(\d{1,2})$/;

/** A first and a last month of one year. */
function isMonthRange(first: number, last: number): boolean {
  return Number.isInteger(last) && first >= 1 && last >= first && last <= 12;
}

function printedYear(f: Figure, options: YearOptions): Omit<PrintedYear, 'compared'> | null {
  // 年 right after the year's digits: "2023年", "2023年度", "2023年10月24日" (not 2022.4.15, whose year stands alone).
  const nian = f.text.indexOf('年');
  const span = { start: f.digitsAt, end: f.start + nian + 1 };
  if (f.kind === 'year' && f.value !== null && nian >= 0) return { year: f.value.toNumber(), ...span };
  if (f.kind === 'date' && f.iso !== null && nian >= 0) return { year: Number(f.iso.slice(0, 4)), ...span };
  // An item number glued to a year ("1.2026年预算单位…表" in a list of tables, "附件12024年度…") reads as a duration to the scanner.
  const enumerated = f.kind === 'quantity' && f.unit === '年' && nian >= 0 ? ENUMERATED_YEAR.exec(f.number) : null;
  if (enumerated) return { year: Number(enumerated[2]), start: f.digitsAt + enumerated[1]!.length, end: span.end };
  // A range of years ("2023至2025年", "2024-2025年") is printed for its last year.
  if (f.kind === 'quantity' && f.unit === '年' && f.high !== null && f.text.endsWith('年')) return { year: f.high.toNumber(), start: f.digitsAt, end: f.end };
  // A year and the months of it a column covers ("2023.1-12执行数", "2024.1-6月"): the year. Only a
  // range of months (first month 1–12, last month from the first to 12), and only in a column header
  // (bare) or followed by 月, so that a range of figures such as 2023.5-8 in a sentence stays figures.
  // What a range is (its separators, the spaces around them) is the scanner's to say; its ends come
  // ordered by value, so the last month, always below the year, is the low end.
  const months = (options.bare || f.unit === '月') && f.low !== null ? YEAR_MONTH.exec(f.number) : null;
  if (months && isMonthRange(Number(months[2]), f.low!.toNumber())) return { year: Number(months[1]), start: f.digitsAt, end: f.digitsAt + 4 };
  if (options.bare && f.kind === 'number' && f.value !== null && f.decimals === 0 && f.number.length === 4 && f.value.isInteger()) return { year: f.value.toNumber(), start: f.start, end: f.end };
  return null;
}

export interface PrintedDate {
  /** "2023-10-24". */
  readonly iso: string;
  /** The date as printed, and where it ends in the text. */
  readonly text: string;
  readonly end: number;
}

/** `text` with its printed years (2023年, 2023年度) cut out. */
export function withoutYears(text: string): string {
  let out = '';
  let from = 0;
  for (const y of yearsIn(text)) {
    out += text.slice(from, y.start);
    from = text[y.end] === '度' ? y.end + 1 : y.end;
  }
  return out + text.slice(from);
}

/**
 * A time of day after a date (发布时间:2023-12-05 15:04): not part of the date,
 * and once a line is compacted it is glued to the day ("2023-12-0515:04").
 */
const TIME_OF_DAY = /\d{1,2}:\d{2}(?::\d{2})?/;

/** A day's date printed at the start of `text` ("2023年10月24日", "2022.4.15", "2022-04-15"), or null (a month alone is no day). */
export function dateAtStart(text: string): PrintedDate | null {
  const time = TIME_OF_DAY.exec(text);
  const f = figuresIn(time ? text.slice(0, time.index) : text)[0];
  if (f === undefined || f.start !== 0 || f.kind !== 'date' || f.iso === null || !/^\d{4}-\d{2}-\d{2}$/.test(f.iso)) return null;
  const year = Number(f.iso.slice(0, 4));
  return year >= REPORT_YEARS.from && year <= REPORT_YEARS.to ? { iso: f.iso, text: f.text, end: f.end } : null;
}
