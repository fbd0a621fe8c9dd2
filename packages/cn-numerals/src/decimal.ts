import Decimal from 'decimal.js';

/**
 * The Decimal constructor every value in this package goes through: 64
 * significant digits (far beyond 10^16 with two places), half-up rounding, and
 * no exponent notation in `toString()`.
 */
export const Dec = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -64, toExpPos: 64 });
export type Dec = Decimal;
/** What the public API accepts as a value: a decimal string, a Decimal or a bigint — never a JS number. */
export type DecimalInput = string | Decimal | bigint;

/** A DecimalInput as a Decimal (throws on a string that is not a number). */
export function toDec(value: DecimalInput): Decimal {
  return typeof value === 'bigint' ? new Dec(value.toString()) : new Dec(value);
}

const TEN = new Dec(10);

/** `value × 10^exponent`, exact. */
export function shift(value: Decimal, exponent: number): Decimal {
  return exponent === 0 ? value : value.times(TEN.pow(exponent));
}

/** A canonical decimal string without exponent or trailing zeros: "165800", "96.74", "-0.5". */
export function toDecimalString(value: Decimal): string {
  return value.isZero() ? '0' : value.toFixed();
}

/** Money as GOLD.md wants it: yuan with exactly two decimals ("36885900.00"). */
export function toYuanString(value: Decimal): string {
  const s = value.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

/*
 * String arithmetic for the scanner's hot path: moving a decimal point and
 * comparing is exact on digit strings, and much cheaper than a Decimal.
 * Inputs are unsigned plain decimals ("3688.59", "47", "0.5").
 */

/** An unsigned plain decimal without leading or trailing zeros: "0036.500" → "36.5", "0.0" → "0". */
export function canonicalDigits(digits: string): string {
  let a = 0;
  let b = digits.length;
  const dot = digits.indexOf('.');
  if (dot >= 0) {
    while (b > dot + 1 && digits.charCodeAt(b - 1) === 48) b--;
    if (b === dot + 1) b = dot;
  }
  const intEnd = dot >= 0 ? dot : digits.length;
  while (a < intEnd - 1 && digits.charCodeAt(a) === 48) a++;
  if (a === 0 && b === digits.length) return digits;
  const out = digits.slice(a, b);
  return out.charCodeAt(0) === 46 ? `0${out}` : out;
}

/** `digits × 10^exponent` (exponent ≥ 0) as a canonical digit string. */
export function shiftDigits(digits: string, exponent: number): string {
  if (exponent === 0) return canonicalDigits(digits);
  const dot = digits.indexOf('.');
  const int = dot >= 0 ? digits.slice(0, dot) : digits;
  const frac = dot >= 0 ? digits.slice(dot + 1) : '';
  if (frac.length <= exponent) return canonicalDigits(int + frac + '0'.repeat(exponent - frac.length));
  return canonicalDigits(`${int}${frac.slice(0, exponent)}.${frac.slice(exponent)}`);
}

/** Canonical unsigned digits as money with two decimals; more than two decimals round half up through Decimal. */
export function digitsToYuan(digits: string): string {
  const dot = digits.indexOf('.');
  if (dot < 0) return `${digits}.00`;
  const places = digits.length - dot - 1;
  if (places === 2) return digits;
  if (places === 1) return `${digits}0`;
  return new Dec(digits).toFixed(2);
}

/** Compare two canonical unsigned digit strings: -1, 0 or 1. */
export function compareDigits(a: string, b: string): number {
  const da = a.indexOf('.');
  const db = b.indexOf('.');
  const ia = da >= 0 ? da : a.length;
  const ib = db >= 0 ? db : b.length;
  if (ia !== ib) return ia < ib ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
