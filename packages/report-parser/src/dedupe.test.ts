import { describe, expect, it } from 'vitest';
import type { AmountCandidate } from './candidates.ts';
import { dedupeAmounts, dedupeLines } from './dedupe.ts';
import type { ExpenditureLine } from './types.ts';

const candidate = (over: Partial<AmountCandidate>): AmountCandidate => ({ item: 'basic_expenditure', phase: 'actual', fiscal_year: 2023, yuan: '0.00', scale: 2, origin: 'text', source_text: '', page: null, order: 0, ...over });

describe('dedupeAmounts', () => {
  it('keeps the most precise of statements that agree', () => {
    const { amounts, findings } = dedupeAmounts([candidate({ yuan: '4392500.00', scale: 2, order: 1 }), candidate({ yuan: '4392494.36', scale: -2, order: 2 })]);
    expect(amounts.map((a) => a.yuan)).toEqual(['4392494.36']);
    expect(findings).toEqual([]);
  });

  it('lets a table beat running text, keeps the other value as an alternative and records a finding', () => {
    const { amounts, findings } = dedupeAmounts([candidate({ yuan: '1412800.00', order: 1 }), candidate({ yuan: '1871800.00', origin: 'table', order: 9 })]);
    expect(amounts).toMatchObject([{ yuan: '1871800.00', alternatives: ['1412800.00'] }]);
    expect(findings.map((f) => f.rule)).toEqual(['same-figure-different-values']);
  });

  it('keeps a 总计 apart from the 合计 stated beside it: no alternative, no finding', () => {
    const total = candidate({ item: 'total_income', yuan: '29953900.00', order: 1, grandTotal: true });
    const { amounts, findings } = dedupeAmounts([total, candidate({ item: 'total_income', yuan: '29462500.00', origin: 'table', order: 9 })]);
    expect(amounts).toEqual([expect.objectContaining({ item: 'total_income', yuan: '29462500.00' })]);
    expect(amounts[0]!.alternatives).toBeUndefined();
    expect(findings).toEqual([]);
  });

  it('takes a 总计 when the document states no 合计 of the item', () => {
    const { amounts } = dedupeAmounts([candidate({ item: 'total_income', yuan: '36885900.00', order: 1, grandTotal: true })]);
    expect(amounts).toMatchObject([{ item: 'total_income', yuan: '36885900.00' }]);
  });

  it('takes the first in reading order among statements of the same kind', () => {
    const { amounts } = dedupeAmounts([candidate({ yuan: '7419100.00', order: 1 }), candidate({ yuan: '36885900.00', order: 2 })]);
    expect(amounts[0]).toMatchObject({ yuan: '7419100.00', alternatives: ['36885900.00'] });
  });
});

describe('dedupeLines', () => {
  const project = (name: string, yuan: string | null, budget: string | null): ExpenditureLine => ({ classification: 'project', path: [name], code: null, phase: 'actual', fiscal_year: 2023, yuan, budget_yuan: budget, source_text: '', page: null });

  it('merges a project named with and without 专项 when the figures agree, keeping the shorter name', () => {
    expect(dedupeLines([project('离休干部医药费', '360400.00', null), project('离休干部医药费专项', '360400.00', '500000.00')])).toEqual([{ ...project('离休干部医药费', '360400.00', '500000.00'), verification: 'confirmed' }]);
  });

  const functional = (path: string[], code: string | null, yuan: string, source: string): ExpenditureLine => ({ classification: 'functional', path, code, phase: 'budget_initial', fiscal_year: 2025, yuan, budget_yuan: null, source_text: source, page: null });

  it('makes a line stated in a table and in the text one line: the table’s, printed to the yuan', () => {
    const table = functional(['卫生健康', '行政事业单位医疗', '行政单位医疗'], '2101101', '782164.00', '表');
    const text = functional(['医疗卫生与计划生育', '行政事业单位医疗', '行政单位医疗'], '2101101', '782100.00', '文');
    expect(dedupeLines([table, text])).toEqual([table]);
    const uncoded = functional(['卫生健康', '行政事业单位医疗', '行政单位医疗'], null, '782100.00', '文');
    expect(dedupeLines([table, uncoded])).toEqual([table]);
  });

  it('tells explain which statement it folded into which emitted line', () => {
    const table = functional(['卫生健康', '行政事业单位医疗', '行政单位医疗'], '2101101', '782164.00', '表');
    const other = functional(['卫生健康', '行政事业单位医疗', '事业单位医疗'], '2101102', '100.00', '表');
    const text = functional(['卫生健康', '行政事业单位医疗', '事业单位医疗'], null, '100.00', '文');
    const merged: [ExpenditureLine, number][] = [];
    expect(dedupeLines([table, other, text], (line, into) => merged.push([line, into]))).toHaveLength(2);
    expect(merged).toEqual([[text, 1]]);
  });

  it('makes a 项 the text words differently under the same 类 and 款, with the same figure, the table’s line', () => {
    const table = functional(['公共安全', '法院', '一般行政管理事务'], '2040502', '64328912.00', '表');
    expect(dedupeLines([table, functional(['公共安全', '法院', '一般行政事务管理'], null, '64328900.00', '文')])).toEqual([table]);
    expect(dedupeLines([table, functional(['公共安全', '法院', '一般行政事务管理'], null, '64000000.00', '文')])).toHaveLength(2);
  });

  it('holds no code twice and no stray quote marks in names', () => {
    const lines = dedupeLines([functional(['一般公共服务', '商贸事务', '行政运行'], '2011301', '9389913.00', '表'), functional(['“一般公共服务', '商贸事务', '行政运行'], null, '9389900.00', '文')]);
    expect(lines.map((l) => [l.path.join('/'), l.yuan])).toEqual([['一般公共服务/商贸事务/行政运行', '9389913.00']]);
    expect(dedupeLines([project('“三公”经费专项', '100.00', null)])[0]!.path).toEqual(['“三公”经费专项']);
    expect(dedupeLines([project('“医疗救助专项', '100.00', null)])[0]!.path).toEqual(['医疗救助专项']);
  });

  it('makes an economic line the text names by its leaf the table’s line', () => {
    const economic = (path: string[], code: string | null, yuan: string): ExpenditureLine => ({ ...functional(path, code, yuan, ''), classification: 'economic' });
    expect(dedupeLines([economic(['工资福利支出', '基本工资'], '30101', '1952616.00'), economic(['基本工资'], null, '1952600.00')])).toEqual([economic(['工资福利支出', '基本工资'], '30101', '1952616.00')]);
  });

  it('keeps two projects apart when their figures differ', () => {
    expect(dedupeLines([project('城乡居民医保', '21700.00', null), project('城乡居民医保专项', '1511400.00', '4100000.00')])).toHaveLength(2);
  });
});
