/**
 * A spreadsheet cell's value as a person sees it: numbers through their number
 * format (percent, fixed decimals, thousands separators), dates as ISO dates,
 * formulas by their cached result, rich text joined.
 */
export type SheetValue =
  | null
  | undefined
  | number
  | string
  | boolean
  | Date
  | { readonly richText: readonly { readonly text: string }[] }
  | { readonly text: string; readonly hyperlink: string }
  | { readonly result?: unknown; readonly formula?: string; readonly sharedFormula?: string }
  | { readonly error: string };

export function toCellText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: unknown }[]).map((r) => String(r.text ?? '')).join('');
    if (typeof v.text === 'string') return v.text;
    if ('result' in v || 'formula' in v || 'sharedFormula' in v) return toCellText(v.result, numFmt);
    if (typeof v.error === 'string') return v.error;
  }
  return '';
}

/** Applies the parts of an Excel number format that change what is read: percent, decimals, thousands separators. */
export function formatNumber(n: number, numFmt: string | undefined): string {
  const section = (numFmt ?? 'General').split(';')[0]!.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  if (section === '' || /general/i.test(section) || !/[0#?]/.test(section)) return trimFloat(n);
  const percent = section.includes('%');
  const decimals = /\.([0#?]+)/.exec(section)?.[1]?.length ?? 0;
  const value = percent ? n * 100 : n;
  let text = value.toFixed(decimals);
  if (/[0#],[0#]/.test(section)) {
    const [int, frac] = text.split('.');
    text = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac === undefined ? '' : `.${frac}`);
  }
  return percent ? `${text}%` : text;
}

/** 0.1 + 0.2 prints as 0.3: fifteen significant digits, as Excel shows a General number. */
function trimFloat(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(15)));
}
