import { describe, expect, it } from 'vitest';
import { INDICATOR_COLUMNS, indicatorColumnRole } from './indicator-columns.ts';

describe('indicatorColumnRole', () => {
  it.each([
    ['一级指标', 'level1'],
    ['二级指标(10分)', 'level2'],
    ['三级指标', 'level3'],
    ['指标名称', 'level3'],
    ['具体指标', 'level3'],
    ['指标性质', 'op'],
    ['比较符', 'op'],
    ['计量单位', 'unit'],
    ['单位', 'unit'],
    ['年度指标值', 'target'],
    ['预期值', 'target'],
    ['全年目标值', 'target'],
    ['实际完成值', 'actual'],
    ['实际指标值', 'actual'],
    ['全年实际完成情况', 'actual'],
    ['分值', 'weight'],
    ['权重(%)', 'weight'],
    ['得分', 'score'],
    ['自评得分', 'score'],
    ['偏差原因分析及改进措施', 'note'],
    ['备注', 'note'],
    ['指 标 值', 'target'],
    ['（计量单位）', null],
    ['绩效目标', null],
    ['预算单位名称', null],
  ])('gives the header %s the role %s', (header, role) => {
    expect(indicatorColumnRole(header)).toBe(role);
  });

  it('reads every word of a row as that row: a word placed below a row that already takes it would never be read', () => {
    for (const row of INDICATOR_COLUMNS) for (const word of row.words) expect(indicatorColumnRole(word), word).toBe(row.role);
  });
});
