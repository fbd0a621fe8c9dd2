import { Dec } from './decimal.ts';
import { isAsciiDigit, normalizeWidth } from './normalize.ts';
import { failure, success, type ParseResult } from './result.ts';

/**
 * Arabic numbers as printed in Chinese documents: `3688.59`, `1,234.56`,
 * full-width `３６８８．５９` (after width normalisation), and thousands
 * groups split by single spaces (`3 688.59`) — the last only where a unit
 * follows, since elsewhere the space may separate two table cells.
 */
export interface ArabicMatch {
  readonly end: number;
  /** Clean decimal digits: "3688.59". */
  readonly digits: string;
  /** True when the number has no decimal point. */
  readonly integer: boolean;
}

function digitsEnd(s: string, pos: number): number {
  let p = pos;
  while (p < s.length && isAsciiDigit(s.charCodeAt(p))) p++;
  return p;
}

/** Exactly three digits at `pos` and no fourth. */
function threeDigits(s: string, pos: number): boolean {
  return (
    isAsciiDigit(s.charCodeAt(pos)) &&
    isAsciiDigit(s.charCodeAt(pos + 1)) &&
    isAsciiDigit(s.charCodeAt(pos + 2)) &&
    !isAsciiDigit(s.charCodeAt(pos + 3))
  );
}

/**
 * Read an unsigned Arabic number at `pos` of a width-normalised string.
 * `unitFollows(s, p)` tells whether a unit starts at `p`; space-split groups
 * are joined only then.
 */
export function readArabic(s: string, pos: number, unitFollows: (s: string, p: number) => boolean): ArabicMatch | null {
  let p = digitsEnd(s, pos);
  if (p === pos) return null;
  let digits = s.slice(pos, p);
  const firstGroup = p - pos;
  if (firstGroup <= 3) {
    const sep = s.charCodeAt(p);
    if (sep === 0x2c /* , */ && threeDigits(s, p + 1)) {
      while (s.charCodeAt(p) === 0x2c && threeDigits(s, p + 1)) {
        digits += s.slice(p + 1, p + 4);
        p += 4;
      }
    } else if (sep === 0x20 && threeDigits(s, p + 1)) {
      let q = p;
      let joined = digits;
      while (s.charCodeAt(q) === 0x20 && threeDigits(s, q + 1)) {
        joined += s.slice(q + 1, q + 4);
        q += 4;
      }
      let r = q;
      if (s.charCodeAt(r) === 0x2e && isAsciiDigit(s.charCodeAt(r + 1))) r = digitsEnd(s, r + 1);
      let u = r;
      while (s.charCodeAt(u) === 0x20 && u - r < 2) u++;
      if (unitFollows(s, u)) {
        digits = joined;
        p = q;
      }
    }
  }
  if (s.charCodeAt(p) === 0x2e && isAsciiDigit(s.charCodeAt(p + 1))) {
    const e = digitsEnd(s, p + 1);
    return { end: e, digits: `${digits}.${s.slice(p + 1, e)}`, integer: false };
  }
  return { end: p, digits, integer: true };
}

/** Parse a whole text as an Arabic number with an optional sign (`+`, `-`, `负`): `-1,234.56` → -1234.56. */
export function parseArabicNumber(text: string): ParseResult<Dec> {
  const s = normalizeWidth(text).trim();
  if (s === '') return failure('empty', text, 'no number');
  let start = 0;
  let negative = false;
  const c = s.charAt(0);
  if (c === '-' || c === '负') {
    negative = true;
    start = 1;
  } else if (c === '+') start = 1;
  const m = readArabic(s, start, () => true);
  if (m === null) return failure('not_a_number', text, 'no Arabic digits');
  if (m.end !== s.length) return failure('ambiguous', text, `text after the number: ${s.slice(m.end)}`);
  const v = new Dec(m.digits);
  return success(negative ? v.negated() : v);
}
