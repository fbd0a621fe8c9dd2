import { isHeadingLength, splitHeadingNumbering, MAX_NUMBERED_HEADING_CHARS } from '@budget-ingest/doc-model';

/**
 * Headings of a PDF: the numbering rules are doc-model's (shared with the DOCX
 * extractor, so both formats split headings the same way); a PDF adds titles
 * recognised by their size, as it has no paragraph styles.
 */

/** Splits leading numbering off a text: "(一) 部门职能" → { numbering: "(一)", rest: "部门职能" }. */
export function splitNumbering(text: string): { numbering: string | null; rest: string } {
  const { numbering, text: rest } = splitHeadingNumbering(text);
  return { numbering, rest };
}

/** The kind of numbering, so that siblings (一、 and 二、, 1. and 2.) can be compared. */
export function numberingFamily(numbering: string): string {
  return numbering.replace(/[一二三四五六七八九十百零〇两]+/gu, 'C').replace(/\d+/g, 'D').replace(/[\u2460-\u2473]/gu, 'O');
}

/** True when a line starts with heading numbering (it may start a new paragraph). */
export function startsWithNumbering(text: string): boolean {
  return splitNumbering(text).numbering !== null;
}

export interface HeadingCandidate {
  readonly text: string;
  /** Lines the paragraph took on the page. */
  readonly lineCount: number;
  /** Its glyph size against the body text's. */
  readonly sizeRatio: number;
}

const TITLE_SIZE_RATIO = 1.25;
const MAX_TITLE_CHARS = 60;

/**
 * A paragraph is a heading when it is numbered, takes one line and is short,
 * and no sentence runs on after a stop inside it ("(二) 年度总体工作。" is a
 * heading, "1. 年度总体工作。以习近平…" is not); or when it is a short
 * paragraph set clearly larger than the body text (a title, then without
 * numbering). Word's heading styles, which the DOCX extractor reads, are not in
 * a PDF: a numbered heading ending in "。" is common there, so it counts here.
 */
export function toHeading(p: HeadingCandidate): { numbering: string | null; text: string } | null {
  const { numbering, rest } = splitNumbering(p.text);
  if (numbering !== null) {
    if (p.lineCount !== 1 || rest.length > MAX_NUMBERED_HEADING_CHARS || !/[\p{L}\p{N}]/u.test(rest)) return null;
    if (/[。;；:：]./u.test(rest) || /[,;，；:：]$/u.test(rest) || isTocEntry(rest)) return null;
    return { numbering, text: rest };
  }
  if (p.sizeRatio >= TITLE_SIZE_RATIO && p.lineCount <= 2 && p.text.length <= MAX_TITLE_CHARS && isHeadingLength(p.text)) return { numbering: null, text: p.text };
  return null;
}

/** A table-of-contents line: dot leaders (or a wide gap) and a page number. */
export function isTocEntry(text: string): boolean {
  return /(?:[.…·]{3,}|\s{2,})\s*\d+$/u.test(text);
}
