/**
 * Text normalisation for matching. The parser reads a normalised copy of each
 * block's text: full-width ASCII folded (（ → (, ： → :, ， → ,), white space
 * between characters removed (PDF text puts spaces around numbers: "2020 年").
 * Names that go into the output are rendered back with Chinese parentheses.
 */

/** NFKC plus white space removal (kept only between two Latin letters). */
export function normaliseText(text: string): string {
  const cached = CACHE.get(text);
  if (cached !== undefined) return cached;
  const out = text
    .normalize('NFKC')
    .replace(/[\u201c\u201d\u300c\u300d]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/(?<![A-Za-z])\s+|\s+(?![A-Za-z])/g, '')
    .replace(/\s+/g, ' ')
    .replace(/收、支/g, '收支');
  if (CACHE.size > 50_000) CACHE.clear();
  CACHE.set(text, out);
  return out;
}

/** Memo of normalised texts: the same block text is read by several readers. Pure (a cache of a pure function). */
const CACHE = new Map<string, string>();

/** A name as output: normalised, with Chinese parentheses and colon. */
export function displayName(text: string): string {
  return normaliseText(text).replace(/\(/g, '（').replace(/\)/g, '）').replace(/"/g, '“').replace(/^[“]([^“]*)“/, '“$1”');
}

/** True when the text looks like a table-of-contents entry ("一、部门职责.....4"). */
export function isTocEntry(text: string): boolean {
  return /(\.{3,}|…{2,}|·{3,})\s*\d*\s*$/.test(text) || /\.{4,}\s*\d+/.test(text);
}
