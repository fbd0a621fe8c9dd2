import { describe, expect, it } from 'vitest';
import { heading, numberBlocks, paragraph } from '@budget-ingest/doc-model';
import { functionalCode } from './classification-codes.ts';
import { readEconomicLines } from './economic-lines.ts';
import { readFunctionalLines } from './functional-lines.ts';
import { readProjectLines } from './project-lines.ts';
import { toTextUnits } from './text-units.ts';
import type { RejectedFigure } from './trace.ts';

function units(...texts: string[]) {
  const blocks = numberBlocks(texts.map((t) => paragraph(t)));
  return toTextUnits(
    blocks,
    blocks.map((_, i) => i),
  );
}
const ctx = { fiscalYear: 2022, defaultPhase: 'actual' as const };

describe('readFunctionalLines', () => {
  it('reads 类/款/项 paths with their codes', () => {
    const lines = readFunctionalLines(units('1.社会保障和就业（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）：支出决算为 28.23 万元，完成预算 100%；社会保障和就业（类）人力资源和社会保障管理事务（款）其他人力资源和社会保障管理事务支出（项）：支出决算为 3 万元。'), ctx);
    expect(lines.map((l) => [l.path.join('/'), l.code, l.yuan])).toEqual([
      ['社会保障和就业/行政事业单位养老支出/机关事业单位基本养老保险缴费支出', '2080505', '282300.00'],
      ['社会保障和就业/人力资源和社会保障管理事务/其他人力资源和社会保障管理事务支出', '2080199', '30000.00'],
    ]);
  });

  it('reads 类-level totals whose name is a 类 of the code table', () => {
    const lines = readFunctionalLines(units('主要用于以下方面：社会保障和就业支出 2406.82 万元，占 65%；卫生健康支出 760.77 万元，占 21%；人员经费支出 10 万元。'), ctx);
    expect(lines.map((l) => [l.path, l.code, l.yuan])).toEqual([
      [['社会保障和就业'], '208', '24068200.00'],
      [['卫生健康'], '210', '7607700.00'],
    ]);
  });
});

describe('phases of lines in a budget and in final accounts', () => {
  const budget = { fiscalYear: 2017, defaultPhase: 'budget_initial' as const };

  it('reads a bare 支出 in a 部门预算 as the budget, not an actual', () => {
    const lines = readFunctionalLines(units('1.公共安全（类）支出23513.11万元，主要用于法院行政支出。住房保障（类）住房改革支出（款）住房公积金（项）支出1029.15万元，与上年相比增加100万元。'), budget);
    expect(lines.map((l) => [l.code, l.phase, l.yuan])).toEqual([
      ['204', 'budget_initial', '235131100.00'],
      ['2210201', 'budget_initial', '10291500.00'],
    ]);
  });

  it('keeps an earlier year’s 决算 / 执行数 in a budget actual', () => {
    const lines = readFunctionalLines(units('住房保障（类）住房改革支出（款）住房公积金（项）2016年执行数为900万元。'), budget);
    expect(lines.map((l) => [l.phase, l.yuan])).toEqual([['actual', '9000000.00']]);
  });

  it('reads a budget economic list as budget figures', () => {
    expect(readEconomicLines(units('人员经费支出712.88万元，主要包括：基本工资100.46万元。'), budget).map((l) => l.phase)).toEqual(['budget_initial']);
  });

  it('reads a final accounts’ 类/款/项 statement as its actual with the budget beside it', () => {
    const lines = readFunctionalLines(units('1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：人员经费及公用经费等的基本支出。年初预算为1560.05万元，支出决算为1511.89万元。'), { fiscalYear: 2024, defaultPhase: 'actual' });
    expect(lines.map((l) => [l.code, l.phase, l.yuan, l.budget_yuan])).toEqual([['2010601', 'actual', '15118900.00', '15600500.00']]);
  });

  it('files a 款 named without its 类 under the 类 of the code table', () => {
    const lines = readFunctionalLines(units('法院（款）行政运行（项）支出11786.92万元，与上年相比增加100万元。'), budget);
    expect(lines.map((l) => [l.path.join('/'), l.code])).toEqual([['公共安全/法院/行政运行', '2040501']]);
  });

  it('reads a 类/款/项 statement split over two paragraphs by a line break', () => {
    const lines = readFunctionalLines(units('5、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休', '（项）。主要用于：退休人员经费支出。年初预算为', '85.55万元，支出决算为84.65万元。'), { fiscalYear: 2024, defaultPhase: 'actual' });
    expect(lines.map((l) => [l.code, l.yuan, l.budget_yuan])).toEqual([['2080501', '846500.00', '855500.00']]);
  });

  it('reads a quoted path without the quote marks, so it has its code', () => {
    const lines = readFunctionalLines(units('“一般公共服务支出（类）商贸事务（款）行政运行（项）”938.99万元。'), budget);
    expect(lines.map((l) => [l.path.join('/'), l.code])).toEqual([['一般公共服务/商贸事务/行政运行', '2011301']]);
  });
});

describe('functionalCode', () => {
  it.each([
    [['农业水', '巩固脱贫衔接乡村振兴', '社会发展'], '2130506'],
    [['卫生健康', '医疗保障管理事务', '行政运行'], '2101501'],
    [['住房保障'], '221'],
    [['社会保障和就业', '其他社会保障和就业支出', '其他社会保障和就业支出'], null],
    [['不存在的类'], null],
  ])('codes %j as %s, tolerant of small wording changes', (path, code) => {
    expect(functionalCode(path)).toBe(code);
  });
});

describe('readEconomicLines', () => {
  it('reads the list after 人员经费, keeping names with 、 inside one entry', () => {
    const lines = readEconomicLines(units('人员经费712.88万元，主要包括：基本工资100.46万元、津贴补贴215.94万元，公务员医疗补助、特殊群体医疗费328.48万元。'), ctx);
    expect(lines.map((l) => [l.path[0], l.yuan])).toEqual([
      ['基本工资', '1004600.00'],
      ['津贴补贴', '2159400.00'],
      ['公务员医疗补助、特殊群体医疗费', '3284800.00'],
    ]);
  });
});

describe('readProjectLines', () => {
  const projectCtx = { ...ctx, fiscalYear: 2021, projectName: null };

  it('reads a project list after a 项目支出 figure', () => {
    const lines = readProjectLines(units('2023年度项目支出合计141.28万元，其中：城乡居民医保2.17万元；离休干部医药费36.04万元；医疗救助103.07万元。'), { ...projectCtx, fiscalYear: 2023 });
    expect(lines.map((l) => [l.path[0], l.yuan])).toEqual([
      ['城乡居民医保', '21700.00'],
      ['离休干部医药费', '360400.00'],
      ['医疗救助', '1030700.00'],
    ]);
  });

  it('reads budget and spending of a project statement', () => {
    const lines = readProjectLines(units('医疗救助专项基金（县级配套资金）共 5650000 元，支出 4765720.27 元。'), projectCtx);
    expect(lines.map((l) => [l.path[0], l.phase, l.yuan, l.budget_yuan])).toEqual([['医疗救助专项基金（县级配套资金）', 'actual', '4765720.27', '5650000.00']]);
  });

  it('reads a parenthesised budget breakdown as sub-lines and skips carry-overs and changes', () => {
    const lines = readProjectLines(units('一是城乡居民医保专项（含4个专项），上年结转43.79万元，年初预算410万元（包括打击欺诈骗保举报奖励1万元、城乡医疗救助资金400.00万元），年中执行调减269.72万元，实际支出151.14万元，结余结转32.93万元。'), { ...projectCtx, fiscalYear: 2023 });
    expect(lines.map((l) => [l.path.join('/'), l.phase, l.yuan, l.budget_yuan])).toEqual([
      ['城乡居民医保专项', 'actual', '1511400.00', '4100000.00'],
      ['城乡居民医保专项/打击欺诈骗保举报奖励', 'budget_initial', '10000.00', null],
      ['城乡居民医保专项/城乡医疗救助资金', 'budget_initial', '4000000.00', null],
    ]);
  });

  it('reads a budget-only statement and the paragraph total that follows it', () => {
    const lines = readProjectLines(units('城乡居民基本医疗保险县级配套资金年初预算安排 1225 万元。县级应配套 11468014 元；两项合计，我县共需配套 11528892.25 元。'), projectCtx);
    expect(lines.map((l) => [l.phase, l.yuan])).toEqual([
      ['budget_initial', '12250000.00'],
      ['actual', '11528892.25'],
    ]);
  });

  it('does not take a count of projects for a project', () => {
    expect(readProjectLines(units('编报绩效目标的项目11个，涉及项目预算资金6626万元。'), { ...projectCtx, defaultPhase: 'budget_initial' })).toEqual([]);
  });

  it('does not take a headline figure for a project', () => {
    expect(readProjectLines(units('2022年1-12月项目支出2946.68万元。'), projectCtx)).toEqual([]);
  });
});

describe('a 款 whose 类 is the section heading', () => {
  const budget = { fiscalYear: 2017, defaultPhase: 'budget_initial' as const };
  function underHeading(title: string, numbering: string, text: string) {
    const blocks = numberBlocks([heading(title, { numbering }), paragraph(text)]);
    return toTextUnits(
      blocks,
      blocks.map((_, i) => i),
    );
  }

  it('takes the heading 类 for a 款 of another year\'s codes, so the path matches the coded table line', () => {
    const lines = readFunctionalLines(underHeading('社会保障和就业支出（类）', '（二）', '1.行政事业单位离退休（款）未归口管理的行政单位离退休（项）支出2347.13万元，与上年相比增加345.96万元。'), budget);
    expect(lines.map((l) => [l.path, l.yuan])).toEqual([[['社会保障和就业', '行政事业单位离退休', '未归口管理的行政单位离退休'], '23471300.00']]);
  });

  it('prefers the heading 类 to the one the code table files the 款 under (the 类 was renamed since)', () => {
    const lines = readFunctionalLines(underHeading('医疗卫生与计划生育支出（类）。', '2、', '（1）公立医院（款）综合医院（项）2017年预算数为12.5万元。'), budget);
    expect(lines.map((l) => l.path)).toEqual([['医疗卫生与计划生育', '公立医院', '综合医院']]);
  });
});

describe('line readers tell explain why they passed a figure over', () => {
  const heard = (): { rejected: RejectedFigure[]; reject: (r: RejectedFigure) => void } => {
    const rejected: RejectedFigure[] = [];
    return { rejected, reject: (r) => rejected.push(r) };
  };

  it('a 类/款/项 line’s change word', () => {
    const { rejected, reject } = heard();
    const lines = readFunctionalLines(units('法院（款）行政运行（项）支出11786.92万元，与上年相比增加100万元。'), { ...ctx, reject });
    expect(lines.map((l) => l.yuan)).toEqual(['117869200.00']);
    expect(rejected.map((r) => [r.reader, r.reason, `${r.label}${r.figure}`])).toEqual([['functional-lines', 'change-word', '与上年相比增加100万元']]);
  });

  it('money held for others in a project list, a project’s carry-over and its breakdown', () => {
    const { rejected, reject } = heard();
    readProjectLines(units('项目支出包括委员活动经费40万元、代收代管资金12万元。'), { ...ctx, projectName: null, reject });
    readProjectLines(units('城乡居民医保专项，上年结转43.79万元，年初预算410万元（包括评审费1万元），实际支出151.14万元。'), { ...ctx, projectName: null, reject });
    expect(rejected.map((r) => [r.reason, r.figure])).toEqual([
      ['held-for-others', '12万元'],
      ['carried-over', '43.79万元'],
      ['inside-parentheses', '1万元'],
    ]);
  });

  it('where a list of economic lines ends (a headline item is not an entry)', () => {
    const { rejected, reject } = heard();
    const lines = readEconomicLines(units('人员经费712.88万元，主要包括：基本工资100.46万元、基本支出20万元、奖金7.95万元。'), { ...ctx, reject });
    expect(lines.map((l) => l.path[0])).toEqual(['基本工资']);
    expect(rejected.map((r) => [r.reader, r.reason, `${r.label}${r.figure}`])).toEqual([['economic-lines', 'list-ended', '基本支出20万元']]);
  });
});
