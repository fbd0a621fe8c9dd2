/**
 * Local number helpers until @budget-ingest/cn-numerals exports its API:
 * money with units to yuan (indicator cells are read by indicator-cell.ts on
 * cn-numerals).
 * Everything exact (decimal.js), nothing through JS floats.
 * TODO: move to cn-numerals once its index.ts exposes the equivalents.
 */
import Decimal from 'decimal.js';

/** A number as printed ("3,688.59") → Decimal, or null. */
export function toDecimal(text: string): Decimal | null {
  const clean = text.replace(/[,，]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(clean)) return null;
  return new Decimal(clean);
}

/** Money to yuan with two decimals: ("3688.59", "万元") → "36885900.00". */
export function toYuan(number: string, unit: string): string | null {
  const value = toDecimal(number);
  if (value === null) return null;
  const exp = unit.startsWith('亿') ? 8 : unit.startsWith('万') ? 4 : unit.startsWith('千') ? 3 : 0;
  return value.times(new Decimal(10).pow(exp)).toFixed(2);
}

/** Decimal string without trailing zeros ("165800", "96.74"). */
export function plain(value: Decimal): string {
  return value.toFixed();
}
