/**
 * Forms and indicator tables as a genre: column roles by header vocabulary in
 * any order, comparison and unit columns, cells with signs and bracketed
 * units, placeholder rows, the 总分 row's 得分 and rating, merged label cells,
 * rows broken over a page break, and a document that is a form. Each case
 * includes wording the corpus does not use.
 */
import { describe, expect, it } from 'vitest';
import { cell, numberBlocks, paragraph, table, type Block, type DocumentModel, type TableCell } from '@budget-ingest/doc-model';
import { readAmountTables } from './amount-tables.ts';
import { readIndicatorCell } from './indicator-cell.ts';
import { isPlaceholder, readIndicatorTables } from './indicator-table.ts';
import { parseDocument } from './parse-document.ts';

const row = (...texts: string[]): TableCell[] => texts.map((t) => cell(t));

function model(blocks: Block[]): DocumentModel {
  return { modelVersion: 1, format: 'docx', pageCount: null, pages: [], blocks: numberBlocks(blocks), metadata: {}, warnings: [] };
}

describe('readIndicatorCell', () => {
  it.each([
    ['≥500.00(平方米)', { op: '>=', value: '500', unit: '平方米' }],
    ['=100.00(%)', { op: '=', value: '100', unit: '%' }],
    ['═100%', { op: '=', value: '100', unit: '%' }],
    ['≧90%', { op: '>=', value: '90', unit: '%' }],
    ['>=21933人', { op: '>=', value: '21933', unit: '人' }],
    ['583元/人*月', { op: null, value: '583', unit: '元/人*月' }],
    ['百分之九十五', { op: null, value: '95', unit: '%' }],
    ['两万人次', { op: null, value: '20000', unit: '人次' }],
    ['约100人', { op: null, value: '100', unit: '人' }],
    ['108.01万元', { op: null, value: '1080100', unit: '元' }],
    ['2019年', { op: null, value: '2019', unit: '年' }],
    ['二〇一九年', { op: null, value: '2019', unit: '年' }],
    ['显著提升', { op: null, value: null, unit: null }],
  ])('reads %s', (text, expected) => {
    expect(readIndicatorCell(text)).toMatchObject(expected);
  });

  it('takes the unit and the comparison from their own columns when the cell prints neither', () => {
    expect(readIndicatorCell('500', '（平方米）', '≥')).toEqual({ raw: '500', op: '>=', value: '500', unit: '平方米' });
    expect(readIndicatorCell('3', '个月', '小于等于')).toEqual({ raw: '3', op: '<=', value: '3', unit: '个月' });
    expect(readIndicatorCell('')).toBeNull();
  });
});

describe('readIndicatorCell on the cells parse-indicator-value read', () => {
  it.each([
    ['16.58万', { raw: '16.58万', op: null, value: '165800', unit: null }],
    ['108.01万元', { raw: '108.01万元', op: null, value: '1080100', unit: '元' }],
    ['96.74%', { raw: '96.74%', op: null, value: '96.74', unit: '%' }],
    ['47 万人', { raw: '47万人', op: null, value: '470000', unit: '人' }],
    ['3元/人', { raw: '3元/人', op: null, value: '3', unit: '元/人' }],
    ['≥95%', { raw: '≥95%', op: '>=', value: '95', unit: '%' }],
    ['＜5%', { raw: '＜5%', op: '<', value: '5', unit: '%' }],
    ['12 月底 100% 完成', { raw: '12月底100%完成', op: null, value: null, unit: null }],
    ['100%-80%(含)', { raw: '100%-80%(含)', op: null, value: null, unit: null }],
    ['显著提升', { raw: '显著提升', op: null, value: null, unit: null }],
  ])('parses %s', (text, expected) => {
    expect(readIndicatorCell(text)).toEqual(expected);
  });

  it('takes the unit from a unit column when the cell prints none', () => {
    expect(readIndicatorCell('1800', '人次')).toEqual({ raw: '1800', op: null, value: '1800', unit: '人次' });
  });
});

describe('placeholders', () => {
  it.each(['……', '......', '无', '/', '指标1:', '指标2', '指标3：', '指标1:/', '其他指标', '—'])('%s is a template placeholder', (t) => {
    expect(isPlaceholder(t)).toBe(true);
  });
  it.each(['指标1:工程质量合格', '指标1工程资金金额', '受益群众满意度', '2个'])('%s is an indicator', (t) => {
    expect(isPlaceholder(t)).toBe(false);
  });
});

describe('readIndicatorTables on form layouts', () => {
  it('reads 分值 before 指标值 and an 指标性质 | 指标值 | 度量单位 split, whatever the order', () => {
    const t = table([
      row('一级指标', '二级指标', '三级指标', '分值', '指标性质', '指标值', '度量单位', '实际完成值', '得分'),
      row('产出指标', '数量指标', '改造面积', '20', '≥', '500', '平方米', '520', '20'),
      row('产出指标', '质量指标', '验收合格率', '20', '＝', '100', '%', '100', '18'),
    ]);
    const { indicators } = readIndicatorTables(numberBlocks([t]));
    expect(indicators.map((i) => [i.level3, i.weight, i.score, i.target, i.actual?.unit])).toEqual([
      ['改造面积', '20', '20', { raw: '500', op: '>=', value: '500', unit: '平方米' }, '平方米'],
      ['验收合格率', '20', '18', { raw: '100', op: '=', value: '100', unit: '%' }, '%'],
    ]);
  });

  it('leaves out placeholder rows and the 合计 row; a blank 得分 in it is no score (not the 分值 total)', () => {
    const t = table([
      row('一级指标', '二级指标', '三级指标', '年度指标值', '全年实际值', '分值', '得分'),
      row('产出指标', '数量指标', '指标1：培训人数', '≥200人', '230人', '50', '50'),
      row('产出指标', '数量指标', '指标2：', '', '', '', ''),
      row('产出指标', '数量指标', '……', '', '', '', ''),
      row('效益指标', '社会效益指标', '其他指标', '/', '/', '', ''),
      [cell('合计', { colspan: 5 }), cell('100'), cell('')],
    ]);
    const skipped: [number, string, string][] = [];
    const read = readIndicatorTables(numberBlocks([t]), (at, label, reason) => skipped.push([at.row, label, reason]));
    expect(read.indicators.map((i) => i.level3)).toEqual(['指标1：培训人数']);
    // explain hears of each row left out, with the reason.
    expect(skipped.map(([, , reason]) => reason)).toEqual(['placeholder-row', 'placeholder-row', 'placeholder-row']);
    expect(skipped.map(([r]) => r)).toEqual([2, 3, 4]);
    expect(read.totalScore).toBeNull();
  });

  it('takes the 得分 of the 总分 row and a rating printed in it or in a row beside it', () => {
    const header = row('一级指标', '二级指标', '三级指标', '指标值', '实际值', '分值', '得分', '评价等级');
    const data = row('满意度指标', '服务对象满意度', '群众满意度', '≥90%', '95%', '100', '96.5', '');
    const inRow = readIndicatorTables(numberBlocks([table([header, data, [cell('总分', { colspan: 5 }), cell('100'), cell('96.5'), cell('优')]])]));
    expect([inRow.totalScore, inRow.rating]).toEqual(['96.5', '优']);
    const beside = readIndicatorTables(numberBlocks([table([header, data, [cell('综合得分', { colspan: 5 }), cell('100'), cell('88'), cell('')], [cell('自评等级：良', { colspan: 8 })]])]));
    expect([beside.totalScore, beside.rating]).toEqual(['88', '良']);
  });

  it('fills a merged label cell down but leaves a label cell of its own that is empty empty', () => {
    const t = table([
      row('一级指标', '二级指标', '三级指标', '指标值', '实际值'),
      [cell('产出指标', { rowspan: 2 }), cell('数量指标'), cell('人数'), cell('10人'), cell('10人')],
      row('时效指标', '完成时限', '2019年', '2019年'),
      row('', '社会效益指标', '运行效率', '≥80%', '≥80%'),
    ]);
    const { indicators } = readIndicatorTables(numberBlocks([t]));
    expect(indicators.map((i) => i.level1)).toEqual(['产出指标', '产出指标', null]);
  });

  it('joins a row broken over a page break (its name and its merged label continued on the next page)', () => {
    const p = (text: string, page: number, rowspan = 1) => cell(text, { page, rowspan });
    const t = table([
      [p('一级指标', 1), p('二级指标', 1), p('三级指标', 1), p('年度指标值', 1), p('实际完成值', 1), p('分值', 1), p('得分', 1)],
      [p('效益指标', 1, 4), p('社会效益', 1), p('保护全市人口财产', 1), p('', 1), p('', 1), p('10', 1), p('10', 1)],
      [p('指标', 2, 2), p('不受损失', 2), p('', 2), p('', 2), p('', 2), p('', 2)],
      [p('群众知晓率', 2), p('90%', 2), p('95%', 2), p('10', 2), p('10', 2)],
      [p('生态效益指标', 2), p('植被覆盖率', 2), p('≥60%', 2), p('62%', 2), p('10', 2), p('10', 2)],
    ]);
    const { indicators } = readIndicatorTables(numberBlocks([t]));
    expect(indicators.map((i) => [i.level2, i.level3, i.score])).toEqual([
      ['社会效益指标', '保护全市人口财产不受损失', '10'],
      ['社会效益指标', '群众知晓率', '10'],
      ['生态效益指标', '植被覆盖率', '10'],
    ]);
  });
});

describe('the money block of a form', () => {
  it.each([
    ['总额', '其中：财政资金'],
    ['年度资金总额：', '其中：当年财政拨款'],
    ['资金总额', '其中：本年财政拨款'],
  ])('reads %s / %s under 年初预算数 | 全年预算数 | 全年执行数 | 执行率', (total, fiscal) => {
    const t = table([
      row('资金情况（万元）', '', '年初预算数', '全年预算数', '全年执行数', '执行率'),
      row('资金情况（万元）', total, '50', '60', '45', '75%'),
      row('资金情况（万元）', fiscal, '40', '50', '45', '90%'),
      row('资金情况（万元）', '上年结转', '10', '10', '0', '0%'),
      row('资金情况（万元）', '其他资金', '', '', '', ''),
    ]);
    const { amounts } = readAmountTables(numberBlocks([t]), 2022);
    expect(amounts.map((a) => [a.item, a.phase, a.yuan])).toEqual([
      ['total_expenditure', 'budget_initial', '500000.00'],
      ['total_expenditure', 'budget_adjusted', '600000.00'],
      ['total_expenditure', 'actual', '450000.00'],
      ['fiscal_appropriation', 'budget_initial', '400000.00'],
      ['fiscal_appropriation', 'budget_adjusted', '500000.00'],
      ['fiscal_appropriation', 'actual', '450000.00'],
    ]);
  });
});

describe('the department a form\'s unit reports to', () => {
  it('is the 主管部门 beside the unit that reports, and nothing when the form names only one of them', () => {
    const form = (header: TableCell[][]) =>
      parseDocument(model([paragraph('2023年度项目支出绩效自评表'), table([...header, row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值'), row('产出指标', '数量指标', '培训人次', '≥100人次', '120人次')])])).reports[0]!;
    expect(form([row('预算主管部门', '某县教育体育局', '项目单位', '某县教育技术装备中心')])).toMatchObject({ organization: '某县教育技术装备中心', parent_organization: '某县教育体育局' });
    const school = form([row('实施单位', '某县第一中学', '', '')]);
    expect(school.organization).toBe('某县第一中学');
    expect(school.parent_organization).toBeUndefined();
    expect(form([row('主管部门', '某县教育体育局', '实施单位', '某县教育体育局')]).parent_organization).toBeUndefined();
  });
});

describe('a document that is a form', () => {
  const moneyBlock = [
    row('项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'),
    row('项目资金（万元）', '年度资金总额', '120', '120', '96', '10', '80%', '8'),
    row('项目资金（万元）', '其中：当年财政拨款', '120', '120', '96', '', '', ''),
  ];
  const indicators = [
    row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'),
    row('产出指标', '数量指标', '指标1：维修道路', '≥12公里', '12公里', '90', '85', ''),
    [cell('总分', { colspan: 5 }), cell('100'), cell('93'), cell('')],
  ];

  it('is one project report with its identity from the header cells: 填报单位, not the 主管部门', () => {
    const { reports } = parseDocument(
      model([
        paragraph('某某镇2021年度道路养护专项资金绩效自评表'),
        paragraph('填表日期：2022-03-01'),
        paragraph('专项资金绩效自评表'),
        table([row('项目名称', '道路养护', '道路养护', '道路养护'), row('主管部门', '宁乡市交通运输局', '填报单位', '宁乡市公路建设养护中心'), ...moneyBlock, ...indicators]),
      ]),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      kind: 'project_performance_self_evaluation',
      title: '某某镇2021年度道路养护专项资金绩效自评表',
      organization: '宁乡市公路建设养护中心',
      parent_organization: '宁乡市交通运输局',
      fiscal_year: 2021,
      published_on: '2022-03-01',
      self_evaluation: { score: '93', rating: null },
    });
    expect(reports[0]!.amounts.map((a) => [a.item, a.phase, a.yuan])).toContainEqual(['total_expenditure', 'actual', '960000.00']);
    expect(reports[0]!.indicators.map((i) => i.level3)).toEqual(['指标1：维修道路']);
  });

  it('is a department report when the form is a 部门整体支出绩效自评表; a budget code before the unit is dropped', () => {
    const { reports } = parseDocument(model([paragraph('部门整体支出绩效自评表'), paragraph('（2020年度）'), table([row('主管部门', '[208]某某县民政局'), ...indicators])]));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ kind: 'department_performance_self_evaluation', organization: '某某县民政局', fiscal_year: 2020 });
  });

  it('keeps a 自评表 attached to a narrative report inside that report', () => {
    const { reports } = parseDocument(
      model([
        paragraph('2023年度某某县农业农村局整体支出绩效自评报告'),
        paragraph('一、部门基本情况。本局内设机构五个，在职人员三十人，全年工作任务已按计划完成。'),
        paragraph('2023年度部门（单位）整体支出绩效自评表'),
        table(indicators),
      ]),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0]!.indicators).toHaveLength(1);
  });
});
