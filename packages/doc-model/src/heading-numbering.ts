/**
 * Heading numbering as printed in Chinese government documents, shared by the
 * extractors so that a DOCX and its PDF split headings the same way.
 * Works on NFKC-normalised text: "（一）" arrives as "(一)", "１．" as "1.".
 */

const CN = '一二三四五六七八九十百零〇两';
const NUMBERING_PATTERNS: readonly RegExp[] = [
  new RegExp(`^第[${CN}\\d]+(?:部分|章|节|篇|条)`), // 第一部分
  new RegExp(`^[${CN}]+[、.]`), // 一、
  new RegExp(`^\\([${CN}]+\\)[、.]?`), // (一)
  /^\d{1,2}(?:\.\d{1,2})*[、.](?!\d)/, // 1.  1、  1.1.
  /^\d{1,2}(?:\.\d{1,2})+(?=\s)/, // 1.1 (followed by a space)
  /^\(\d{1,2}\)[、.]?/, // (1)
  /^\d{1,2}\)/, // 1)
  /^[\u2460-\u2473\u2776-\u277f]/, // ①
];

/** Splits "一、部门职责" into { numbering: "一、", text: "部门职责" }; numbering null when the text starts with none. */
export function splitHeadingNumbering(text: string): { numbering: string | null; text: string } {
  const trimmed = text.trim();
  for (const re of NUMBERING_PATTERNS) {
    const m = re.exec(trimmed);
    if (m) {
      const rest = trimmed.slice(m[0].length).trim();
      if (rest.length > 0) return { numbering: m[0], text: rest };
    }
  }
  return { numbering: null, text: trimmed };
}

/** Longest heading text (after the numbering) still taken for a heading when no style says so. */
export const MAX_NUMBERED_HEADING_CHARS = 40;

const SENTENCE_END = /[。；;，,：:]$/;
const TOC_LEADER = /(?:\.{3,}|…{2,}|·{3,}|-{3,})\s*\d+$/;

/**
 * True when a paragraph without a heading style reads as a heading: it starts
 * with a numbering, the rest is short, holds no full stop and does not end
 * like a sentence; lines of a table of contents (dot leaders and a page
 * number) are not headings.
 */
export function looksLikeNumberedHeading(text: string): boolean {
  const { numbering, text: rest } = splitHeadingNumbering(text);
  return numbering !== null && isHeadingLength(rest);
}

/** The text after a heading's numbering reads as a heading: short, no full stop, not a sentence end, not a table-of-contents line. */
export function isHeadingLength(rest: string): boolean {
  if (rest === '' || rest.length > MAX_NUMBERED_HEADING_CHARS) return false;
  return !(rest.includes('。') || SENTENCE_END.test(rest) || TOC_LEADER.test(rest));
}
