import { describe, expect, it } from 'vitest';
import { afterGluedAmount, scoreSuffixAt } from './index.ts';

describe('scoreSuffixAt', () => {
  it.each([
    ['产出指标(40分)', '产出指标'],
    ['数量指标（10.5分）', '数量指标'],
    ['效益指标30分', '效益指标'],
    ['满意度指标', '满意度指标'],
    ['产出指标(40分)说明', '产出指标(40分)说明'],
    ['服务对象满意度≥90%', '服务对象满意度≥90%'],
    ['考核评分90分以上', '考核评分90分以上'],
    ['考核评分≥90分', '考核评分≥90分'],
  ])('cuts %s to %s', (name, kept) => {
    expect(name.slice(0, scoreSuffixAt(name) ?? name.length)).toBe(kept);
  });
});

describe('afterGluedAmount', () => {
  it.each([
    ['123.45一般公共服务支出', '一般公共服务支出'],
    ['-1,234.50其他支出', '其他支出'],
    ['2,345.00工资福利支出', '工资福利支出'],
    ['2010101行政运行', '2010101行政运行'],
    ['2024年预算', '2024年预算'],
    ['123.45', '123.45'],
    ['一般公共服务支出', '一般公共服务支出'],
  ])('leaves %s as %s', (label, kept) => {
    expect(label.slice(afterGluedAmount(label))).toBe(kept);
  });
});
