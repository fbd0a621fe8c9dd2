import { describe, expect, it } from 'vitest';
import goldCells from '../fixtures/gold-indicator-cells.json';
import { parseIndicatorCell } from './indicator-cell.ts';

describe('parseIndicatorCell', () => {
  it.each(goldCells.map((c) => [c.cell.raw, c.cell, c.indicator] as const))('reads the gold cell %j', (raw, expected) => {
    expect(parseIndicatorCell(raw)).toEqual(expected);
  });

  it.each([
    ['≥95%', { op: '>=', value: '95', unit: '%' }],
    ['>=90%', { op: '>=', value: '90', unit: '%' }],
    ['＞80%', { op: '>', value: '80', unit: '%' }],
    ['≤5%', { op: '<=', value: '5', unit: '%' }],
    ['<3天', { op: '<', value: '3', unit: '天' }],
    ['=100%', { op: '=', value: '100', unit: '%' }],
    ['不低于95%', { op: '>=', value: '95', unit: '%' }],
    ['不少于200人次', { op: '>=', value: '200', unit: '人次' }],
    ['90%以上', { op: '>=', value: '90', unit: '%' }],
    ['30日以内', { op: '<=', value: '30', unit: '日' }],
    ['4.85亿元', { op: null, value: '485000000', unit: '元' }],
    ['3688.59万元', { op: null, value: '36885900', unit: '元' }],
    ['1.23余亿元', { op: null, value: '123000000', unit: '元' }],
    ['5台（套）', { op: null, value: '5', unit: '台（套）' }],
    ['百分之九十五', { op: null, value: '95', unit: '%' }],
    ['5‰', { op: null, value: '5', unit: '‰' }],
    ['三个月', { op: null, value: '3', unit: '个月' }],
    ['≥90分', { op: '>=', value: '90', unit: '分' }],
    ['≤30个工作日', { op: '<=', value: '30', unit: '个工作日' }],
    ['0万元', { op: null, value: '0', unit: '元' }],
    ['较上年下降5%', { op: null, value: '5', unit: '%' }],
    ['显著提升', { op: null, value: null, unit: null }],
    ['无', { op: null, value: null, unit: null }],
    ['100%-80%(含)', { op: null, value: null, unit: null }],
    ['2023年12月31日前', { op: null, value: null, unit: null }],
    ['', { op: null, value: null, unit: null }],
  ])('reads %j', (cell, expected) => {
    expect(parseIndicatorCell(cell)).toEqual({ raw: cell.replace(/\s+/g, ''), ...expected });
  });

  it('removes white space from raw', () => {
    expect(parseIndicatorCell(' 16.58 万 ')).toEqual({ raw: '16.58万', op: null, value: '165800', unit: null });
  });

  it.each([
    ['108.01', '万元', { value: '1080100', unit: '元' }],
    ['108.01', '（万元）', { value: '1080100', unit: '元' }],
    ['95', '%', { value: '95', unit: '%' }],
    ['1800', '人次', { value: '1800', unit: '人次' }],
    ['47', '万人', { value: '470000', unit: '人' }],
    ['16.58万', '人', { value: '165800', unit: '人' }],
    ['96.74%', '万元', { value: '96.74', unit: '%' }],
    ['12', '', { value: '12', unit: null }],
    ['12', '/', { value: '12', unit: null }],
  ])('reads %j with %j in the unit column', (cell, unit, expected) => {
    expect(parseIndicatorCell(cell, { unit })).toEqual({ raw: cell, op: null, ...expected });
  });
});
