import type { AmountItem, Anchor, Phase, ValueBox } from './types.ts';

/** A headline figure as one statement printed it, before one-per-key selection. */
export interface AmountCandidate {
  readonly item: AmountItem;
  readonly phase: Phase;
  readonly fiscal_year: number;
  readonly yuan: string;
  /** Exponent of the last printed digit in yuan: smaller is more precise. */
  readonly scale: number;
  readonly origin: 'text' | 'table';
  readonly source_text: string;
  readonly page: number | null;
  /** Reading order (block position, then offset). */
  readonly order: number;
  /** Stated as a 总计 (收入支出总计 …): the 合计 plus what is carried over, a figure of its own when a 合计 is stated too. */
  readonly grandTotal?: boolean;
  /** Where the statement was read (a paragraph, or a table cell). */
  readonly anchor?: Anchor | null;
  readonly bbox?: ValueBox | null;
  /** The reader that produced it and the table spec it read by, for `explain` (trace.ts). */
  readonly reader?: string;
  readonly spec?: string | null;
}
