import { normalizeIdeographs } from '@budget-ingest/doc-model';

/**
 * Text as the model holds it: Unicode NFKC (full-width digits and letters →
 * ASCII, Kangxi radicals → ordinary characters, ideographic space → space),
 * invisible characters removed, white space collapsed. A line break inside a
 * paragraph or cell is layout, not content: it joins CJK text without a space
 * and Latin words or numbers with one.
 */
export function normalizeText(raw: string): string {
  // NFKC, and CJK radicals NFKC leaves alone (⻋ → 车) as unified ideographs.
  return normalizeIdeographs(raw)
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[ \t]*[\r\n]+[ \t]*/g, (_m, offset: number, whole: string) => {
      const before = whole[offset - 1] ?? '';
      const after = whole[offset + _m.length] ?? '';
      return /[A-Za-z0-9]/.test(before) && /[A-Za-z0-9]/.test(after) ? ' ' : '';
    })
    .replace(/\s+/g, ' ')
    .trim();
}
