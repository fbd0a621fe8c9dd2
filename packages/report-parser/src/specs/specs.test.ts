import { describe, expect, it } from 'vitest';
import { checkTables } from '../checks/table-checks.ts';
import { titleKind } from '../report-splitter.ts';
import { readStandardTables } from '../standard-tables/index.ts';
import { basicEconomicTable, doc, expenditureTable, singleCodeColumnTable, summaryTable, threePublicTable } from '../../test/sample-tables.ts';
import { classifyTitle } from '../standard-tables/table-kinds.ts';
import { REPORT_KINDS, type ReportKind } from '../types.ts';
import { REPORT_KIND_SPECS, type ReportKindSpec } from './report-kinds.ts';
import { STANDARD_TABLE_KINDS, TABLE_KIND_SPECS, type TableKind, type TableKindSpec } from './table-kinds.ts';

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
