import { describe, expect, it } from 'vitest';
import { cell, numberBlocks, paragraph, table, type Block } from '@budget-ingest/doc-model';
import { readStandardTables } from '../standard-tables/index.ts';
import { basicEconomicTable, doc, EXPENDITURE_ROWS, expenditureTable, summaryTable, threePublicTable, type CodedRow } from '../../test/sample-tables.ts';
import type { Indicator, Report } from '../types.ts';
import { FINDING_RULE_IDS, type FindingRule } from '../finding-rules.ts';
import { runChecks } from './index.ts';

function report(over: Partial<Report> = {}): Report {
  return {
    kind: 'department_final_accounts',
    title: '某某局2024年度部门决算',
    organization: null,
    region: null,
    fiscal_year: 2024,
    published_on: null,
    document_number: null,
    self_evaluation: null,
    amounts: [],
    expenditure_lines: [],
    indicators: [],
    findings: [],
    page_start: 1,
    page_end: 20,
    ...over,
  };
}

function check(blocks: Block[], over: Partial<Report> = {}): ReturnType<typeof runChecks> {
  const r = report(over);
  const { tables, amounts } = readStandardTables(blocks, { fiscalYear: r.fiscal_year, kind: r.kind });
  return runChecks({ ...r, amounts: over.amounts ?? amounts }, { tables, blocks });
}

const rules = (blocks: Block[], over: Partial<Report> = {}): FindingRule[] => check(blocks, over).map((f) => f.rule);
const text = (...paras: string[]): Block[] => paras.map((p) => paragraph(p, { page: 15 }));

const budget2026: Partial<Report> = { fiscal_year: 2026, kind: 'department_budget', title: '某某局2026年部门预算' };

const withRow = (code: string, patch: (r: CodedRow) => CodedRow): CodedRow[] => EXPENDITURE_ROWS.map((r) => (r.slice(0, 3).join('') === code ? patch(r) : r));

describe('rule ids', () => {
  it('are kebab-case and unique', () => {
    expect(new Set(FINDING_RULE_IDS).size).toBe(FINDING_RULE_IDS.length);
    for (const id of FINDING_RULE_IDS) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});

describe('runChecks on consistent tables', () => {
  it('finds nothing when the tables add up and agree', () => {
    expect(check(doc(summaryTable(), expenditureTable(), threePublicTable()))).toEqual([]);
  });
});

describe('row sums', () => {
  it('reports a row whose 合计 is not 基本支出 + 项目支出, with the printed and the computed values', () => {
    const blocks = doc(expenditureTable(withRow('2010601', (r) => [r[0], r[1], r[2], r[3], '1,511.89', '1,503.52', '18.37'])));
    const f = check(blocks).find((x) => x.rule === 'row-sum-total-basic-project');
    expect(f).toMatchObject({ severity: 'error', actual: '1,511.89万元', expected: '1521.89万元', pages: [6] });
    expect(f!.message).toContain('行政运行');
  });

  it('tolerates a difference of one printed step from rounding', () => {
    const blocks = doc(expenditureTable(withRow('2010601', (r) => [r[0], r[1], r[2], r[3], '1,511.89', '1,503.52', '8.38'])));
    expect(rules(blocks)).not.toContain('row-sum-total-basic-project');
  });

  it('reports a 基本支出 row whose 合计 is not 人员经费 + 公用经费', () => {
    expect(rules(doc(basicEconomicTable(['25741666.44', '23563342.00', '2178324.40'])), budget2026)).toContain('row-sum-personnel-public');
    expect(rules(doc(basicEconomicTable()), budget2026)).toEqual([]);
  });

  it('reports a “三公” 合计 that is not the sum of its parts', () => {
    const values = ['0.95', '0.50', '', '', '0.00', '0.00', '', '', '', '', '0.95', '0.40'];
    expect(rules(doc(threePublicTable(values)))).toEqual(['row-sum-three-public']);
  });
});

describe('income row sums', () => {
  const row = (...texts: readonly string[]) => texts.map((t) => cell(t));
  const incomeTable = (total: string): Block[] =>
    doc([
      paragraph('收入决算表', { page: 7 }),
      table([row('项目', '本年收入合计', '财政拨款收入', '一般公共预算', '事业收入'), row('一般公共服务支出', '120.00', '100.00', '100.00', '20.00'), row('合计', total, '100.00', '100.00', '20.00')], { caption: '单位：万元', page: 7 }),
    ]);

  it('adds a 收入表’s sources without the fund columns that split its 财政拨款', () => {
    expect(rules(incomeTable('120.00'))).not.toContain('row-sum-income-sources');
    const f = check(incomeTable('125.00')).find((x) => x.rule === 'row-sum-income-sources');
    expect(f?.message).toBe('收入决算表“合计”行：合计125.00万元，各项收入之和为120.00万元');
  });

  it('adds the fund columns of a 财政拨款收支总表 whose income side prints 财政拨款', () => {
    const fiscal = (total: string): Block[] =>
      doc([
        paragraph('财政拨款收入支出决算总表', { page: 8 }),
        table(
          [
            [cell('收入', { colspan: 2 }), cell('支出', { colspan: 5 })],
            row('项目', '财政拨款', '项目', '合计', '一般公共预算', '政府性基金预算', '国有资本经营预算'),
            row('一般公共预算财政拨款', '100.00', '一般公共服务支出', '80.00', '70.00', '10.00', ''),
            row('政府性基金预算财政拨款', '10.00', '住房保障支出', total, '30.00', '', ''),
          ],
          { caption: '单位：万元', page: 8 },
        ),
      ]);
    expect(rules(fiscal('30.00'))).not.toContain('row-sum-income-sources');
    const f = check(fiscal('35.00')).find((x) => x.rule === 'row-sum-income-sources');
    expect(f?.message).toBe('财政拨款收入支出决算总表“住房保障支出”行：合计35.00万元，一般公共预算、政府性基金预算与国有资本经营预算之和为30.00万元');
  });
});

describe('sums over the code hierarchy', () => {
  it('reports a 款 that is not the sum of its 项', () => {
    const blocks = doc(expenditureTable(withRow('2010607', (r) => [r[0], r[1], r[2], r[3], '594.00', '', '594.00'])));
    const found = check(blocks).filter((f) => f.rule === 'parent-sum-children');
    expect(found.map((f) => f.message).join('\n')).toContain('20106 财政事务');
  });

  it('checks coded rows of a 收支总表 too, where a province prints codes on its expenditure side', () => {
    const coded = (kuan: string) => summaryTable({ classes: [['201一般公共服务支出', '2,106.66'], ['20106财政事务', kuan]] });
    expect(rules(doc(coded('2,106.66')))).not.toContain('parent-sum-children');
    expect(check(doc(coded('2,000.00'))).find((f) => f.rule === 'parent-sum-children')?.message).toContain('201 一般公共服务支出');
  });

  it('reports a 合计 that is not the sum of its 类', () => {
    const blocks = doc(expenditureTable(EXPENDITURE_ROWS, ['2,533.38', '1,830.24', '703.14']));
    expect(rules(blocks)).toContain('total-sum-classes');
  });
});

describe('agreement between tables', () => {
  it('reports 本年支出合计 that differs between the 收支总表 and the 支出表', () => {
    const found = check(doc(summaryTable({ expenditure: '2,443.38', income: '2,443.38', general: '2,443.38' }), expenditureTable()));
    expect(found.find((f) => f.rule === 'table-agreement-total-expenditure')).toMatchObject({ actual: '2,443.38万元', expected: '2,433.38万元', severity: 'error', pages: [5, 6] });
  });

  it('reports a one-cent difference of a 类 between tables as possible rounding', () => {
    const classes = [
      ['一、一般公共服务支出', '2,106.66'],
      ['二、社会保障和就业支出', '326.71'],
    ] as const;
    const f = check(doc(summaryTable({ classes }), expenditureTable())).find((x) => x.rule === 'table-agreement-class-amounts');
    expect(f).toMatchObject({ severity: 'info', actual: '326.71万元', expected: '326.72万元' });
  });

  it('reports a 类 of the 收支总表 missing from the functional table', () => {
    const classes = [
      ['一、一般公共服务支出', '2,106.66'],
      ['二、卫生健康支出', '326.72'],
    ] as const;
    expect(rules(doc(summaryTable({ classes }), expenditureTable()))).toContain('table-agreement-class-amounts');
  });
});

describe('text against tables', () => {
  it('reports a headline figure of the text that differs from the table, unit converted', () => {
    const blocks = doc(expenditureTable(), text('本年支出合计2433.38万元，其中：基本支出1830.24万元，项目支出613.14万元。'));
    const found = check(blocks).filter((f) => f.rule === 'text-table-mismatch');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ actual: '613.14万元', expected: '603.14万元', pages: [6, 15] });
  });

  it('accepts a figure in 万元 that rounds the table figure in 元', () => {
    const blocks = doc(basicEconomicTable(), text('2026年一般公共预算基本支出2574.17万元。其中：人员经费2356.33万元，公用经费217.83万元。'));
    expect(rules(blocks, budget2026)).toEqual([]);
  });

  it('reports a 项 figure of the text that differs from the table, found by its 类/款/项 names', () => {
    const blocks = doc(expenditureTable(), text('1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：人员经费。年初预算为1560.05万元，支出决算为1511.98万元。'));
    expect(check(blocks).find((f) => f.rule === 'text-table-mismatch')).toMatchObject({ actual: '1511.98万元', expected: '1,511.89万元' });
  });

  it('reports a 总计 of the text that differs from the 总计 row of the 财政拨款收支总表', () => {
    const fiscal = numberBlocks([
      paragraph('财政拨款收入支出决算总表', { page: 12 }),
      table([[cell('收入', { colspan: 2 }), cell('支出', { colspan: 2 })], [cell('项目'), cell('决算数'), cell('项目'), cell('决算数')], [cell('总计'), cell('2,961.68'), cell('总计'), cell('2,961.68')]], { caption: '单位：万元', page: 12 }),
    ]);
    expect(check([...fiscal, ...text('2024年度财政拨款收入支出总计0.3万元。')]).find((f) => f.rule === 'text-table-mismatch')).toMatchObject({ actual: '0.3万元', expected: '2,961.68万元' });
    expect(rules([...fiscal, ...text('2024年度财政拨款收入支出总计2961.68万元。')])).toEqual([]);
  });

  it('reports a name printed under a code that differs from the table name for that code', () => {
    const blocks = doc(expenditureTable(), text('社会保障和就业支出（208类）行政事业单位养老（05款）机关事业单位基本养老保险缴费支出（05项）326.72万元。'));
    expect(check(blocks).find((f) => f.rule === 'code-name-mismatch')).toMatchObject({ actual: '行政事业单位养老', expected: '行政事业单位养老支出' });
  });

  it('reports the same figure stated twice with different values', () => {
    const blocks = doc(text('住房保障支出（221类）住房改革支出（02款）住房公积金（01项）208.8万元。2025年当年预算执行数为198.34万元，2024年预算安排201.50万元。'));
    expect(rules(blocks, { fiscal_year: 2024, kind: 'department_budget' })).toEqual(['figure-stated-twice']);
  });

  it('reports a headline stated twice with different values for one phase and one fund', () => {
    expect(rules(doc(text('2021年度部门决算共1949.98万元，其中基本支出141.13万元，项目支出为1803.53万元。', '本年度项目支出1808.53万元。')), { fiscal_year: 2021, title: null })).toEqual(['figure-stated-twice']);
  });

  it('does not take a budget and an actual figure under one label for one figure stated twice', () => {
    const blocks = doc(text('2021年度，县医保局年度财政拨款预算金额共9786.81万元，其中基本支出预算金额为119.54万元，项目支出为9667.27万元。本年度，县医保局年度部门决算共1949.98万元，其中基本支出141.13万元，项目支出为1803.53万元。'));
    expect(rules(blocks, { fiscal_year: 2021, title: null })).toEqual([]);
  });

  it('does not take the figures of different funds under one label for one figure stated twice', () => {
    const blocks = doc(
      text(
        '2023年度单位一般公共预算财政拨款支出267.43万元，其中：项目支出141.28万元，基本支出126.15万元。',
        '2023年度政府性基金预算财政拨款收入28.04万元；年初结转和结余0.00万元；支出28.04万元，其中基本支出0.00万元，项目支出28.04万元。',
      ),
    );
    expect(rules(blocks, { fiscal_year: 2023, title: null })).toEqual([]);
  });
});

describe('stated changes and rates', () => {
  it.each([
    ['收入支出总计2995.39万元。与2023年度相比，收入支出总计减少56.95万元，下降1.87%。', false],
    ['机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.40%。', false],
    ['机关运行经费支出184.65万元，比2023年度增加2.55万元，增长1.50%。', true],
    ['公诉、审判、侦查、执行等检察监督支出（项）1,895万元，与上年相比减少134万元，降幅0.66%。', true],
    ['未归口管理行政单位离退休费（项）支出371.92万元，与上年相比减少1,649.26万元，降幅81.6%。', false],
    ['2023年当年预算执行数为2149.45万元，2024年预算安排2170.39万元，比2023年预算执行数增加0.97%。', false],
    ['2023年当年预算执行数为43269.3万元，2024年预算安排3845.49万元，比2023年预算执行数增加17.62%。', true],
    // 2915.22 ÷ 7968.14 = 36.586%: printed rounded (36.59%) or truncated (36.58%) it is the same rate; 36.57% is not.
    ['行政运行（项）支出10,883.36万元，与上年相比增加2,915.22万元，增长36.58%。', false],
    ['行政运行（项）支出10,883.36万元，与上年相比增加2,915.22万元，增长36.59%。', false],
    ['行政运行（项）支出10,883.36万元，与上年相比增加2,915.22万元，增长36.57%。', true],
    ['基本支出1,836.22万元，与上年相比减少184.96万元，降幅9.1%。', false],
  ])('checks the change stated in “%s” (mismatch: %s)', (sentence, mismatch) => {
    expect(rules(doc(text(sentence))).includes('stated-change-mismatch')).toBe(mismatch);
  });

  it.each([
    ['年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。', false],
    ['年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的96.20%。', true],
    ['“三公”经费财政拨款支出年初预算为0.95万元，支出决算为0.00万元，完成预算的0%。', false],
    // 9746.50 ÷ 10210.34 = 95.457%: truncated to 95.45% is no mismatch.
    ['年初预算为10210.34万元，支出决算为9746.50万元，完成年初预算的95.45%。', false],
    ['年初预算为10210.34万元，支出决算为9746.50万元，完成年初预算的95.44%。', true],
  ])('checks the execution rate in “%s” (mismatch: %s)', (sentence, mismatch) => {
    expect(rules(doc(text(sentence))).includes('execution-rate-mismatch')).toBe(mismatch);
  });
});

describe('years', () => {
  it('reports a comparison with a year other than the year before', () => {
    expect(rules(doc(text('机关运行经费支出184.65万元，与2022年度相比持平。')))).toEqual(['comparison-year-mismatch']);
    expect(rules(doc(text('机关运行经费支出184.65万元，与2023年度相比持平。')))).toEqual([]);
  });

  it('reports a table title whose year differs from the report year', () => {
    expect(rules(doc(basicEconomicTable()), { fiscal_year: 2025, kind: 'department_budget', title: '某某局2025年部门预算' })).toEqual(['fiscal-year-title-mismatch']);
  });

  it('reports a report title whose year differs from the fiscal year', () => {
    expect(rules(numberBlocks([]), { title: '某某局2023年度部门决算' })).toEqual(['fiscal-year-title-mismatch']);
  });
});

describe('headline parts and indicators', () => {
  const amount = (item: Report['amounts'][number]['item'], yuan: string): Report['amounts'][number] => ({ item, phase: 'actual', fiscal_year: 2024, yuan, source_text: '', page: 3 });
  it('reports 基本支出 + 项目支出 that differ from 本年支出合计', () => {
    const amounts = [amount('total_expenditure', '1000000.00'), amount('basic_expenditure', '600000.00'), amount('project_expenditure', '300000.00')];
    expect(rules([], { amounts })).toEqual(['parts-sum-basic-project']);
  });

  it('accepts a total that is 基本支出 + 项目支出 + “三公”经费 when the document lists 三公 as a third part', () => {
    const amounts = [amount('total_expenditure', '19499800.00'), amount('basic_expenditure', '1411300.00'), amount('project_expenditure', '18035300.00')];
    expect(rules([], { amounts: [...amounts, amount('three_public_expenditure', '53200.00')] })).toEqual([]);
    expect(rules([], { amounts: [...amounts, amount('three_public_expenditure', '20000.00')] })).toEqual(['parts-sum-basic-project']);
  });

  it('accepts a total with other legitimate parts (单位预留机动经费, 上缴上级, 结转下年) that the report states', () => {
    const amounts = [amount('total_expenditure', '219553500.00'), amount('basic_expenditure', '139943100.00'), amount('project_expenditure', '55730000.00')];
    expect(rules(text('本年支出预算合计21,955.35万元，其中：单位预留机动经费2,388.04万元，占10.87%。'), { amounts })).toEqual([]);
    expect(rules(text('上缴上级支出2,388.04万元。'), { amounts })).toEqual([]);
    expect(rules(text('结转下年资金2,388.04万元。'), { amounts })).toEqual([]);
    // A part printed as zero, or a change of it, explains nothing.
    expect(rules(text('单位预留机动经费0万元。'), { amounts })).toEqual(['parts-sum-basic-project']);
    expect(rules(text('单位预留机动经费与上年相比增加2,388.04万元。'), { amounts })).toEqual(['parts-sum-basic-project']);
  });

  it('compares 人员经费 + 公用经费 with the 合计 of the 基本支出 table they split, not a 基本支出 of all funds', () => {
    const amounts = [amount('basic_expenditure', '26000000.00'), amount('personnel_expenditure', '23563342.00'), amount('public_expenditure', '2178324.44')];
    expect(rules(doc(basicEconomicTable()), { amounts, fiscal_year: 2026, kind: 'department_budget', title: '某某局2026年部门预算' })).toEqual([]);
    expect(rules([], { amounts })).toEqual(['parts-sum-personnel-public']);
  });

  it('reports 人员经费 + 公用经费 that differ from 基本支出', () => {
    const amounts = [amount('basic_expenditure', '600000.00'), amount('personnel_expenditure', '500000.00'), amount('public_expenditure', '90000.00')];
    expect(rules([], { amounts })).toEqual(['parts-sum-personnel-public']);
    expect(rules([], { amounts: [...amounts.slice(0, 2), amount('public_expenditure', '100000.00')] })).toEqual([]);
  });

  const ind = (weight: string, score: string): Indicator => ({ level1: '产出指标', level2: '数量指标', level3: `指标${weight}${score}`, target: null, actual: null, weight, score, note: null, page: 5 });
  it('reports a score above its weight and weights that do not make 100', () => {
    expect(rules([], { indicators: [ind('40', '42'), ind('30', '30'), ind('20', '20')] })).toEqual(['score-exceeds-weight', 'weights-sum-total']);
  });

  it('reports scores that do not add up to the stated total score', () => {
    const indicators = [ind('50', '45'), ind('30', '30'), ind('20', '20')];
    expect(rules([], { indicators, self_evaluation: { score: '96', rating: null } })).toEqual(['scores-sum-total']);
    expect(rules([], { indicators, self_evaluation: { score: '95', rating: null } })).toEqual([]);
  });
});
