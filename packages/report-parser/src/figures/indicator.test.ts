import { describe, expect, it } from 'vitest';
import { indicatorFigure } from './index.ts';

describe('indicatorFigure', () => {
  it.each([
    // cell, value, unit, op, approx
    ['百分之九十五', '95', '%', null, false],
    ['两万人次', '20000', '人次', null, false],
    ['约100人', '100', '人', null, true],
    ['≥95%', '95', '%', '>=', false],
    ['≧90%', '90', '%', '>=', false],
    ['═100%', '100', '%', '=', false],
    ['100万人次以上', '1000000', '人次', '>=', false],
    ['≤10天', '10', '天', '<=', false],
    ['≤ 10 天', '10', '天', '<=', false],
    ['583元/人*月', '583', '元/人*月', null, false],
    ['≥500.00(平方米)', '500', '平方米', '>=', false],
    ['16.58万', '165800', null, null, false],
    ['108.01万元', '1080100', '元', null, false],
    ['减少5%', '5', '%', null, false],
    ['2019年', '2019', '年', null, false],
    ['二〇一九年', '2019', '年', null, false],
    ['1800', '1800', null, null, false],
  ])('reads %s as %s %s (op %s, approximate %s)', (cell, value, unit, op, approx) => {
    const f = indicatorFigure(cell);
    expect([f.value?.toFixed() ?? null, f.unit, f.op, f.approx]).toEqual([value, unit, op, approx]);
  });

  it.each([['达标'], ['显著提升'], ['12月底100%完成'], ['100%-80%(含)'], ['2019年度'], ['']])('finds no figure in %s (its text stays the raw value)', (cell) => {
    expect(indicatorFigure(cell)).toMatchObject({ value: null, unit: null, op: null, figure: null });
  });

  it('keeps the figure it read, with its span in the folded cell', () => {
    const f = indicatorFigure('不低于 95%').figure!;
    expect([f.kind, f.start, f.end, f.text]).toEqual(['percent', 0, 6, '不低于95%']);
  });
});
