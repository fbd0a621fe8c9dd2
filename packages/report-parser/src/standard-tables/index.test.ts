import { describe, expect, it } from 'vitest';
import { cell, numberBlocks, paragraph, table } from '@budget-ingest/doc-model';
import { readStandardTables } from './index.ts';
import { classifyTitle } from './table-kinds.ts';
import { basicEconomicTable, doc, expenditureTable, singleCodeColumnTable, summaryTable, threePublicTable } from '../../test/sample-tables.ts';

const finalCtx = { fiscalYear: 2024, kind: 'department_final_accounts' as const };
const budgetCtx = { fiscalYear: 2026, kind: 'department_budget' as const };

describe('classifyTitle', () => {
  it.each([
    ['收入支出决算总表', 'summary'],
    ['2026年部门财务收支预算总表', 'summary'],
    ['收支预算总表', 'summary'],
    ['收入决算表', 'income'],
    ['2026年部门收入预算总表', 'income'],
    ['支出决算表', 'expenditure'],
    ['预算单位支出预算总表', 'expenditure'],
    ['财政拨款收入支出决算总表', 'fiscal_summary'],
    ['2026年部门财政拨款收支预算总表', 'fiscal_summary'],
    ['一般公共预算财政拨款支出决算表', 'general_budget_functional'],
    ['2026年部门一般公共预算支出功能分类预算表', 'general_budget_functional'],
    ['财政拨款支出预算表（功能科目）', 'general_budget_functional'],
    ['一般公共预算财政拨款基本支出决算表', 'basic_economic'],
    ['2026年部门一般公共预算基本支出部门预算经济分类预算表', 'basic_economic'],
    ['财政拨款“三公”经费支出决算表', 'three_public'],
    ['2026年部门“三公”经费和机关运行经费预算表', 'three_public'],
    ['政府性基金预算财政拨款收入支出决算表', 'government_fund'],
    ['国有资本经营预算支出功能分类预算表', 'state_capital'],
  ])('names %s a %s table', (title, kind) => {
    expect(classifyTitle(title)).toBe(kind);
  });

  it.each([['机关运行经费支出预算表'], ['政府采购预算表'], ['一、收入支出决算总体情况说明'], ['本年支出合计2940.05万元，其中基本支出2336.91万元']])(
    'does not take %s for a standard table',
    (title) => {
      expect(classifyTitle(title)).toBeNull();
    },
  );
});

describe('readStandardTables', () => {
  it('reads the headline figures of the 收支总表 in yuan', () => {
    const { amounts, tables } = readStandardTables(doc(summaryTable()), finalCtx);
    expect(tables.map((t) => [t.kind, t.unit])).toEqual([['summary', 'wan']]);
    const byItem = Object.fromEntries(amounts.map((a) => [a.item, a.yuan]));
    expect(byItem).toEqual({ total_income: '24333800.00', total_expenditure: '24333800.00', general_public_budget: '24333800.00' });
    expect(amounts[0]).toMatchObject({ phase: 'actual', fiscal_year: 2024, page: 5 });
  });

  it('treats a blank cell as no amount', () => {
    const { amounts } = readStandardTables(doc(summaryTable()), finalCtx);
    expect(amounts.find((a) => a.item === 'government_fund_budget')).toBeUndefined();
  });

  it('reads 类/款/项 codes split over three cells into coded functional lines with paths', () => {
    const { lines } = readStandardTables(doc(expenditureTable()), finalCtx);
    expect(lines.map((l) => [l.code, l.path.join('/'), l.yuan])).toEqual([
      ['201', '一般公共服务', '21066600.00'],
      ['20106', '一般公共服务/财政事务', '21066600.00'],
      ['2010601', '一般公共服务/财政事务/行政运行', '15118900.00'],
      ['2010607', '一般公共服务/财政事务/信息化建设', '5947700.00'],
      ['208', '社会保障和就业', '3267200.00'],
      ['20805', '社会保障和就业/行政事业单位养老支出', '3267200.00'],
      ['2080505', '社会保障和就业/行政事业单位养老支出/机关事业单位基本养老保险缴费支出', '3267200.00'],
    ]);
    expect(lines.every((l) => l.classification === 'functional' && l.phase === 'actual')).toBe(true);
  });

  it('leaves out rows whose figures are all zero', () => {
    const { lines } = readStandardTables(doc(expenditureTable()), finalCtx);
    expect(lines.find((l) => l.code === '2080506')).toBeUndefined();
  });

  it('reads 合计, 基本支出 and 项目支出 from the 支出表 by their header words', () => {
    const { amounts } = readStandardTables(doc(expenditureTable()), finalCtx);
    expect(amounts.map((a) => [a.item, a.yuan])).toEqual([
      ['total_expenditure', '24333800.00'],
      ['basic_expenditure', '18302400.00'],
      ['project_expenditure', '6031400.00'],
    ]);
  });

  it('finds columns by their header words whatever their order', () => {
    const swapped = expenditureTable().map((b) =>
      b.kind === 'table' ? { ...b, rows: b.rows.map((r, i) => (i === 0 ? [r[0]!, r[1]!, r[3]!, r[2]!] : i >= 3 ? [...r.slice(0, r.length - 2), r[r.length - 1]!, r[r.length - 2]!] : r)) } : b,
    );
    const { amounts } = readStandardTables(doc(swapped), finalCtx);
    expect(amounts.find((a) => a.item === 'project_expenditure')?.yuan).toBe('6031400.00');
    expect(amounts.find((a) => a.item === 'basic_expenditure')?.yuan).toBe('18302400.00');
  });

  it('reads one 科目编码 column, with the title and unit in rows of the table itself', () => {
    const { tables, lines, amounts } = readStandardTables(doc(singleCodeColumnTable()), { fiscalYear: 2018, kind: 'department_budget' });
    expect(tables[0]).toMatchObject({ kind: 'general_budget_functional', unit: 'wan', phase: 'budget_initial' });
    expect(lines.map((l) => l.code)).toEqual(['201', '20102', '2010201', '221', '22102', '2210201']);
    expect(lines[2]!.path).toEqual(['一般公共服务', '政协事务', '行政运行']);
    expect(amounts).toEqual([expect.objectContaining({ item: 'general_public_budget', yuan: '100704800.00', phase: 'budget_initial' })]);
  });

  it('reads economic lines and 人员经费/公用经费 from the 基本支出 table', () => {
    const { lines, amounts, tables } = readStandardTables(doc(basicEconomicTable()), budgetCtx);
    expect(tables[0]).toMatchObject({ kind: 'basic_economic', unit: 'yuan', year: 2026 });
    expect(lines.map((l) => [l.classification, l.code, l.path.join('/')])).toContainEqual(['economic', '30101', '工资福利/基本工资']);
    expect(lines.find((l) => l.code === '30103')).toBeUndefined();
    expect(amounts.map((a) => [a.item, a.yuan])).toEqual([
      ['personnel_expenditure', '23563342.00'],
      ['public_expenditure', '2178324.44'],
    ]);
  });

  it('reads the “三公” table with a 预算数 and a 决算数 under each heading', () => {
    const { amounts } = readStandardTables(doc(threePublicTable()), finalCtx);
    expect(amounts.map((a) => [a.item, a.phase, a.yuan])).toEqual([
      ['three_public_expenditure', 'budget_initial', '9500.00'],
      ['three_public_expenditure', 'actual', '4000.00'],
      ['official_vehicles', 'budget_initial', '0.00'],
      ['official_vehicles', 'actual', '0.00'],
      ['official_reception', 'budget_initial', '9500.00'],
      ['official_reception', 'actual', '4000.00'],
    ]);
  });

  it('keeps the first value of a figure two tables state differently and lists the other as an alternative', () => {
    const { amounts } = readStandardTables(doc(summaryTable({ expenditure: '2,433.39' }), expenditureTable()), finalCtx);
    expect(amounts.find((a) => a.item === 'total_expenditure')).toMatchObject({ yuan: '24333900.00', alternatives: ['24333800.00'] });
  });

  it('joins a table block without a title that repeats the previous header onto it', () => {
    const [titleBlock, first] = expenditureTable();
    const t = first!.kind === 'table' ? first! : null;
    const head = t!.rows.slice(0, 3);
    const cont = table([...head, t!.rows[t!.rows.length - 1]!.map((c) => c)], { page: 7 });
    const withoutLast = { ...t!, rows: t!.rows.slice(0, -1) };
    const { tables, lines } = readStandardTables(numberBlocks([titleBlock!, withoutLast, cont]), finalCtx);
    expect(tables).toHaveLength(1);
    expect(tables[0]!.pages).toEqual([6, 7]);
    expect(lines.map((l) => l.code)).toContain('2080505');
  });

  it('joins a lone 合计 row on the next page by lining its cells up with the columns above', () => {
    const box = (x0: number, x1: number): [number, number, number, number] => [x0, 100, x1, 120];
    const xs: [number, number][] = [[0, 40], [40, 80], [80, 120], [120, 300], [300, 400], [400, 500], [500, 600]];
    const c = (t: string, i: number, span = 1): ReturnType<typeof cell> => cell(t, { colspan: span, bbox: box(xs[i]![0], xs[i + span - 1]![1]) });
    const blocks = numberBlocks([
      paragraph('2024年部门支出预算总表', { page: 16 }),
      paragraph('单位:元', { page: 16 }),
      table(
        [
          [c('功能分类科目编码', 0, 3), c('功能分类科目名称', 3), c('合计', 4), c('基本支出', 5), c('项目支出', 6)],
          [c('类', 0), c('款', 1), c('项', 2), c('', 3), c('', 4), c('', 5), c('', 6)],
          [c('201', 0), c('', 1), c('', 2), c('一般公共服务支出', 3), c('100', 4), c('60', 5), c('40', 6)],
        ],
        { page: 16 },
      ),
      table([[c('合计', 0, 4), c('100', 4), c('60', 5), c('40', 6)]], { page: 17 }),
    ]);
    const { tables, amounts } = readStandardTables(blocks, { fiscalYear: 2024, kind: 'department_budget' });
    expect(tables[0]!.pages).toEqual([16, 17]);
    expect(amounts.map((a) => [a.item, a.yuan])).toEqual([
      ['total_expenditure', '100.00'],
      ['basic_expenditure', '60.00'],
      ['project_expenditure', '40.00'],
    ]);
  });

  it('reads a total label merged over two sides of a summary as the row of the side holding its figure', () => {
    const blocks = numberBlocks([
      paragraph('收支预算总表'),
      table([
        [cell('收入', { colspan: 2 }), cell('支出', { colspan: 4 })],
        [cell('项目名称'), cell('金额'), cell('功能科目名称'), cell('金额'), cell('项目名称'), cell('金额')],
        [cell('一、财政拨款'), cell('80.00'), cell('一、一般公共服务支出'), cell('80.00'), cell('一、基本支出'), cell('80.00')],
        [cell('当年收入小计'), cell('80.00'), cell('当年支出小计', { colspan: 3 }), cell('80.00')],
      ], { caption: '单位：万元' }),
    ]);
    const { amounts } = readStandardTables(blocks, { fiscalYear: 2018, kind: 'department_budget' });
    expect(amounts.find((a) => a.item === 'total_expenditure')?.yuan).toBe('800000.00');
    expect(amounts.find((a) => a.item === 'basic_expenditure')?.yuan).toBe('800000.00');
  });

  it('reads three 科目编码 columns as 类 款 项 when the row naming them is fused with the 合计 row', () => {
    const blocks = numberBlocks([
      paragraph('支出决算表'),
      table([
        [cell('项目', { colspan: 4 }), cell('本年支出合计'), cell('基本支出'), cell('项目支出')],
        [cell('科目编码', { colspan: 3 }), cell('科目名称'), cell(''), cell(''), cell('')],
        [cell('类'), cell('款'), cell('项'), cell('合计'), cell('10.00'), cell('6.00'), cell('4.00')],
        [cell('201'), cell('06'), cell('01'), cell('行政运行'), cell('10.00'), cell('6.00'), cell('4.00')],
      ], { caption: '单位：万元' }),
    ]);
    const { lines, amounts } = readStandardTables(blocks, { fiscalYear: 2024, kind: 'department_final_accounts' });
    expect(lines.map((l) => l.code)).toEqual(['2010601']);
    expect(amounts.find((a) => a.item === 'total_expenditure')?.yuan).toBe('100000.00');
  });

  it('warns (a parse warning with the page and box, not a finding) about a table that states no unit and reads it in yuan', () => {
    const box = [10, 20, 500, 300] as const;
    const blocks = numberBlocks([paragraph('收入决算表'), table([[cell('科目编码'), cell('科目名称'), cell('本年收入合计')], [cell('201'), cell('一般公共服务支出'), cell('100.00')]], { page: 3, bbox: box })]);
    const { warnings, tables } = readStandardTables(blocks, finalCtx);
    expect(tables[0]).toMatchObject({ unit: 'yuan', unitStated: false });
    expect(warnings).toEqual([{ code: 'table-unit-missing', message: expect.stringContaining('未注明金额单位'), page: 3, box }]);
  });

  it('warns about a standard table whose header names no money column', () => {
    const blocks = numberBlocks([paragraph('收入决算表'), paragraph('单位：元'), table([[cell('科目编码'), cell('科目名称'), cell('说明')], [cell('201'), cell('一般公共服务支出'), cell('1')]], { page: 2 })]);
    expect(readStandardTables(blocks, finalCtx).warnings.map((w) => [w.code, w.page])).toEqual([['table-columns-unrecognised', 2]]);
  });

  it('ignores tables without a standard title', () => {
    const blocks = numberBlocks([paragraph('绩效指标表'), table([[cell('一级指标'), cell('分值')], [cell('产出指标'), cell('40')]])]);
    expect(readStandardTables(blocks, finalCtx).tables).toEqual([]);
  });
});
