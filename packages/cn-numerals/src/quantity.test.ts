import { describe, expect, it } from 'vitest';
import { parseQuantity } from './quantity.ts';

describe('parseQuantity', () => {
  it.each([
    ['47万人', '470000', '人', false],
    ['47 万人', '470000', '人', false],
    ['1800人次', '1800', '人次', false],
    ['237所', '237', '所', false],
    ['12个月', '12', '个月', false],
    ['3元/人', '3', '元/人', false],
    ['51.3元/人', '51.3', '元/人', false],
    ['10 万余份', '100000', '份', true],
    ['十万余份', '100000', '份', true],
    ['100余家', '100', '家', true],
    ['5台（套）', '5', '台（套）', false],
    ['5台(套)', '5', '台（套）', false],
    ['3批次', '3', '批次', false],
    ['20辆', '20', '辆', false],
    ['4户', '4', '户', false],
    ['6条', '6', '条', false],
    ['2次', '2', '次', false],
    ['8个', '8', '个', false],
    ['三个月', '3', '个月', false],
    ['443950人', '443950', '人', false],
    ['1.5万人次', '15000', '人次', false],
  ])('reads %j as %s %s', (text, value, unit, approx) => {
    const r = parseQuantity(text);
    expect(r.ok && { value: r.value.value.toFixed(), unit: r.value.unit, approx: r.value.approx }).toEqual({ value, unit, approx });
  });

  it('keeps the comparison of a quantity', () => {
    const r = parseQuantity('不少于200人次');
    expect(r.ok && r.value.op).toBe('>=');
  });

  it.each([
    ['95%', 'wrong_kind'],
    ['16.58万', 'wrong_kind'],
    ['', 'empty'],
  ])('refuses %j with reason %s', (text, reason) => {
    const r = parseQuantity(text);
    expect(!r.ok && r.reason).toBe(reason);
  });
});
