/**
 * Width normalisation that keeps every character at its index, so that spans
 * found in the normalised text are spans of the original: full-width digits
 * and the signs that matter for numbers become ASCII (`３６８８．５９` →
 * `3688.59`, `９５％` → `95%`, `＞` → `>`), ≧ ≦ become ≥ ≤, the ideographic
 * space a space. Chinese punctuation (，（）：) is left alone.
 */
/** Replacement code for each character that is normalised, 0 for the rest. */
const REPLACEMENT = new Uint16Array(0x10000);
for (const c of [0xff05, 0xff0b, 0xff0d, 0xff0e, 0xff0f, 0xff1c, 0xff1d, 0xff1e, 0xff5e]) REPLACEMENT[c] = c - 0xfee0;
for (let c = 0xff10; c <= 0xff19; c++) REPLACEMENT[c] = c - 0xfee0;
REPLACEMENT[0x3000] = 0x20;
REPLACEMENT[0x00a0] = 0x20;
REPLACEMENT[0x2266] = 0x2264; // ≦ → ≤
REPLACEMENT[0x2267] = 0x2265; // ≧ → ≥
REPLACEMENT[0x2212] = 0x2d; // − → -

export function normalizeWidth(text: string): string {
  const n = text.length;
  let i = 0;
  while (i < n && REPLACEMENT[text.charCodeAt(i)] === 0) i++;
  if (i === n) return text;
  // join() gives a flat string, which the scanner reads faster than a concatenation rope
  const parts: string[] = [];
  let from = 0;
  for (; i < n; i++) {
    const r = REPLACEMENT[text.charCodeAt(i)]!;
    if (r !== 0) {
      parts.push(text.slice(from, i), String.fromCharCode(r));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts.join('');
}

/** Space, tab and the other in-line blanks (not line breaks). */
export function isInlineSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000 || c === 0xa0;
}

/** Any white space, line breaks included. */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000 || c === 0xa0 || c === 0x0c;
}

export function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** A CJK ideograph (the basic block). */
export function isIdeograph(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fff;
}

export function skipSpaces(s: string, pos: number, limit = 8): number {
  let p = pos;
  while (p < s.length && p - pos < limit && isSpace(s.charCodeAt(p))) p++;
  return p;
}

export function skipInlineSpaces(s: string, pos: number, limit = 4): number {
  let p = pos;
  while (p < s.length && p - pos < limit && isInlineSpace(s.charCodeAt(p))) p++;
  return p;
}

/** Index just past the white space that ends before `pos` (going backwards). */
export function skipSpacesBack(s: string, pos: number, limit = 8): number {
  let p = pos;
  while (p > 0 && pos - p < limit && isSpace(s.charCodeAt(p - 1))) p--;
  return p;
}
