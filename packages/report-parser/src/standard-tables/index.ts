/**
 * The standard tables of 部门预算 / 部门决算 (收支总表, 收入表, 支出表,
 * 财政拨款收支总表, 一般公共预算支出表, 基本支出表, “三公”经费表, 政府性基金表,
 * 国有资本经营表): recognised by title and header words, read into amounts
 * and coded lines.
 */
import type { Block } from '@budget-ingest/doc-model';
import type { Amount, ExpenditureLine, ParseWarning, ReportKind } from '../types.ts';
import { readAmounts, readLines } from './read-tables.ts';
import { recogniseTables, type RecognisedTable } from './recognise.ts';

export type { RecognisedTable, TableRow } from './recognise.ts';
export { isAmountRole } from './recognise.ts';
export type { Column, ColumnRole } from './columns.ts';
export { COLUMN_ROLES } from './columns.ts';
export { STANDARD_TABLE_KINDS, FUNCTIONAL_TABLE_KINDS, classifyTitle, type StandardTableKind } from './table-kinds.ts';
export { primaryFunctionalTable } from './read-tables.ts';
export { bareLabel, cleanName, codedRows, grandTotalRow, isEmptyRow, isGrandTotalRow, mainValue, valueOf } from './read-rows.ts';
export * from '../figures/money.ts';

export interface StandardTablesContext {
  /** The report's fiscal year; amounts and lines get it (the table title's year when null). */
  readonly fiscalYear: number | null;
  /** The report's kind; decides the phase of tables whose title says neither 预算 nor 决算. */
  readonly kind: ReportKind | null;
}

export interface StandardTables {
  /** Headline amounts (总收入, 总支出, 基本支出, 人员经费, “三公”经费 …) in yuan. */
  readonly amounts: Amount[];
  /** Functional lines of the 支出表 (else the 一般公共预算支出表, else the 收入表) and economic lines of the 基本支出表. */
  readonly lines: ExpenditureLine[];
  /** Reading problems (unit not stated, columns not recognised): parse warnings, not findings; the checks are `runChecks`. */
  readonly warnings: ParseWarning[];
  /** The tables found, with named columns and read rows, for `runChecks`. */
  readonly tables: RecognisedTable[];
}

/**
 * Recognises the standard tables among the table blocks (title from the
 * caption, the table's own title rows or the heading/paragraph blocks just
 * before it; columns by their header words; 类/款/项 codes split over three
 * cells or in one) and reads their rows: figures in yuan, a blank cell is
 * never an amount, a row of blanks and zeros is not a line. Pure: blocks in,
 * values out.
 */
export function readStandardTables(blocks: readonly Block[], ctx: StandardTablesContext): StandardTables {
  const { tables, warnings } = recogniseTables(blocks, { kind: ctx.kind });
  return { amounts: readAmounts(tables, ctx.fiscalYear), lines: readLines(tables, ctx.fiscalYear), warnings, tables };
}
