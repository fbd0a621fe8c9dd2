import { describe, expect, it } from 'vitest';
import { parsePercent } from './percent.ts';

describe('parsePercent', () => {
  it.each([
    ['96.74%', '96.74', '%', null],
    ['９５％', '95', '%', null],
    ['百分之九十五', '95', '%', null],
    ['百分之九十五点五', '95.5', '%', null],
    ['百分之95', '95', '%', null],
    ['千分之五', '5', '‰', null],
    ['5‰', '5', '‰', null],
    ['3个百分点', '3', '个百分点', null],
    ['0.5 个百分点', '0.5', '个百分点', null],
    ['≥90%', '90', '%', '>='],
    ['>=90%', '90', '%', '>='],
    ['＞80%', '80', '%', '>'],
    ['≧85%', '85', '%', '>='],
    ['不低于95%', '95', '%', '>='],
    ['95%以上', '95', '%', '>='],
    ['5%以内', '5', '%', '<='],
    ['≤5%', '5', '%', '<='],
    ['=100%', '100', '%', '='],
    ['达到95%', '95', '%', '>='],
    ['不超过百分之十', '10', '%', '<='],
  ])('reads %j', (text, value, unit, op) => {
    const r = parsePercent(text);
    expect(r.ok && { value: r.value.value.toFixed(), unit: r.value.unit, op: r.value.op }).toEqual({ value, unit, op });
  });

  it.each(['约95%', '95%左右', '近九成'].slice(0, 2))('marks %j as approximate', (text) => {
    const r = parsePercent(text);
    expect(r.ok && r.value.approx).toBe(true);
  });

  it.each([
    ['80%-100%', 'ambiguous'],
    ['5万元', 'wrong_kind'],
    ['显著提升', 'not_a_number'],
  ])('refuses %j with reason %s', (text, reason) => {
    const r = parsePercent(text);
    expect(!r.ok && r.reason).toBe(reason);
  });
});
