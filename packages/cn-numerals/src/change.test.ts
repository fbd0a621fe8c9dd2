import { describe, expect, it } from 'vitest';
import { parseChange } from './change.ts';

describe('parseChange', () => {
  it.each([
    ['增长442%', '442', '%', 'percent'],
    ['下降7%', '-7', '%', 'percent'],
    ['增加3008.59万元', '30085900', '元', 'money'],
    ['减少0.1万元', '-1000', '元', 'money'],
    ['提高3个百分点', '3', '个百分点', 'percent'],
    ['降低0.5个百分点', '-0.5', '个百分点', 'percent'],
    ['增长了12%', '12', '%', 'percent'],
    ['减少120人次', '-120', '人次', 'quantity'],
    ['下降百分之五', '-5', '%', 'percent'],
  ])('reads %j as a signed change of %s', (text, value, unit, measure) => {
    const r = parseChange(text);
    expect(r.ok && { value: r.value.value.toFixed(), unit: r.value.unit, measure: r.value.measure }).toEqual({ value, unit, measure });
  });

  it.each(['增长至500万元', '500万元', '增长'])('does not read %j as a change', (text) => {
    expect(parseChange(text).ok).toBe(false);
  });
});
