/**
 * What the parser produces for one document: the reports of GOLD.md
 * (../../test/fixtures/corpus/GOLD.md), field for field, plus the validation
 * findings. Field names are the contract's (snake_case) so that the export is
 * a plain serialisation; every number is a decimal string.
 */

// The contract's value lists live in @budget-ingest/contract, which the database schema shares.
import type { AmountItem, Classification, Op, Phase, ReportKind, Verification } from '@budget-ingest/contract';
export { AMOUNT_ITEMS, CLASSIFICATIONS, OPS, PHASES, REPORT_KINDS, VERIFICATIONS } from '@budget-ingest/contract';
export type { AmountItem, Classification, Op, Phase, ReportKind, Verification };
import type { FindingRule, FindingSeverity, ParseWarningCode } from './finding-rules.ts';

/** A decimal number as a string ("3688.59"); money has exactly two decimals ("36885900.00"). */
export type DecimalString = string;

/**
 * Where a value was read: the block's `index` in the document model and, in a
 * table, the row (0-based, as in the block's rows) and the grid column
 * (0-based, merged cells expanded). An indicator is a whole row (no cell).
 */
export interface Anchor {
  readonly block: number;
  readonly row?: number;
  readonly cell?: number;
}

/** [x0, y0, x1, y1] in PDF points on the value's page (the doc model's block or cell box); PDF only. */
export type ValueBox = readonly [number, number, number, number];

/**
 * Where a value was read and how far it can be trusted. Optional while
 * parsing; `parseDocument` sets all three on every amount, line and indicator
 * (null when the place is not known).
 */
export interface Traced {
  readonly verification?: Verification;
  /** With `corrected-by-sum`: the figure as OCR read it ("126.75"), before the sum corrected it. */
  readonly printed_reading?: string | null;
  readonly anchor?: Anchor | null;
  readonly bbox?: ValueBox | null;
}

/** Where a figure was read: its anchor and, for PDF, its box. */
export interface Place {
  readonly anchor: Anchor;
  readonly bbox: ValueBox | null;
}

/** A value a check looked at: where it was read, and the figure in yuan for money (tells apart the figures of one paragraph). */
export interface ValueRef {
  readonly anchor: Anchor;
  readonly yuan: DecimalString | null;
}

export interface Region {
  readonly code: string;
  readonly province: string | null;
  readonly city: string | null;
  readonly county: string | null;
}

export interface Amount extends Traced {
  readonly item: AmountItem;
  readonly phase: Phase;
  readonly fiscal_year: number;
  readonly yuan: DecimalString;
  readonly source_text: string;
  readonly page: number | null;
  /** Other values printed for the same figure (a contradiction in the document). */
  readonly alternatives?: readonly DecimalString[];
}

export interface ExpenditureLine extends Traced {
  readonly classification: Classification;
  readonly path: readonly string[];
  readonly code: string | null;
  readonly phase: Phase;
  readonly fiscal_year: number;
  readonly yuan: DecimalString | null;
  readonly budget_yuan: DecimalString | null;
  readonly source_text: string;
  readonly page: number | null;
}

export interface IndicatorValue {
  readonly raw: string;
  readonly op: Op | null;
  readonly value: DecimalString | null;
  readonly unit: string | null;
}

export interface Indicator extends Traced {
  readonly level1: string | null;
  readonly level2: string | null;
  readonly level3: string;
  readonly target: IndicatorValue | null;
  readonly actual: IndicatorValue | null;
  readonly weight: DecimalString | null;
  readonly score: DecimalString | null;
  readonly note: string | null;
  readonly page: number | null;
}

export type { FindingSeverity } from './finding-rules.ts';

export interface ValidationFinding {
  /** Stable rule id, e.g. "parts-sum-basic-project" (declared in finding-rules.ts). */
  readonly rule: FindingRule;
  readonly severity: FindingSeverity;
  /** One line in Chinese an inspector would understand. */
  readonly message: string;
  /** The computed value or expectation. */
  readonly expected: string | null;
  /** The printed value. */
  readonly actual: string | null;
  readonly pages: readonly number[];
  /** The values the failed check involved (where each was read), when the check can name them. */
  readonly values?: readonly ValueRef[];
}

export interface Report {
  readonly kind: ReportKind;
  readonly title: string | null;
  readonly organization: string | null;
  /** The department a unit reports to (a form's 主管部门), when printed and not the unit itself; extra to GOLD.md. */
  readonly parent_organization?: string | null;
  readonly region: Region | null;
  readonly fiscal_year: number | null;
  readonly published_on: string | null;
  readonly document_number: string | null;
  readonly self_evaluation: { readonly score: DecimalString | null; readonly rating: string | null } | null;
  readonly amounts: readonly Amount[];
  readonly expenditure_lines: readonly ExpenditureLine[];
  readonly indicators: readonly Indicator[];
  /** Not part of GOLD.md's required fields; stored in validation_findings. */
  readonly findings: readonly ValidationFinding[];
  /** Pages the report spans in its document (null for formats without pages). */
  readonly page_start: number | null;
  readonly page_end: number | null;
}

/** A problem reading the document (not a contradiction in it): stored with the document, shown apart from findings. */
export interface ParseWarning {
  /** One of PARSE_WARNING_CODES (finding-rules.ts). */
  readonly code: ParseWarningCode;
  readonly message: string;
  readonly page?: number | null;
  /** The box of what could not be read (a table), PDF only. */
  readonly box?: ValueBox | null;
}

export interface ParseResult {
  readonly reports: readonly Report[];
  readonly warnings: readonly ParseWarning[];
  /**
   * Set when the document is not a department's report at all (a government's
   * budget report to the People's Congress, a blank template): then `reports`
   * is empty and the document's status is `out_of_scope` with this reason.
   */
  readonly outOfScope?: { readonly code: string; readonly reason: string };
}
