/**
 * Joining text the way a reader would: NFKC normalisation, no spaces between
 * Han characters or between a number and the Han unit that follows it, and a
 * space only between two Latin words.
 */
import { normalizeIdeographs } from '@budget-ingest/doc-model';

const CJK = /[\u2E80-\u2FDF\u3000-\u303F\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u201C\u201D\u2018\u2019\u2014\u2026\u00B7]/u;
const WORD = /[A-Za-z0-9]/;

/** NFKC (Kangxi radicals → ideographs, full-width digits → ASCII) and one space for every run of white space. */
export function normalizeText(text: string): string {
  return normalizeIdeographs(text).replace(/[\s\u00A0\u3000]+/g, ' ');
}

/** Removes spaces the layout put between Han characters, or between a Han character and a number. */
export function squeezeSpaces(text: string): string {
  return text
    .replace(/ +(?= )/g, '')
    .replace(/(\S) (?=\S)/gu, (m: string, a: string, offset: number, whole: string) => {
      const b = whole.charAt(offset + a.length + 1);
      // "率: 100%": punctuation after a Han character belongs to the Chinese text.
      if (/[,.;:!?)\]]/.test(a) && offset > 0 && CJK.test(whole.charAt(offset - 1))) return a;
      return needsSpace(a, b) ? m : a;
    })
    .trim();
}

/**
 * Whether two pieces of text that meet should be separated by a space: only
 * between Latin words or numbers, never next to a Han character. Across a line
 * break (`lineBreak`) two digits belong to one number.
 */
export function needsSpace(before: string, after: string, lineBreak = false): boolean {
  if (before === '' || after === '') return false;
  if (CJK.test(before) || CJK.test(after)) return false;
  if (lineBreak && /\d/.test(before) && /\d/.test(after)) return false;
  return /[A-Za-z0-9%),;:.]/.test(before) && WORD.test(after);
}

/**
 * Joins two pieces (runs of one line, or lines of one paragraph). `gap` says
 * whether the layout left visible room between them; `lineBreak` that they are
 * two lines of one paragraph.
 */
export function joinPieces(a: string, b: string, gap: boolean, lineBreak = false): string {
  const left = a.trimEnd();
  const right = b.trimStart();
  if (left === '') return right;
  if (right === '') return left;
  const spaced = lineBreak || gap || left.length !== a.length || right.length !== b.length;
  return spaced && needsSpace(left.charAt(left.length - 1), right.charAt(0), lineBreak) ? `${left} ${right}` : left + right;
}
