/**
 * The table kinds of the genre, one spec each: the nine standard tables of a
 * 部门预算 / 部门决算 (Ministry of Finance templates), the indicator table of a
 * self-evaluation and a form's money block. A spec says how the table is
 * recognised (title words, or header words for the forms' tables), how its
 * columns are read, which sum rules hold inside it and which headline amounts
 * it gives. The registry is declared `satisfies Record<TableKind, TableKindSpec>`:
 * a kind without a spec, or a spec lacking a part, fails to compile.
 */
import type { FindingRule } from '../finding-rules.ts';
import { AMOUNT_ITEMS, type AmountItem } from '../types.ts';

/** The standard tables, by what they hold rather than by their exact title (it differs between 预算 and 决算 and between provinces). */
export const STANDARD_TABLE_KINDS = ['summary', 'income', 'expenditure', 'fiscal_summary', 'general_budget_functional', 'basic_economic', 'three_public', 'government_fund', 'state_capital'] as const;
export type StandardTableKind = (typeof STANDARD_TABLE_KINDS)[number];
/** The tables of self-evaluation reports and forms, read by indicator-table.ts and amount-tables.ts. */
export const FORM_TABLE_KINDS = ['indicators', 'form_money'] as const;
export type TableKind = StandardTableKind | (typeof FORM_TABLE_KINDS)[number];

export interface TableKindSpec {
  /** Examples of the titles it is printed under (documentation and tests). */
  readonly examples: readonly string[];
  /**
   * How it is recognised: a title pattern tried in STANDARD_TITLE_ORDER (`income_or_expenditure`: a
   * bare 收入/支出 before 决算表/预算表), or `header` for a table known by its column words.
   */
  readonly recognisedBy: { readonly title: RegExp } | 'income_or_expenditure' | { readonly header: string };
  /** How its columns are read: by header words into roles (standard-tables/columns.ts), by indicator roles, or label/figure pairs with phase columns. */
  readonly columns: 'money_roles' | 'indicator_roles' | 'label_figure';
  /** Whether its rows are 支出功能分类 codes (类/款/项) that must add up to their parents. */
  readonly functionalRows: boolean;
  /** The sum rules that hold inside it (checks/table-checks.ts). */
  readonly sumRules: readonly FindingRule[];
  /** The headline amounts it gives (standard-tables/read-tables.ts, amount-tables.ts). */
  readonly headline: readonly AmountItem[];
}

const FUNCTIONAL_SUMS: readonly FindingRule[] = ['row-sum-total-basic-project', 'parent-sum-children', 'total-sum-classes'];

export const TABLE_KIND_SPECS = {
  summary: {
    examples: ['收入支出决算总表', '财务收支预算总表', '收支预算总表'],
    recognisedBy: { title: /(收入支出|收支)(决算|预算)总表/ },
    columns: 'money_roles',
    functionalRows: false,
    sumRules: [],
    headline: ['total_income', 'total_expenditure', 'fiscal_appropriation', 'general_public_budget', 'government_fund_budget', 'basic_expenditure', 'project_expenditure'],
  },
  income: {
    examples: ['收入决算表', '收入预算总表'],
    recognisedBy: 'income_or_expenditure',
    columns: 'money_roles',
    functionalRows: true,
    sumRules: ['row-sum-income-sources', 'parent-sum-children', 'total-sum-classes'],
    headline: ['total_income'],
  },
  expenditure: {
    examples: ['支出决算表', '支出预算总表'],
    recognisedBy: 'income_or_expenditure',
    columns: 'money_roles',
    functionalRows: true,
    sumRules: FUNCTIONAL_SUMS,
    headline: ['total_expenditure', 'basic_expenditure', 'project_expenditure'],
  },
  fiscal_summary: {
    examples: ['财政拨款收入支出决算总表', '财政拨款收支预算总表'],
    recognisedBy: { title: /财政拨款(收入支出|收支)(决算|预算)总表/ },
    columns: 'money_roles',
    functionalRows: false,
    sumRules: ['row-sum-income-sources'],
    headline: ['fiscal_appropriation', 'general_public_budget', 'government_fund_budget'],
  },
  general_budget_functional: {
    examples: ['一般公共预算财政拨款支出决算表', '一般公共预算支出功能分类预算表', '财政拨款支出预算表（功能科目）'],
    recognisedBy: { title: /(一般公共预算|财政拨款).*支出.*(决算|预算)表|一般公共预算支出功能分类/ },
    columns: 'money_roles',
    functionalRows: true,
    sumRules: FUNCTIONAL_SUMS,
    headline: ['general_public_budget', 'basic_expenditure', 'project_expenditure'],
  },
  basic_economic: {
    examples: ['一般公共预算财政拨款基本支出决算表', '一般公共预算基本支出经济分类预算表'],
    recognisedBy: { title: /基本支出.*(决算|预算)表|基本支出.*经济分类|经济分类.*基本支出/ },
    columns: 'money_roles',
    functionalRows: false,
    sumRules: ['row-sum-personnel-public', 'parent-sum-children'],
    headline: ['personnel_expenditure', 'public_expenditure'],
  },
  three_public: {
    examples: ['财政拨款“三公”经费支出决算表', '“三公”经费和机关运行经费预算表'],
    recognisedBy: { title: /三公/ },
    columns: 'money_roles',
    functionalRows: false,
    sumRules: ['row-sum-three-public'],
    headline: ['three_public_expenditure', 'official_reception', 'official_vehicles', 'overseas_travel', 'agency_operating_expenditure'],
  },
  government_fund: {
    examples: ['政府性基金预算财政拨款收入支出决算表', '政府性基金预算支出功能分类预算表'],
    recognisedBy: { title: /政府性基金/ },
    columns: 'money_roles',
    functionalRows: true,
    sumRules: FUNCTIONAL_SUMS,
    headline: [],
  },
  state_capital: {
    examples: ['国有资本经营预算财政拨款收入支出决算表', '国有资本经营预算支出功能分类预算表'],
    recognisedBy: { title: /国有资本经营/ },
    columns: 'money_roles',
    functionalRows: true,
    sumRules: FUNCTIONAL_SUMS,
    headline: [],
  },
  indicators: {
    examples: ['项目支出绩效自评表（绩效指标）', '部门整体支出绩效自评表'],
    recognisedBy: { header: 'genre/indicator-columns INDICATOR_COLUMNS (一级指标 二级指标 三级指标 指标值 实际完成值 分值 得分 …)' },
    columns: 'indicator_roles',
    functionalRows: false,
    sumRules: ['weights-sum-total', 'scores-sum-total', 'score-exceeds-weight'],
    headline: [],
  },
  form_money: {
    examples: ['基础数据表', '项目资金（万元）：年初预算数 / 全年预算数 / 全年执行数'],
    recognisedBy: { header: 'genre/item-labels MONEY_BLOCK_LABELS and phase columns (年初预算数 全年预算数 全年执行数)' },
    columns: 'label_figure',
    functionalRows: false,
    sumRules: [],
    // Any item its row labels name (items.ts vocabulary).
    headline: AMOUNT_ITEMS,
  },
} as const satisfies Record<TableKind, TableKindSpec>;

/** The order standard titles are tried in: a title that names a fund or the 三公 is that table's, whatever else it says. */
export const STANDARD_TITLE_ORDER: readonly StandardTableKind[] = ['three_public', 'government_fund', 'state_capital', 'basic_economic', 'fiscal_summary', 'general_budget_functional', 'summary', 'income', 'expenditure'];

export function tableKindSpec(kind: TableKind): TableKindSpec {
  return TABLE_KIND_SPECS[kind];
}
