/**
 * What `explain` shows: for every amount, expenditure line and indicator a
 * report emits, which reader and spec produced it, the rule that chose it
 * among the statements of the same figure, the text it read (with page), every
 * other statement that was dropped, with the reason, and the figures the
 * sentence readers saw and passed over, with the reason. Collected only when a
 * caller passes a trace to parseDocument; parsing without one builds none of it.
 */
import type { MoneyFigure } from './figures/index.ts';
import type { AmountItem, Classification, IndicatorValue, Phase, ReportKind } from './types.ts';

/** Why a statement of an amount was not the one emitted. */
export const DROP_REASONS = {
  'same-figure-restated': 'the same figure stated again (it confirms the emitted value)',
  'same-figure-less-precise': 'the same figure printed less precisely (万元 beside 元)',
  'lost-to-table-value': 'another value in the running text; a table’s value wins (it becomes an alternative and a finding)',
  'lost-to-earlier-statement': 'another value stated later; the first in reading order wins (it becomes an alternative and a finding)',
  'grand-total-beside-total': 'a 总计 (合计 plus what is carried over) beside a 合计 of the item: a figure of its own, not the item',
  'duplicate-line': 'the same line stated again (same 科目 code or path): the first statement, a table’s before the text’s, keeps its value; this one only fills what it lacks',
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

/** Which report of the document an entry belongs to. */
interface OfReport {
  /** The report's position in ParseResult.reports. */
  readonly report: number;
  readonly reportKind: ReportKind;
}

export interface AmountTrace extends OfReport {
  readonly entry: 'amount';
  readonly item: AmountItem;
  readonly phase: Phase;
  readonly fiscal_year: number;
  readonly yuan: string;
  readonly rule: ChoiceRule;
  readonly read: TracedStatement;
  readonly dropped: readonly (TracedStatement & { readonly reason: DropReason })[];
}

/** A statement of an expenditure line, as a reader produced it (a line may print only its budget: yuan null). */
export interface LineStatement extends Omit<TracedStatement, 'yuan'> {
  readonly yuan: string | null;
  readonly budget_yuan: string | null;
}

/** An emitted expenditure line, with the statements of the same line dedupe.ts merged into it. */
export interface LineTrace extends OfReport {
  readonly entry: 'line';
  readonly classification: Classification;
  readonly path: readonly string[];
  readonly code: string | null;
  readonly phase: Phase;
  readonly fiscal_year: number;
  /** The line as emitted (a duplicate may have filled a figure the first statement lacked). */
  readonly yuan: string | null;
  readonly budget_yuan: string | null;
  readonly read: LineStatement;
  readonly dropped: readonly (LineStatement & { readonly reason: 'duplicate-line' })[];
}

/** An emitted indicator: the table row it was read from, its label and the cells its figures came from. */
export interface IndicatorTrace extends OfReport {
  readonly entry: 'indicator';
  readonly reader: 'indicator-table';
  readonly spec: 'indicators';
  readonly level1: string | null;
  readonly level2: string | null;
  /** The label the row's figures belong to. */
  readonly level3: string;
  /** The target and actual cells as printed (raw), and what was read from them (value, unit, op). */
  readonly target: IndicatorValue | null;
  readonly actual: IndicatorValue | null;
  /** The row's cells, joined by " | ". */
  readonly text: string;
  readonly page: number | null;
}

/** Why a reader saw a figure and did not read it as one of its values. */
export const REJECT_REASONS = {
  'change-word': 'a change (增加 / 减少 / 增长 / 下降 …): a difference between two figures, not an amount',
  'out-of-scope-fund': 'in a section or sentence about a 政府性基金 / 国有资本经营 / 社会保险基金 budget: that fund’s figure, not the department’s item',
  'named-money': 'a bare 收入 / 支出 after the sentence named a fund, grant or subsidy: that money’s figure, not the department’s total',
  'other-section-item': 'a bare 收入 / 支出 in a section about another item: the label does not own the figure',
  'phase-already-given': 'a phase word after an item whose figure of that phase the sentence already gave',
  'economic-list-entry': 'an entry of a 人员经费 / 公用经费 list (公务接待费 …): an economic line, not the headline amount',
  'no-item': 'the label before the figure names no item',
  'no-year': 'no year in the sentence, the paragraph or the report',
  'repeated-paragraph': 'a paragraph printed before: its figures were read there',
  'list-ended': 'where a list of named figures ends: a name too short or too long, a digit in it, or a headline item (基本支出 …) is not an entry, and the entries after it are not read',
  'placeholder-row': 'a template’s placeholder row of an indicator table (……, 无, a bare 指标1:): no indicator',
  'heading-row': 'an indicator table row whose 三级指标 repeats its 一级 / 二级 label (or the header’s): a heading, not an indicator',
  'held-for-others': 'money the department holds or passes on for others (代收 / 代管 / 代发): not its spending',
  'carried-over': 'a 结转 / 结余: what is carried over, not the project’s budget or spending',
  'inside-parentheses': 'inside parentheses after a project’s figure: a breakdown (its sub-lines), not the project’s own figure',
} as const;
export type RejectReason = keyof typeof REJECT_REASONS;

/** A figure a sentence reader passed over, as the reader reports it (parse-document adds the report). */
export interface RejectedFigure {
  readonly reader: string;
  readonly reason: RejectReason;
  /** The items the label named, when it named any (the rejection shows under them). */
  readonly items: readonly AmountItem[];
  /** The words before the figure that the reader read as its label (a table row: its 三级指标 cell). */
  readonly label: string;
  /** The figure as printed, and its yuan (null for a table row passed over as a whole). */
  readonly figure: string | null;
  readonly yuan: string | null;
  /** The sentence it stands in (a table row: its cells, joined by " | "). */
  readonly text: string;
  readonly page: number | null;
}

export interface RejectedTrace extends RejectedFigure, OfReport {
  readonly entry: 'rejected';
}

/** An indicator table row passed over, where indicator-table.ts read it (the row of the block's grid). */
export type SkippedRow = (at: { readonly block: number; readonly row: number }, label: string, reason: 'placeholder-row' | 'heading-row') => void;

/** Where a reader reports a figure it passed over; absent when nobody explains (then readers build nothing). */
export type RejectSink = (rejected: RejectedFigure) => void;

/** Reports a figure `reader` passed over to `sink`, when one listens. */
export function passOver(sink: RejectSink | undefined, reader: string, reason: RejectReason, figure: MoneyFigure, label: string, items: readonly AmountItem[], text: string, page: number | null): void {
  sink?.({ reader, reason, items, label, figure: printed(figure), yuan: figure.yuan, text, page });
}

/** The figure from its first digit (a change word such as 增加 before it is in the label already). */
export function printed(figure: MoneyFigure): string {
  return figure.text.slice(figure.text.length - (figure.end - figure.start));
}

export type TraceEntry = AmountTrace | LineTrace | IndicatorTrace | RejectedTrace;

/** The collector a caller passes to parseDocument. */
export interface ParseTrace {
  readonly amounts: AmountTrace[];
  readonly lines: LineTrace[];
  readonly indicators: IndicatorTrace[];
  readonly rejected: RejectedTrace[];
}

export function createTrace(): ParseTrace {
  return { amounts: [], lines: [], indicators: [], rejected: [] };
}

/** Every entry of a trace, report by report: amounts, lines, indicators, then the figures passed over. */
export function traceEntries(trace: ParseTrace): TraceEntry[] {
  const all: TraceEntry[] = [...trace.amounts, ...trace.lines, ...trace.indicators, ...trace.rejected];
  return all.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => a.report - b.report || i - j).map(([e]) => e);
}
