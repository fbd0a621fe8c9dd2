/**
 * The table kinds of the genre, one spec each: the nine standard tables of a
 * 部门预算 / 部门决算 (Ministry of Finance templates), the indicator table of a
 * self-evaluation and a form's money block. A spec says how the table is
 * recognised (title words, or header words for the forms' tables), how its
 * columns are read, which sum rules hold inside it and which headline amounts
 * it gives, each with the row and column it is printed in. The code follows
 * the spec: checks/table-checks.ts runs exactly a standard table's `sumRules`,
 * standard-tables/read-tables.ts reads exactly its `headline`. The registry is
 * declared `satisfies` a record of every kind: a kind without a spec, a spec
 * lacking a part, or a sum rule without an implementation fails to compile.
 */
import type { FindingRule } from '../finding-rules.ts';
import type { ColumnRole } from '../standard-tables/columns.ts';
import { AMOUNT_ITEMS, type AmountItem } from '../types.ts';

/** The standard tables, by what they hold rather than by their exact title (it differs between 预算 and 决算 and between provinces). */
export const STANDARD_TABLE_KINDS = ['summary', 'income', 'expenditure', 'fiscal_summary', 'general_budget_functional', 'basic_economic', 'three_public', 'government_fund', 'state_capital'] as const;
export type StandardTableKind = (typeof STANDARD_TABLE_KINDS)[number];
/** The tables of self-evaluation reports and forms, read by indicator-table.ts and amount-tables.ts. */
export const FORM_TABLE_KINDS = ['indicators', 'form_money'] as const;
export type FormTableKind = (typeof FORM_TABLE_KINDS)[number];
export type TableKind = StandardTableKind | FormTableKind;

/** The sum rules that hold inside one standard table; checks/table-checks.ts implements each (`satisfies Record<TableSumRule, …>`). */
export const TABLE_SUM_RULES = ['row-sum-total-basic-project', 'row-sum-income-sources', 'row-sum-personnel-public', 'row-sum-three-public', 'parent-sum-children', 'total-sum-classes'] as const satisfies readonly FindingRule[];
export type TableSumRule = (typeof TABLE_SUM_RULES)[number];
/** The sum rules on a self-evaluation's indicator table (its weights and scores); checks/report-checks.ts implements each. */
export const INDICATOR_SUM_RULES = ['score-exceeds-weight', 'weights-sum-total', 'scores-sum-total'] as const satisfies readonly FindingRule[];
export type IndicatorSumRule = (typeof INDICATOR_SUM_RULES)[number];

/** Which row of a standard table a headline amount is printed in. */
export type HeadlineRow =
  /** The 合计 row (or, in a table without codes, its one unlabelled row of figures: some provinces' 支出预算总表). */
  | 'total'
  /** The 合计 row, else the first row with figures (a “三公” table prints one row under its header). */
  | 'total_or_first'
  /** The first row whose label (without numbering and 其中) matches. */
  | { readonly label: RegExp }
  /** Every row whose label matches; the first figure wins, the others become alternatives. */
  | { readonly everyLabel: RegExp };

/** Which column of that row holds the figure. */
export type HeadlineColumn =
  /** The first 合计 column, else the row's first figure. */
  | 'main'
  /** The first column of this role with a figure. */
  | { readonly role: ColumnRole }
  /** Every column of this role, each at the phase its header states (预算数 and 决算数 side by side), else the table's. */
  | { readonly eachOfRole: ColumnRole };

/** One headline amount a standard table gives and where it is printed. */
export interface HeadlineAmount {
  readonly item: AmountItem;
  readonly row: HeadlineRow;
  readonly column: HeadlineColumn;
  /** What the amount's source text calls the figure; by default the row's label (the column's header for `eachOfRole`). */
  readonly as?: string;
}

interface TableKindSpecParts {
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
}

/** A standard table's spec: its sum rules run on it, its headline amounts are read from it, in the order listed. */
export interface StandardTableSpec extends TableKindSpecParts {
  /** The sum rules that hold inside it (checks/table-checks.ts runs exactly these). */
  readonly sumRules: readonly TableSumRule[];
  /** The headline amounts it gives, in reading order: the first statement of an amount wins (standard-tables/read-tables.ts). */
  readonly headline: readonly HeadlineAmount[];
}

/** A self-evaluation table's spec: read by indicator-table.ts and amount-tables.ts. */
export interface FormTableSpec extends TableKindSpecParts {
  /** The sum rules that hold on its rows (checks/report-checks.ts runs exactly these). */
  readonly sumRules: readonly IndicatorSumRule[];
  /** The headline amounts it gives (amount-tables.ts: any item its row labels name). */
  readonly headline: readonly AmountItem[];
}

export type TableKindSpec = StandardTableSpec | FormTableSpec;
export type StandardTableSpecs = { readonly [K in StandardTableKind]: StandardTableSpec };

/**
 * Row labels of the headline rows: genre vocabulary shared by the specs and by
 * the checks that compare tables (checks/table-checks.ts), most specific first.
 */
export const HEADLINE_ROW_LABELS = {
  yearIncome: /^(本年收入合计|当年收入小计|本年收入小计)$/,
  income: /^收入(合计|总计)$/,
  yearExpenditure: /^(本年支出合计|当年支出小计|本年支出小计)$/,
  expenditure: /^支出(合计|总计)$/,
  fiscalAppropriation: /^财政拨款(收入)?$/,
  generalBudget: /^一般公共预算(财政拨款)?(收入)?$/,
  governmentFund: /^政府性基金预算(财政拨款)?(收入)?$/,
  basic: /^基本支出$/,
  project: /^项目支出$/,
  personnel: /^人员经费(合计)?$/,
  public: /^(日常)?公用经费(合计)?$/,
} as const;

const L = HEADLINE_ROW_LABELS;
/** A row's 合计 (main column) under a name. */
const labelled = (item: AmountItem, label: RegExp): HeadlineAmount => ({ item, row: { label }, column: 'main' });
/** The 合计 row's figure in a column of the given role. */
const totalRow = (item: AmountItem, column: 'main' | ColumnRole, as: string): HeadlineAmount => ({ item, row: 'total', column: column === 'main' ? column : { role: column }, as });
/** Basic and project spending: the 合计 row's 基本支出 and 项目支出 columns. */
const BASIC_AND_PROJECT: readonly HeadlineAmount[] = [totalRow('basic_expenditure', 'basic', '基本支出'), totalRow('project_expenditure', 'project', '项目支出')];
/** The “三公” items: the 合计 (else only) row, every column of the item's role. */
const threePublic = (item: AmountItem, role: ColumnRole): HeadlineAmount => ({ item, row: 'total_or_first', column: { eachOfRole: role } });

/** A functional table's 合计 = 基本支出 + 项目支出 (+ …) in every row, and its 类/款/项 add up. */
const FUNCTIONAL_SUMS: readonly TableSumRule[] = ['row-sum-total-basic-project', 'parent-sum-children', 'total-sum-classes'];

export const TABLE_KIND_SPECS = {
  summary: {
    examples: ['收入支出决算总表', '财务收支预算总表', '收支预算总表'],
    recognisedBy: { title: /(收入支出|收支)(决算|预算)总表/ },
    columns: 'money_roles',
    functionalRows: false,
    // Some provinces print 支出功能分类 codes on its expenditure side: where they do, 款 and 项 still add up
    // to their 类 (a table without codes gives this rule nothing to check). Not 合计 = Σ 类: its 支出合计
    // also holds 结转结余 and the like.
    sumRules: ['parent-sum-children'],
    headline: [
      labelled('total_income', L.yearIncome),
      labelled('total_income', L.income),
      labelled('total_expenditure', L.yearExpenditure),
      labelled('total_expenditure', L.expenditure),
      labelled('fiscal_appropriation', L.fiscalAppropriation),
      labelled('general_public_budget', L.generalBudget),
      labelled('government_fund_budget', L.governmentFund),
      labelled('basic_expenditure', L.basic),
      labelled('project_expenditure', L.project),
    ],
  },
  income: {
    examples: ['收入决算表', '收入预算总表'],
    recognisedBy: 'income_or_expenditure',
    columns: 'money_roles',
    functionalRows: true,
    sumRules: ['row-sum-income-sources', 'parent-sum-children', 'total-sum-classes'],
    headline: [totalRow('total_income', 'main', '合计')],
  },
  expenditure: {
    examples: ['支出决算表', '支出预算总表'],
    recognisedBy: 'income_or_expenditure',
    columns: 'money_roles',
    functionalRows: true,
    sumRules: FUNCTIONAL_SUMS,
    headline: [totalRow('total_expenditure', 'main', '合计'), ...BASIC_AND_PROJECT],
  },
  fiscal_summary: {
    examples: ['财政拨款收入支出决算总表', '财政拨款收支预算总表'],
    recognisedBy: { title: /财政拨款(收入支出|收支)(决算|预算)总表/ },
    columns: 'money_roles',
    functionalRows: false,
    // Coded expenditure rows, where printed, add up as in the summary.
    sumRules: ['row-sum-income-sources', 'parent-sum-children'],
    // Its 收入合计 is the 财政拨款: the whole table is 财政拨款 only.
    headline: [labelled('fiscal_appropriation', L.yearIncome), labelled('fiscal_appropriation', L.income), labelled('general_public_budget', L.generalBudget), labelled('government_fund_budget', L.governmentFund)],
  },
  general_budget_functional: {
    examples: ['一般公共预算财政拨款支出决算表', '一般公共预算支出功能分类预算表', '财政拨款支出预算表（功能科目）'],
    recognisedBy: { title: /(一般公共预算|财政拨款).*支出.*(决算|预算)表|一般公共预算支出功能分类/ },
    columns: 'money_roles',
    functionalRows: true,
    sumRules: FUNCTIONAL_SUMS,
    headline: [totalRow('general_public_budget', 'main', '合计'), ...BASIC_AND_PROJECT],
  },
  basic_economic: {
    examples: ['一般公共预算财政拨款基本支出决算表', '一般公共预算基本支出经济分类预算表'],
    recognisedBy: { title: /基本支出.*(决算|预算)表|基本支出.*经济分类|经济分类.*基本支出/ },
    columns: 'money_roles',
    functionalRows: false,
    // Its 合计 is the sum of the 类 (301 工资福利支出, 302 商品和服务支出, …) as in a functional table.
    sumRules: ['row-sum-personnel-public', 'parent-sum-children', 'total-sum-classes'],
    // The 合计 row's 人员经费 / 公用经费 columns, else (tables that list them as rows) the 人员经费 / 公用经费 rows.
    headline: [
      totalRow('personnel_expenditure', 'personnel', '人员经费'),
      totalRow('public_expenditure', 'public', '公用经费'),
      { item: 'personnel_expenditure', row: { everyLabel: L.personnel }, column: 'main' },
      { item: 'public_expenditure', row: { everyLabel: L.public }, column: 'main' },
    ],
  },
  three_public: {
    examples: ['财政拨款“三公”经费支出决算表', '“三公”经费和机关运行经费预算表'],
    recognisedBy: { title: /三公/ },
    columns: 'money_roles',
    functionalRows: false,
    sumRules: ['row-sum-three-public'],
    headline: [
      threePublic('three_public_expenditure', 'three_public_total'),
      threePublic('overseas_travel', 'overseas_travel'),
      threePublic('official_vehicles', 'vehicles'),
      threePublic('official_reception', 'official_reception'),
      threePublic('agency_operating_expenditure', 'agency_operating'),
    ],
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
    sumRules: ['score-exceeds-weight', 'weights-sum-total', 'scores-sum-total'],
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
} as const satisfies StandardTableSpecs & { readonly [K in FormTableKind]: FormTableSpec };

/** The order standard titles are tried in: a title that names a fund or the 三公 is that table's, whatever else it says. */
export const STANDARD_TITLE_ORDER: readonly StandardTableKind[] = ['three_public', 'government_fund', 'state_capital', 'basic_economic', 'fiscal_summary', 'general_budget_functional', 'summary', 'income', 'expenditure'];

export function tableKindSpec(kind: TableKind): TableKindSpec {
  return TABLE_KIND_SPECS[kind];
}
