import { isAsciiDigit, isIdeograph, normalizeWidth, skipInlineSpaces } from './normalize.ts';
import { failure, success, type ParseResult } from './result.ts';

/**
 * Document numbers (文号): issuer abbreviation, year in brackets, serial and 号:
 * `合医保发〔2025〕54号`, `韶财社〔2021〕139号`, `达州财社（2022）86号`,
 * `川财预[2019]3号`.
 */
export interface DocNumber {
  /** As printed, white space removed: "达州财社（2022）86号". */
  readonly text: string;
  readonly issuer: string;
  readonly year: number;
  readonly serial: number;
}

export interface DocNumberMatch extends DocNumber {
  readonly start: number;
  readonly end: number;
}

const OPEN = '〔[［（(【';
const CLOSE = '〕]］）)】';
/** Words that come before a document number and are never part of its issuer. */
const LEAD_WORDS = ['根据', '依据', '按照', '参照', '关于', '转发', '印发', '执行', '落实', '贯彻', '详见', '文件', '通知', '的', '见', '和', '及', '与', '或'];
const MAX_ISSUER = 12;

export function isDocNumberOpen(c: number): boolean {
  return OPEN.includes(String.fromCharCode(c));
}

/** A document number whose year bracket opens at `pos` (the issuer is read backwards), or null. `s` is width-normalised. */
export function readDocNumber(s: string, pos: number): DocNumberMatch | null {
  let p = skipInlineSpaces(s, pos + 1, 2);
  let year = 0;
  for (let i = 0; i < 4; i++, p++) {
    const c = s.charCodeAt(p);
    if (!isAsciiDigit(c)) return null;
    year = year * 10 + (c - 48);
  }
  p = skipInlineSpaces(s, p, 2);
  if (!CLOSE.includes(s.charAt(p)) || p >= s.length) return null;
  p = skipInlineSpaces(s, p + 1, 2);
  const serialStart = p;
  let serial = 0;
  while (p < s.length && p - serialStart < 6 && isAsciiDigit(s.charCodeAt(p))) {
    serial = serial * 10 + (s.charCodeAt(p) - 48);
    p++;
  }
  if (p === serialStart) return null;
  p = skipInlineSpaces(s, p, 2);
  if (s.charCodeAt(p) !== 0x53f7 /* 号 */) return null;
  const end = p + 1;
  let start = pos;
  while (start > 0 && pos - start < MAX_ISSUER && isIdeograph(s.charCodeAt(start - 1))) start--;
  // cut after the last word that cannot be part of an issuer (根据, 的, 通知 …)
  const candidate = s.slice(start, pos);
  let cut = 0;
  for (const w of LEAD_WORDS) {
    const at = candidate.lastIndexOf(w);
    if (at >= 0 && at + w.length > cut && at + w.length < candidate.length) cut = at + w.length;
  }
  start += cut;
  const issuer = candidate.slice(cut);
  return { text: s.slice(start, end).replace(/\s+/g, ''), issuer, year, serial, start, end };
}

/** Parse a whole text as a document number. */
export function parseDocNumber(text: string): ParseResult<DocNumber> {
  const s = normalizeWidth(text).trim();
  if (s === '') return failure('empty', text, 'no document number');
  for (let i = 0; i < s.length; i++) {
    if (!isDocNumberOpen(s.charCodeAt(i))) continue;
    const m = readDocNumber(s, i);
    if (m === null) continue;
    if (m.start !== 0 || m.end !== s.length) return failure('ambiguous', text, 'text around the document number');
    const { start: _s, end: _e, ...value } = m;
    return success(value);
  }
  return failure('not_a_number', text, 'not a document number (issuer〔year〕serial号)');
}
