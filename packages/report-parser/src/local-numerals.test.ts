import { describe, expect, it } from 'vitest';
import { parseIndicatorValue, toYuan } from './local-numerals.ts';

describe('parseIndicatorValue', () => {
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
    expect(parseIndicatorValue(text)).toEqual(expected);
  });

  it('takes the unit from a unit column when the cell prints none', () => {
    expect(parseIndicatorValue('1800', '人次')).toEqual({ raw: '1800', op: null, value: '1800', unit: '人次' });
  });
});

describe('toYuan', () => {
  it.each([
    ['3688.59', '万元', '36885900.00'],
    ['4765720.27', '元', '4765720.27'],
    ['4.85', '亿元', '485000000.00'],
    ['0', '万元', '0.00'],
  ])('converts %s %s to %s yuan', (n, unit, yuan) => {
    expect(toYuan(n, unit)).toBe(yuan);
  });
});
