import { parseDate, type DateValue } from './date.ts';
import { parseDocNumber, type DocNumber } from './doc-number.ts';
import { scanNumbers } from './scanner.ts';

/**
 * Dates, years and document numbers inside a longer text (a title, a
 * signature line, a header).
 */

/** Every date or year in `text`, in order, with its span. */
export function findDates(text: string): (DateValue & { readonly start: number; readonly end: number; readonly text: string })[] {
  const out: (DateValue & { start: number; end: number; text: string })[] = [];
  for (const e of scanNumbers(text)) {
    if (e.kind !== 'date') continue;
    const r = parseDate(e.text);
    if (r.ok) out.push({ ...r.value, start: e.start, end: e.end, text: e.text });
  }
  return out;
}

/**
 * The fiscal year a title or heading names: the first `YYYY年度`, else the
 * first year or date. `2023年度株洲市芦淞区医疗保障局整体支出绩效自评报告` → 2023.
 */
export function findFiscalYear(text: string): number | null {
  const dates = findDates(text);
  const fiscal = dates.find((d) => d.fiscalYear);
  return (fiscal ?? dates[0])?.year ?? null;
}

/** Every document number (文号) in `text`, in order, with its span. */
export function findDocNumbers(text: string): (DocNumber & { readonly start: number; readonly end: number })[] {
  const out: (DocNumber & { start: number; end: number })[] = [];
  for (const e of scanNumbers(text)) {
    if (e.kind !== 'docno') continue;
    const r = parseDocNumber(e.text);
    if (r.ok) out.push({ ...r.value, start: e.start, end: e.end });
  }
  return out;
}
