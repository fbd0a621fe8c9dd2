import { Dec } from './decimal.ts';
import { type Op } from './comparison.ts';
import { failure, success, type ParseResult } from './result.ts';
import { singleExpression } from './number.ts';

/**
 * Counted quantities: `47万人` → 470000 人, `1800人次`, `237所`, `12个月`,
 * `3元/人`, `10万余份` (approximate), `5台（套）`.
 */
export interface Quantity {
  /** After 万/亿: 470000 for 47万人. */
  readonly value: Dec;
  /** Without the multiplier: "人", "人次", "元/人". */
  readonly unit: string;
  readonly op: Op | null;
  readonly approx: boolean;
}

export function parseQuantity(text: string): ParseResult<Quantity> {
  const r = singleExpression(text);
  if (!r.ok) return r;
  const e = r.value;
  if (e.kind !== 'quantity' || e.unit === null) return failure('wrong_kind', text, `a ${e.kind}, not a quantity`);
  if (e.value === null) return failure('ambiguous', text, 'a range, not one quantity');
  return success({ value: new Dec(e.value), unit: e.unit, op: e.op, approx: e.approx });
}
