import { Dec } from './decimal.ts';
import { failure, success, type ParseResult } from './result.ts';
import { singleExpression } from './number.ts';
import type { Measure } from './scanner.ts';

/** A signed change: `增长442%` → +442 %, `减少0.1万元` → -1000.00 元. */
export interface Change {
  /** Signed; money in yuan. */
  readonly value: Dec;
  /** "%", "元", "个百分点", "人"… or null for a bare number. */
  readonly unit: string | null;
  readonly measure: Measure;
}

export function parseChange(text: string): ParseResult<Change> {
  const r = singleExpression(text);
  if (!r.ok) return r;
  const e = r.value;
  if (e.kind !== 'change' || e.value === null || e.measure === null) return failure('wrong_kind', text, `a ${e.kind}, not a change`);
  return success({ value: new Dec(e.value), unit: e.unit, measure: e.measure });
}
