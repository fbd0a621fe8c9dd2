import { describe, expect, it } from 'vitest';
import { compareWithGold } from './compare.ts';
import { formatEvalReport } from './format.ts';

const report = (over: Record<string, unknown>) => ({ kind: 'department_final_accounts', title: 'T', organization: 'O', region: null, fiscal_year: 2022, published_on: null, document_number: null, self_evaluation: null, amounts: [], expenditure_lines: [], indicators: [], ...over });
const amount = (item: string, yuan: string, extra: Record<string, unknown> = {}) => ({ item, phase: 'actual', fiscal_year: 2022, yuan, source_text: '', page: null, ...extra });

describe('compareWithGold', () => {
  it('counts exact matches, misses, extras and wrong values per group', () => {
    const gold = { reports: [report({ amounts: [amount('basic_expenditure', '1.00'), amount('project_expenditure', '2.00')] })] };
    const exported = { reports: [report({ amounts: [amount('basic_expenditure', '1.00'), amount('total_income', '3.00')] })] };
    const result = compareWithGold(exported, gold);
    expect(result.groups.amounts).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(result.groups.identity).toMatchObject({ tp: 4, fp: 0, fn: 0 });
    expect(result.differences.map((d) => d.kind).sort()).toEqual(['extra', 'missing']);
  });

  it('accepts any of the gold alternatives', () => {
    const gold = { reports: [report({ amounts: [amount('basic_expenditure', '1.00', { alternatives: ['9.00'] })] })] };
    const exported = { reports: [report({ amounts: [amount('basic_expenditure', '9.00')] })] };
    expect(compareWithGold(exported, gold).groups.amounts.f1).toBe(1);
  });

  it('matches lines by classification and path whatever the parentheses’ width', () => {
    const line = (name: string) => ({ classification: 'project', path: [name], code: null, phase: 'actual', fiscal_year: 2021, yuan: '1.00', budget_yuan: null, source_text: '', page: null });
    const result = compareWithGold({ reports: [report({ expenditure_lines: [line('医疗救助(县级)')] })] }, { reports: [report({ expenditure_lines: [line('医疗救助（县级）')] })] });
    expect(result.groups.expenditure_lines.tp).toBe(1);
  });

  it('takes an object whose fields are all null (a blank indicator cell, an unknown region) for null', () => {
    const indicator = (target: unknown) => ({ level1: null, level2: '质量指标', level3: '工程质量合格', target, actual: null, weight: '10', score: '10', note: null, page: null });
    const blank = { raw: null, op: null, value: null, unit: null };
    const gold = { reports: [report({ region: { code: null, province: null, city: null, county: null }, indicators: [indicator(blank)] })] };
    const result = compareWithGold({ reports: [report({ region: null, indicators: [indicator(null)] })] }, gold);
    expect(result.groups.indicators.f1).toBe(1);
    expect(result.groups.identity).toMatchObject({ fp: 0, fn: 0 });
  });

  it('prints a table with one line per file and a total', () => {
    const result = compareWithGold({ reports: [] }, { reports: [report({})] });
    const text = formatEvalReport([{ file: 'a.pdf', result }]);
    expect(text).toContain('a.pdf');
    expect(text).toContain('TOTAL');
    expect(text).toContain('MISSING');
  });
});

describe('compareWithGold and the fields the export adds', () => {
  it('ignores verification, anchor and bbox: gold files do not carry them', () => {
    const traced = { verification: 'contradicted', anchor: { block: 3, row: 4, cell: 1 }, bbox: [1, 2, 3, 4] };
    const line = { classification: 'functional', path: ['一般公共服务'], code: '201', phase: 'actual', fiscal_year: 2022, yuan: '1.00', budget_yuan: null, source_text: '', page: null };
    const indicator = { level1: '产出指标', level2: '数量指标', level3: '人数', target: null, actual: null, weight: '10', score: '10', note: null, page: 1 };
    const gold = { reports: [report({ amounts: [amount('basic_expenditure', '1.00')], expenditure_lines: [line], indicators: [indicator] })] };
    const exported = { reports: [report({ amounts: [amount('basic_expenditure', '1.00', traced)], expenditure_lines: [{ ...line, ...traced }], indicators: [{ ...indicator, ...traced }] })] };
    const { groups } = compareWithGold(exported, gold);
    expect([groups.amounts.f1, groups.expenditure_lines.f1, groups.indicators.f1]).toEqual([1, 1, 1]);
  });
});
