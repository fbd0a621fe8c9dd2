/**
 * What `explain` shows: for every amount a report emits, which reader and spec
 * produced it, the rule that chose it among the statements of the same figure,
 * the text it read (with page), and every other statement that was dropped,
 * with the reason. Collected only when a caller passes a trace to
 * parseDocument; parsing without one builds none of it.
 */
import type { AmountItem, Phase, ReportKind } from './types.ts';

/** Why a statement of an amount was not the one emitted. */
export const DROP_REASONS = {
  'same-figure-restated': 'the same figure stated again (it confirms the emitted value)',
  'same-figure-less-precise': 'the same figure printed less precisely (万元 beside 元)',
  'lost-to-table-value': 'another value in the running text; a table’s value wins (it becomes an alternative and a finding)',
  'lost-to-earlier-statement': 'another value stated later; the first in reading order wins (it becomes an alternative and a finding)',
  'grand-total-beside-total': 'a 总计 (合计 plus what is carried over) beside a 合计 of the item: a figure of its own, not the item',
} as const;
export type DropReason = keyof typeof DROP_REASONS;

/** How the emitted statement was chosen among the statements of one (item, phase, year). */
export const CHOICE_RULES = {
  'only-statement': 'the only statement of the figure',
  'table-over-text': 'a table’s statement before the running text’s',
  'first-in-reading-order': 'the first statement in reading order',
  'most-precise-of-agreeing': 'the most precise of the statements that agree with the chosen value',
} as const;
export type ChoiceRule = keyof typeof CHOICE_RULES;

/** One statement of an amount, as a reader produced it. */
export interface TracedStatement {
  /** The reader that produced it (amount-sentences, project-totals, amount-tables, standard-tables). */
  readonly reader: string;
  /** The table kind's spec it was read by (specs/table-kinds.ts), when a table. */
  readonly spec: string | null;
  readonly yuan: string;
  readonly text: string;
  readonly page: number | null;
}

export interface AmountTrace {
  /** Position of the report in ParseResult.reports' order of parts. */
  readonly report: number;
  readonly reportKind: ReportKind;
  readonly item: AmountItem;
  readonly phase: Phase;
  readonly fiscal_year: number;
  readonly yuan: string;
  readonly rule: ChoiceRule;
  readonly read: TracedStatement;
  readonly dropped: readonly (TracedStatement & { readonly reason: DropReason })[];
}

/** The collector a caller passes to parseDocument. */
export interface ParseTrace {
  readonly amounts: AmountTrace[];
}

export function createTrace(): ParseTrace {
  return { amounts: [] };
}
