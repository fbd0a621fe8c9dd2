import type { ListEntry } from './links.ts';

export interface EntryFilter {
  readonly keywords: readonly string[];
  readonly exclude: readonly string[];
  readonly minYear?: number | undefined;
  readonly maxYear?: number | undefined;
}

export type FilterVerdict = { readonly keep: true } | { readonly keep: false; readonly reason: 'no-keyword' | 'excluded-keyword' | 'year-out-of-range'; readonly detail: string };

/**
 * Whether a list entry is worth following. Years come from the title
 * (「2023年部门预算」) and, when the title names none, from the list date.
 */
export function filterEntry(entry: Pick<ListEntry, 'title' | 'date'>, f: EntryFilter): FilterVerdict {
  const title = entry.title;
  const excluded = f.exclude.find((k) => title.includes(k));
  if (excluded) return { keep: false, reason: 'excluded-keyword', detail: `title contains "${excluded}"` };
  if (f.keywords.length > 0 && !f.keywords.some((k) => title.includes(k))) {
    return { keep: false, reason: 'no-keyword', detail: `title has none of ${f.keywords.join(', ')}` };
  }
  if (f.minYear !== undefined || f.maxYear !== undefined) {
    const years = [...title.matchAll(/(?:19|20)\d{2}(?=\s*年|\D|$)/g)].map((m) => Number(m[0]));
    const candidates = years.length > 0 ? years : entry.date ? [Number(entry.date.slice(0, 4))] : [];
    const inRange = (y: number) => (f.minYear === undefined || y >= f.minYear) && (f.maxYear === undefined || y <= f.maxYear);
    if (candidates.length > 0 && !candidates.some(inRange)) {
      return { keep: false, reason: 'year-out-of-range', detail: `year ${candidates.join('/')} outside ${f.minYear ?? '…'}–${f.maxYear ?? '…'}` };
    }
  }
  return { keep: true };
}
