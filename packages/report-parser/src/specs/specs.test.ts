import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block } from '@budget-ingest/doc-model';
import { SUM_RULE_CHECKS, checkTables, type TableCheck } from '../checks/table-checks.ts';
import { INDICATOR_RULE_CHECKS, checkIndicators, type IndicatorCheck } from '../checks/report-checks.ts';
import { readAmounts } from '../standard-tables/read-tables.ts';
import { titleKind } from '../report-splitter.ts';
import { readStandardTables } from '../standard-tables/index.ts';
import { basicEconomicTable, doc, expenditureTable, singleCodeColumnTable, summaryTable, threePublicTable } from '../../test/sample-tables.ts';
import { classifyTitle } from '../standard-tables/table-kinds.ts';
import { REPORT_KINDS, type Indicator, type Report, type ReportKind } from '../types.ts';
import { REPORT_KIND_SPECS, type ReportKindSpec } from './report-kinds.ts';
import { STANDARD_TABLE_KINDS, TABLE_KIND_SPECS, type FormTableSpec, type IndicatorSumRule, type StandardTableKind, type StandardTableSpec, type StandardTableSpecs, type TableKind, type TableKindSpec, type TableSumRule } from './table-kinds.ts';

describe('the table kinds’ specs', () => {
  it.each(STANDARD_TABLE_KINDS.flatMap((kind) => TABLE_KIND_SPECS[kind].examples.map((title) => [title, kind] as const)))('recognise %s as %s', (title, kind) => {
    expect(classifyTitle(title)).toBe(kind);
  });

  it.each([
    ['a 收支总表', summaryTable()],
    ['a 支出表', expenditureTable()],
    ['a 基本支出表', basicEconomicTable()],
    ['a “三公”经费表', threePublicTable()],
    ['a 支出表 with one code column', singleCodeColumnTable()],
  ])('declare every headline amount %s gives', (_, blocks) => {
    const { tables, amounts } = readStandardTables(doc(blocks), { fiscalYear: 2024, kind: 'department_final_accounts' });
    expect(tables).toHaveLength(1);
    expect(amounts.length).toBeGreaterThan(0);
    const declared = TABLE_KIND_SPECS[tables[0]!.kind].headline.map((h) => h.item);
    for (const a of amounts) expect(declared, `${tables[0]!.kind} gives ${a.item}`).toContain(a.item);
  });

  it('declare the sum rule that fires on a 支出表 whose row does not add up', () => {
    const { tables } = readStandardTables(doc(expenditureTable(undefined, ['2,433.38', '1,830.24', '600.00'])), { fiscalYear: 2024, kind: 'department_final_accounts' });
    const fired = checkTables(tables).map((f) => f.rule);
    expect(fired.length).toBeGreaterThan(0);
    for (const rule of fired) expect(TABLE_KIND_SPECS.expenditure.sumRules).toContain(rule);
  });

  it('fail to compile when a registered kind has no spec or a spec lacks a part', () => {
    const { state_capital: _dropped, ...withoutOne } = TABLE_KIND_SPECS;
    // @ts-expect-error state_capital is a TableKind without a spec
    const missingKind: Record<TableKind, TableKindSpec> = withoutOne;
    const { headline: _headline, ...lacking } = TABLE_KIND_SPECS.income;
    // @ts-expect-error a spec without its headline amounts is not a TableKindSpec
    const missingPart: TableKindSpec = lacking;
    expect([missingKind, missingPart].length).toBe(2);
  });
});

describe('the standard tables’ specs drive reading and checking', () => {
  const tablesOf = (blocks: readonly Block[]) => readStandardTables(doc(blocks), { fiscalYear: 2024, kind: 'department_final_accounts' }).tables;
  /** The registry with one kind's spec changed: what the code does must follow. */
  const changed = (kind: StandardTableKind, part: Partial<StandardTableSpec>): StandardTableSpecs => ({ ...TABLE_KIND_SPECS, [kind]: { ...TABLE_KIND_SPECS[kind], ...part } });
  /** A 支出表 whose 合计 row's 基本支出 + 项目支出 falls 3.14万元 short. */
  const unbalanced = (): ReturnType<typeof tablesOf> => tablesOf(expenditureTable(undefined, ['2,433.38', '1,830.24', '600.00']));
  const rules = (specs?: StandardTableSpecs): string[] => checkTables(unbalanced(), specs).map((f) => f.rule);
  const items = (blocks: readonly Block[], specs?: StandardTableSpecs): Record<string, string> =>
    Object.fromEntries(readAmounts(tablesOf(blocks), 2024, specs).map((a) => [a.item, a.yuan]));

  it('run a sum rule on a table only while its spec lists it', () => {
    expect(rules()).toContain('row-sum-total-basic-project');
    expect(rules(changed('expenditure', { sumRules: ['parent-sum-children', 'total-sum-classes'] }))).not.toContain('row-sum-total-basic-project');
    // A 基本支出表 whose 合计 is off by 1 元 breaks two rules; with none listed, none runs.
    const basic = tablesOf(basicEconomicTable(['25741667.44', '23563342.00', '2178324.44']));
    expect(checkTables(basic).map((f) => f.rule).sort()).toEqual(['row-sum-personnel-public', 'total-sum-classes']);
    expect(checkTables(basic, changed('basic_economic', { sumRules: [] }))).toEqual([]);
  });

  it('read a table’s headline amounts only as its spec lists them, from the row and column it names', () => {
    expect(items(expenditureTable())).toEqual({ total_expenditure: '24333800.00', basic_expenditure: '18302400.00', project_expenditure: '6031400.00' });
    const withoutBasic = changed('expenditure', { headline: TABLE_KIND_SPECS.expenditure.headline.filter((h) => h.item !== 'basic_expenditure') });
    expect(items(expenditureTable(), withoutBasic)).not.toHaveProperty('basic_expenditure');
    // The same item declared in another column of the 合计 row is read from there.
    const fromProject = changed('expenditure', { headline: [{ item: 'basic_expenditure', row: 'total', column: { role: 'project' }, as: '项目支出' }] });
    expect(items(expenditureTable(), fromProject)).toEqual({ basic_expenditure: '6031400.00' });
  });

  it('read and check as the README’s “Adding a table kind” example spec says (a 项目支出表, tried here on a 支出表)', () => {
    // Keep in step with README.md, "Adding a table kind": step 1's spec.
    const projectExpenditure = {
      examples: ['项目支出预算表'],
      recognisedBy: { title: /项目支出.*(决算|预算)表/ },
      columns: 'money_roles',
      functionalRows: false,
      sumRules: ['row-sum-total-basic-project'],
      headline: [{ item: 'project_expenditure', row: 'total', column: { role: 'project' }, as: '项目支出' }],
    } as const satisfies StandardTableSpec;
    const readme = readFileSync(join(import.meta.dirname, '../../../../README.md'), 'utf8');
    const step = readme.slice(readme.indexOf('### Adding a table kind'), readme.indexOf('2. **One fixture.**'));
    expect(step).toContain("sumRules: ['row-sum-total-basic-project'],");
    expect(step).toContain("headline: [{ item: 'project_expenditure', row: 'total', column: { role: 'project' }, as: '项目支出' }],");
    const specs = changed('expenditure', projectExpenditure);
    expect(items(expenditureTable(), specs)).toEqual({ project_expenditure: '6031400.00' });
    expect(new Set(rules(specs))).toEqual(new Set(['row-sum-total-basic-project']));
  });

  it('fail to compile when a standard spec lists a sum rule no table check implements, or a headline amount without its place', () => {
    // @ts-expect-error weights-sum-total is checked on a report's indicators, not inside a standard table
    const misplaced: StandardTableSpec = { ...TABLE_KIND_SPECS.income, sumRules: ['weights-sum-total'] };
    // @ts-expect-error a headline amount names its row and column, not only its item
    const unplaced: StandardTableSpec = { ...TABLE_KIND_SPECS.income, headline: ['total_income'] };
    const { 'row-sum-three-public': _dropped, ...fewer } = SUM_RULE_CHECKS;
    // @ts-expect-error a table sum rule without a check
    const unchecked: Record<TableSumRule, TableCheck> = fewer;
    expect([misplaced, unplaced, unchecked]).toHaveLength(3);
  });
});

describe('the indicator table’s spec drives its checks', () => {
  const ind = (weight: string, score: string): Indicator => ({ level1: '产出指标', level2: '数量指标', level3: `指标${weight}${score}`, target: null, actual: null, weight, score, note: null, page: 5 });
  // A score above its weight, and weights that make 90: two of its three rules break.
  const report = { indicators: [ind('40', '42'), ind('30', '30'), ind('20', '20')], self_evaluation: null } as unknown as Report;
  const rules = (sumRules?: readonly IndicatorSumRule[]): string[] => checkIndicators(report, sumRules).map((f) => f.rule);

  it('run exactly the rules it lists, in its order', () => {
    expect(rules()).toEqual(['score-exceeds-weight', 'weights-sum-total']);
    expect(rules(['weights-sum-total'])).toEqual(['weights-sum-total']);
    expect(rules([])).toEqual([]);
  });

  it('fail to compile when it lists a rule no indicator check implements', () => {
    // @ts-expect-error a standard table's row sum is not a rule on indicators
    const misplaced: FormTableSpec = { ...TABLE_KIND_SPECS.indicators, sumRules: ['row-sum-three-public'] };
    const { 'scores-sum-total': _dropped, ...fewer } = INDICATOR_RULE_CHECKS;
    // @ts-expect-error an indicator sum rule without a check
    const unchecked: Record<IndicatorSumRule, IndicatorCheck> = fewer;
    expect([misplaced, unchecked]).toHaveLength(2);
  });
});

describe('the report kinds’ specs', () => {
  it.each([
    ['某某局2023年部门决算', 'department_final_accounts'],
    ['某某区民政局2025年部门预算', 'department_budget'],
    ['2022年度部门整体支出绩效自评报告', 'department_performance_self_evaluation'],
    ['2022年度城乡低保专项资金绩效自评报告', 'project_performance_self_evaluation'],
    ['项目支出绩效自评表', 'project_performance_self_evaluation'],
  ] as const)('name %s a %s', (title, kind) => {
    expect(titleKind(title)).toBe(kind);
  });

  it('give every report kind a default phase and its readers', () => {
    for (const kind of REPORT_KINDS) expect(REPORT_KIND_SPECS[kind].defaultPhase).toMatch(/^(budget_initial|budget_adjusted|actual)$/);
    const { department_budget: _dropped, ...withoutOne } = REPORT_KIND_SPECS;
    // @ts-expect-error department_budget is a ReportKind without a spec
    const missingKind: Record<ReportKind, ReportKindSpec> = withoutOne;
    expect(Object.keys(missingKind)).toHaveLength(REPORT_KINDS.length - 1);
  });
});
