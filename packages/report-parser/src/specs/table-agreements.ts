/**
 * Agreement rules between standard tables, as data (like the in-table sum
 * rules of table-kinds.ts): each entry names one figure of one table and the
 * figure of another table that must equal it, and the rule id a
 * disagreement is reported under. `checks/table-checks.ts` runs exactly
 * these, in this order; a new cross-table rule is one entry here.
 */
import type { FindingRule } from '../finding-rules.ts';
import type { ColumnRole } from '../standard-tables/columns.ts';
import { HEADLINE_ROW_LABELS, type StandardTableKind } from './table-kinds.ts';

/** A row of a table: its grand total row (合计/总计), or the first row whose bare label one of the patterns names (tried in order). */
export type AgreementRow = 'grand_total' | { readonly label: readonly RegExp[] };
/** A column: the table's main (合计) column, or the column of a role. */
export type AgreementColumn = 'main' | { readonly role: ColumnRole };

/** One figure of one table. */
export interface TableFigureRef {
  readonly table: StandardTableKind;
  readonly row: AgreementRow;
  readonly column: AgreementColumn;
}

/** Two figures that must agree. */
export interface FigureAgreement {
  readonly rule: FindingRule;
  /** What the figure is, as the finding's message names it. */
  readonly what: string;
  readonly a: TableFigureRef;
  readonly b: TableFigureRef;
}

/**
 * Every 类 row of a summary table against the 类 rows of a functional table: `against` is the
 * 支出表 or the 一般公共预算支出表 the summary covers (`primary`: the first functional table that
 * covers all funds, when it is not the 一般公共预算 table).
 */
export interface ClassAgreement {
  readonly rule: FindingRule;
  readonly summary: StandardTableKind;
  readonly role: ColumnRole;
  readonly against: StandardTableKind | 'primary';
}

export type TableAgreement = ({ readonly kind: 'figure' } & FigureAgreement) | ({ readonly kind: 'classes' } & ClassAgreement);

const L = HEADLINE_ROW_LABELS;
const grandTotal = (table: StandardTableKind, column: AgreementColumn = 'main'): TableFigureRef => ({ table, row: 'grand_total', column });
const row = (table: StandardTableKind, ...label: RegExp[]): TableFigureRef => ({ table, row: { label }, column: 'main' });

/** 收支总表 ↔ 收入表 / 支出表, 财政拨款收支总表 ↔ 一般公共预算支出表 ↔ 基本支出表, in the order they are checked. */
export const TABLE_AGREEMENTS: readonly TableAgreement[] = [
  { kind: 'figure', rule: 'table-agreement-total-expenditure', what: '本年支出合计', a: row('summary', L.yearExpenditure, L.expenditure), b: grandTotal('expenditure') },
  // Basic and project spending printed in the summary (some provinces) against the 支出表.
  { kind: 'figure', rule: 'table-agreement-total-expenditure', what: '基本支出', a: row('summary', L.basic), b: grandTotal('expenditure', { role: 'basic' }) },
  { kind: 'figure', rule: 'table-agreement-total-expenditure', what: '项目支出', a: row('summary', L.project), b: grandTotal('expenditure', { role: 'project' }) },
  { kind: 'figure', rule: 'table-agreement-total-income', what: '本年收入合计', a: row('summary', L.yearIncome, L.income), b: grandTotal('income') },
  // The 收支总表 covers all funds: compare it with the 支出表 (or 收入表), not with a table of 财政拨款 only.
  { kind: 'classes', rule: 'table-agreement-class-amounts', summary: 'summary', role: 'total', against: 'primary' },
  { kind: 'classes', rule: 'table-agreement-class-amounts', summary: 'fiscal_summary', role: 'general_public_budget', against: 'general_budget_functional' },
  { kind: 'figure', rule: 'table-agreement-general-budget', what: '一般公共预算财政拨款', a: row('fiscal_summary', L.generalBudget), b: grandTotal('general_budget_functional') },
  { kind: 'figure', rule: 'table-agreement-general-budget', what: '一般公共预算财政拨款', a: row('summary', L.generalBudget), b: grandTotal('general_budget_functional') },
  { kind: 'figure', rule: 'table-agreement-basic-expenditure', what: '一般公共预算基本支出', a: grandTotal('general_budget_functional', { role: 'basic' }), b: grandTotal('basic_economic') },
];
