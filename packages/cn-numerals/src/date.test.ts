import { describe, expect, it } from 'vitest';
import { parseDate, parseFiscalYear } from './date.ts';

describe('parseDate', () => {
  it.each([
    ['2022.4.15', '2022-04-15'],
    ['2023年3月29日', '2023-03-29'],
    ['2023 年 10 月 24 日', '2023-10-24'],
    ['二〇二三年三月二十九日', '2023-03-29'],
    ['二〇二二年十二月', '2022-12'],
    ['2023-10-24', '2023-10-24'],
    ['2023/3/29', '2023-03-29'],
    ['２０２３年３月２９日', '2023-03-29'],
    ['2023年3月29号', '2023-03-29'],
    ['2021 年 12 月', '2021-12'],
    ['2022年', '2022'],
    ['2024年2月29日', '2024-02-29'],
  ])('reads %j as %s', (text, iso) => {
    const r = parseDate(text);
    expect(r.ok && r.value.iso).toBe(iso);
  });

  it.each([
    ['2023-02-30', 'out_of_range'],
    ['2023年2月30日', 'ambiguous'],
    ['3688.59', 'not_a_number'],
    ['', 'empty'],
    ['2023年3月29日前', 'ambiguous'],
  ])('refuses %j with reason %s', (text, reason) => {
    const r = parseDate(text);
    expect(!r.ok && r.reason).toBe(reason);
  });
});

describe('parseFiscalYear', () => {
  it.each([
    ['2022年度', 2022],
    ['2022 年', 2022],
    ['2022', 2022],
    ['二〇二二年度', 2022],
    [' 2021 年度 ', 2021],
  ])('reads %j as %i', (text, year) => {
    const r = parseFiscalYear(text);
    expect(r.ok && r.value).toBe(year);
  });

  it.each([
    ['2023年3月29日', 'wrong_kind'],
    ['1066', 'out_of_range'],
    ['年度', 'not_a_number'],
  ])('refuses %j with reason %s', (text, reason) => {
    const r = parseFiscalYear(text);
    expect(!r.ok && r.reason).toBe(reason);
  });
});
