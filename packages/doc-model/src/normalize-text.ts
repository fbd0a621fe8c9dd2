import { normalizeIdeographs } from './cjk-radicals.ts';

/*
 * The one text normaliser of the project. Every reader folds the same things: NFKC (full-width
 * digits, letters and punctuation → ASCII, the ideographic and no-break spaces → a space,
 * compatibility forms → ordinary characters) and the CJK radicals NFKC leaves alone (⻋ → 车).
 * Two forms come out of it: the model's text, which keeps one space where a reader sees one, and
 * the compact form the parser matches labels and titles on, which keeps none ("收 入 合 计" and
 * "收入合计" are one label).
 */

/** Characters that print nothing: zero-width space and joiners, word joiner, byte-order mark, soft hyphen. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
const LINE_BREAK = /[ \t]*[\r\n]+[ \t]*/g;
const LATIN_OR_DIGIT = /[A-Za-z0-9]/;

/**
 * Text as the document model holds it: normalised, invisible characters removed, white space
 * collapsed to one space and trimmed. A line break inside a paragraph or cell is layout, not
 * content: it joins CJK text without a space, and Latin words or numbers with one.
 */
export function toModelText(raw: string): string {
  return normalizeIdeographs(raw)
    .replace(INVISIBLE, '')
    .replace(LINE_BREAK, (m: string, offset: number, whole: string) => {
      const before = whole[offset - 1] ?? '';
      const after = whole[offset + m.length] ?? '';
      return LATIN_OR_DIGIT.test(before) && LATIN_OR_DIGIT.test(after) ? ' ' : '';
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The form to match labels, titles and names on: normalised, with no white space at all. */
export function toCompactText(text: string): string {
  return normalizeIdeographs(text).replace(/\s+/g, '');
}
