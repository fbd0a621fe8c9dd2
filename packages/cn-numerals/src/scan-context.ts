import { isAsciiDigit, isSpace } from './normalize.ts';
import { prevCode } from './scan-figure.ts';

/**
 * The text around a figure: the words before it in its clause, and the list markers and heading
 * numbers (1、 十一、 （十二）) that look like figures but are not.
 */

const MAX_BEFORE = 40;

/** 。；;！!？?，, and line breaks and tabs end a clause. */
function isClauseEnd(c: number): boolean {
  return (
    c === 0x3002 || c === 0xff1b || c === 0x3b || c === 0xff01 || c === 0x21 || c === 0xff1f || c === 0x3f ||
    c === 0xff0c || c === 0x2c || c === 0x0a || c === 0x0d || c === 0x09
  );
}

/** Punctuation that may start the words before a figure but is not part of them. */
function isLeadingJunk(c: number): boolean {
  return isSpace(c) || c === 0x3001 || c === 0xff1a || c === 0x3a || c === 0xff09 || c === 0x29 || c === 0x5d || c === 0x3011 || c === 0x300b || c === 0x201d || c === 0x22 || c === 0x27;
}

export function beforeWords(text: string, start: number, lowerBound: number): string {
  let p = start;
  while (p > lowerBound && isSpace(text.charCodeAt(p - 1))) p--;
  const to = p;
  const limit = Math.max(lowerBound, to - MAX_BEFORE);
  while (p > limit && !isClauseEnd(text.charCodeAt(p - 1))) p--;
  while (p < to && isLeadingJunk(text.charCodeAt(p))) p++;
  const words = text.slice(p, to);
  return INNER_SPACE.test(words) ? words.replace(INNER_SPACES, ' ') : words;
}
const INNER_SPACE = /\s\s|[\n\r\t\u3000]/;
const INNER_SPACES = /\s+/g;

/** `1、`, `2.` at the start of a list item: a one- or two-digit integer followed by 、 or by a point and no digit. */
export function isListMarker(s: string, pos: number): boolean {
  let p = pos;
  while (p < s.length && p - pos < 3 && isAsciiDigit(s.charCodeAt(p))) p++;
  if (p - pos > 2) return false;
  const c = s.charCodeAt(p);
  if (c === 0x3001 /* 、 */) return true;
  if (c === 0x2e && !isAsciiDigit(s.charCodeAt(p + 1))) {
    const before = prevCode(s, pos);
    return before === -1 || isSpace(before);
  }
  return false;
}

/** 十一、 or （十二）: a heading number, not a figure. */
export function isChineseHeading(s: string, start: number, end: number): boolean {
  const after = s.charCodeAt(end);
  if (after === 0x3001 /* 、 */) return true;
  const before = prevCode(s, start);
  return (before === 0xff08 || before === 0x28) && (after === 0xff09 || after === 0x29);
}
