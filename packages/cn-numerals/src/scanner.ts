import { chineseRunEnd, isChineseNumeralChar } from './chinese-numeral.ts';
import { readArabicDate, readChineseDate } from './date.ts';
import { isDocNumberOpen, readDocNumber } from './doc-number.ts';
import { isAsciiDigit, normalizeWidth } from './normalize.ts';
import { beforeWords, isChineseHeading, isListMarker } from './scan-context.ts';
import { percentWord, readExpression, readPercentWord } from './scan-expression.ts';
import { isAsciiLetter, prevCode } from './scan-figure.ts';
import type { Draft, NumberExpression, ScanOptions } from './scan-types.ts';

/**
 * The text scanner: every number expression in a stretch of running text or a
 * table cell, with its span, kind, value, unit, qualifiers and the words
 * before it. Never throws; what it cannot read it skips.
 */
export { EXPRESSION_KINDS, type ExpressionKind, type Measure, type NumberExpression, type ScanOptions } from './scan-types.ts';

const C_DIGIT = 1;
const C_CHINESE = 2;
const C_OPEN = 3;
const CLASS = new Uint8Array(0x10000);
for (let c = 0x30; c <= 0x39; c++) CLASS[c] = C_DIGIT;
for (let c = 0; c < 0x10000; c++) if (isChineseNumeralChar(c)) CLASS[c] = C_CHINESE;
for (const ch of '〔[［（(【') CLASS[ch.charCodeAt(0)] = C_OPEN;

/** What may follow a one-character numeral for it to be read: 元 圆 角 分 (also 百分之) 个(百分点/月). */
const SINGLE_NUMERAL_FOLLOWER = new Uint8Array(0x10000);
for (const ch of '元圆角分个') SINGLE_NUMERAL_FOLLOWER[ch.charCodeAt(0)] = 1;

function dateDraft(start: number, end: number, iso: string, fiscal: boolean): Draft {
  return { kind: 'date', start, end, value: iso, low: null, high: null, unit: fiscal ? '年度' : null, printedUnit: null, measure: null, op: null, approx: false };
}

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
