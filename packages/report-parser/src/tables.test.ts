import { describe, expect, it } from 'vitest';
import { cell, numberBlocks, table } from '@budget-ingest/doc-model';
import { readAmountTables } from './amount-tables.ts';
import { readIndicatorTables } from './indicator-table.ts';

const row = (...texts: string[]) => texts.map((t) => cell(t));

describe('readIndicatorTables', () => {
  const indicatorTable = table([
    row('一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'),
    [cell('产出指标(40分)', { rowspan: 3 }), cell('数量指标'), cell('城乡居民基本医保参保人数'), cell('16.58万'), cell('16.61万'), cell('25'), cell('25'), cell('')],
    row('质量指标', '无', '无', '无', '0', '0', ''),
    row('时效指标', '执行期间', '12个月', '12个月', '15', '15', ''),
    [cell('成本指标', { rowspan: 1 }), cell('经济成本指标'), cell('基本支出'), cell('108.01万元'), cell('126.15万元'), cell('10'), cell('9'), cell('合理编制预算')],
    [cell('总分', { colspan: 5 }), cell('100'), cell('96'), cell('')],
  ]);

  it('reads every row, fills merged labels down, drops placeholders and takes the 总分 as the score', () => {
    const { indicators, totalScore } = readIndicatorTables(numberBlocks([indicatorTable]));
    expect(totalScore).toBe('96');
    expect(indicators.map((i) => [i.level1, i.level2, i.level3, i.weight, i.score, i.note])).toEqual([
      ['产出指标', '数量指标', '城乡居民基本医保参保人数', '25', '25', null],
      ['产出指标', '时效指标', '执行期间', '15', '15', null],
      ['成本指标', '经济成本指标', '基本支出', '10', '9', '合理编制预算'],
    ]);
    expect(indicators[0]!.target).toEqual({ raw: '16.58万', op: null, value: '165800', unit: null });
    expect(indicators[2]!.actual).toEqual({ raw: '126.15万元', op: null, value: '1261500', unit: '元' });
  });

  it('reads a continuation table without a header with the previous table’s columns', () => {
    const continued = table([row('满意度指标', '服务对象满意度指标', '群众满意度', '≥90%', '85%', '10', '8', '提高服务质量')]);
    const { indicators } = readIndicatorTables(numberBlocks([indicatorTable, continued]));
    expect(indicators.at(-1)).toMatchObject({ level1: '满意度指标', level3: '群众满意度', target: { raw: '≥90%', op: '>=', value: '90', unit: '%' } });
  });

  it('finds the header whatever the column layout, with a unit column', () => {
    const t = table([row('绩效指标', '一级指标', '二级指标', '三级指标', '计量单位', '预期指标值', '实际完成指标值'), row('绩效指标', '完成指标', '数量指标', '外伤调查人数', '人次', '1800', '1848')]);
    const [indicator] = readIndicatorTables(numberBlocks([t])).indicators;
    expect(indicator).toMatchObject({ level1: '完成指标', level3: '外伤调查人数', target: { value: '1800', unit: '人次' }, weight: null });
  });
});

describe('readAmountTables', () => {
  it('reads year and phase from column headers and the unit from a header cell', () => {
    const t = table([row('经费控制情况(万元)', '2022年决算数', '2023年预算数', '2023年决算数'), row('项目支出:', '366.69', '540', '187.18'), row('其中:办公经费', '4.61', '3.84', '2.36'), row('政府采购金额', '——', '20.5', '18.41')]);
    const { amounts, lines } = readAmountTables(numberBlocks([t]), 2023);
    expect(amounts.map((a) => [a.item, a.phase, a.fiscal_year, a.yuan])).toEqual([
      ['project_expenditure', 'actual', 2022, '3666900.00'],
      ['project_expenditure', 'budget_initial', 2023, '5400000.00'],
      ['project_expenditure', 'actual', 2023, '1871800.00'],
      ['government_procurement', 'budget_initial', 2023, '205000.00'],
      ['government_procurement', 'actual', 2023, '184100.00'],
    ]);
    expect(lines.map((l) => [l.path[0], l.fiscal_year, l.yuan, l.budget_yuan])).toEqual([
      ['办公经费', 2022, '46100.00', null],
      ['办公经费', 2023, '23600.00', '38400.00'],
    ]);
  });

  it('reads label and value pairs (预算数： | 3688.59) and reads a table in 元 as 元', () => {
    const t = table([row('项目预算执行情况(元)', '预算数:', '3688.59', '执行数:', '3688.59'), row('项目预算执行情况(元)', '其中:财政拨款', '3688.59', '其中:财政拨款', '3000')]);
    const { amounts } = readAmountTables(numberBlocks([t]), 2022);
    expect(amounts.map((a) => [a.item, a.phase, a.yuan])).toEqual([
      ['total_expenditure', 'budget_initial', '3688.59'],
      ['total_expenditure', 'actual', '3688.59'],
      ['fiscal_appropriation', 'budget_initial', '3688.59'],
      ['fiscal_appropriation', 'actual', '3000.00'],
    ]);
  });

  it('does not read score or rate columns as amounts', () => {
    const t = table([row('年度预算申请(万元)', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'), row('年度资金总额', '648.01', '346.26', '313.33', '10', '90.49%', '9')]);
    expect(readAmountTables(numberBlocks([t]), 2023).amounts.map((a) => [a.phase, a.yuan])).toEqual([
      ['budget_initial', '6480100.00'],
      ['budget_adjusted', '3462600.00'],
      ['actual', '3133300.00'],
    ]);
  });

  it('reads nothing from a table that states no money unit', () => {
    const t = table([row('项目', '2023年预算数'), row('项目支出', '540')]);
    expect(readAmountTables(numberBlocks([t]), 2023).amounts).toEqual([]);
  });
});
