import { describe, expect, it } from 'vitest';
import { numberBlocks, paragraph } from '@budget-ingest/doc-model';
import { kindFromContent, splitReports, titleKind } from './report-splitter.ts';

describe('titleKind', () => {
  it.each([
    ['2023年度株洲市芦淞区医疗保障局整体支出绩效自评报告', 'department_performance_self_evaluation'],
    ['2022 年专项资金预算项目绩效自评报告', 'project_performance_self_evaluation'],
    ['2022年部门整体绩效评价报告', 'department_performance_self_evaluation'],
    ['部门决算', 'department_final_accounts'],
    ['2017年度江苏省高级人民法院部门预算公开', 'department_budget'],
    ['第四部分 附件.....31', null],
    ['形成万源市医疗保障局部门整体绩效自评报告、专项预算项目绩效自评报告，其中', null],
  ])('reads %s as %s', (text, kind) => {
    expect(titleKind(text)).toBe(kind);
  });
});

describe('splitReports', () => {
  it('joins a title printed over several lines and splits the 附件 reports off, returning to the main report at 第五部分', () => {
    const blocks = numberBlocks([
      paragraph('2022 年度'),
      paragraph('四川省万源市医疗保障局'),
      paragraph('部门决算'),
      paragraph('第二部分 部门决算情况说明'),
      paragraph('第四部分 附件'),
      paragraph('2022 年部门整体绩效评价报告'),
      paragraph('一、部门基本情况'),
      paragraph('2022 年专项资金预算项目绩效自评报告'),
      paragraph('一、项目概况'),
      paragraph('第五部分 附表'),
    ]);
    const parts = splitReports(blocks);
    expect(parts.map((p) => [p.kind, p.title, p.positions])).toEqual([
      ['department_final_accounts', '2022年度四川省万源市医疗保障局部门决算', [0, 1, 2, 3, 4, 9]],
      ['department_performance_self_evaluation', '2022年部门整体绩效评价报告', [5, 6]],
      ['project_performance_self_evaluation', '2022年专项资金预算项目绩效自评报告', [7, 8]],
    ]);
  });

  it('keeps blocks before the first title (附件3) in the first report', () => {
    const parts = splitReports(numberBlocks([paragraph('附件3'), paragraph('部门整体支出绩效自评报告'), paragraph('部门名称：仁化县医疗保障局')]));
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ title: '部门整体支出绩效自评报告', positions: [0, 1, 2] });
  });

  it('reads nothing as a report when neither a title nor report vocabulary is found', () => {
    const blocks = numberBlocks([paragraph('关于2021年预算执行情况的报告'), paragraph('全市一般公共预算收入增长5%。')]);
    expect(kindFromContent(blocks)).toBeNull();
    expect(splitReports(blocks)).toEqual([]);
  });
});
