import { Dec } from './decimal.ts';
import { type Op } from './comparison.ts';
import { failure, success, type ParseResult } from './result.ts';
import { singleExpression } from './number.ts';

/** Percent and per-mille: `96.74%`, `９５％`, `百分之九十五`, `5‰`, `3个百分点`, `≥90%`. */
export interface Percent {
  /** The number before the sign: 96.74 for 96.74%. */
  readonly value: Dec;
  readonly unit: '%' | '‰' | '个百分点';
  readonly op: Op | null;
  readonly approx: boolean;
}

export function parsePercent(text: string): ParseResult<Percent> {
  const r = singleExpression(text);
  if (!r.ok) return r;
  const e = r.value;
  if (e.kind !== 'percent') return failure('wrong_kind', text, `a ${e.kind}, not a percent`);
  if (e.value === null) return failure('ambiguous', text, 'a range, not one percent');
  return success({ value: new Dec(e.value), unit: e.unit as Percent['unit'], op: e.op, approx: e.approx });
}
