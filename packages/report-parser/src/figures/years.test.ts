import { describe, expect, it } from 'vitest';
import { dateAtStart, withoutYears, yearOf, yearsIn } from './index.ts';

describe('yearsIn', () => {
  it.each([
    ['2024年度部门预算', [2024]],
    ['二〇二四年部门决算', [2024]],
    ['上海市普陀区2025年部门预算', [2025]],
    ['2024-2025年', [2025]],
    ['2023年-2025年', [2023, 2025]],
    ['2023年10月24日', [2023]],
    ['2022.4.15', []],
    ['2021 年县医保局', [2021]],
    ['1.2026年预算单位财务收支预算总表', [2026]],
    ['12.2024年度', [2024]],
    ['近3.5年', []],
    ['1998年成立', []],
    // An item number glued to a year once a line's spaces are gone (附件1 2024年度…, 表10 2024年…).
    ['12023年', [2023]],
    ['附件12024年度某县财政局部门预算', [2024]],
    ['表102024年部门收支总表', [2024]],
    ['12345年', []],
    ['比2022年增加100万元', [2022]],
  ])('reads the years of %s as %j', (text, years) => {
    expect(yearsIn(text).map((y) => y.year)).toEqual(years);
  });

  it('spans a year and its 年, and marks the year a change compares with', () => {
    const text = '2023年度支出比2022年增加';
    expect(yearsIn(text).map((y) => [text.slice(y.start, y.end), y.compared])).toEqual([
      ['2023年', false],
      ['2022年', true],
    ]);
  });

  it('reads a bare four-digit year only when asked (a column header)', () => {
    expect(yearOf('2024预算数')).toBeNull();
    expect(yearOf('2024预算数', { bare: true })).toBe(2024);
    expect(yearOf('预算数（2024）', { bare: true })).toBe(2024);
    expect(yearOf('2024.50', { bare: true })).toBeNull();
  });

  it('reads the year of a period of months in a column header (2023.1-12执行数)', () => {
    expect(yearOf('2023.1-12执行数', { bare: true })).toBe(2023);
    expect(yearOf('2024.1-6月执行数')).toBe(2024);
    expect(yearOf('2023.5', { bare: true })).toBeNull();
    expect(yearOf('2023.13-14', { bare: true })).toBeNull();
    // The last month past 12 or before the first: not a period of months.
    expect(yearOf('2023.1-13', { bare: true })).toBeNull();
    expect(yearOf('2023.6-2', { bare: true })).toBeNull();
    // Every separator the scanner reads as a range, with spaces around it.
    for (const header of ['2023.1–12执行数', '2023.1—12执行数', '2023.1~12执行数', '2023.1至12月执行数', '2023.1到12月执行数', '2023.1 - 12执行数']) {
      expect(yearOf(header, { bare: true }), header).toBe(2023);
    }
  });
});

describe('withoutYears', () => {
  it.each([
    ['2023年度株洲市芦淞区医疗保障局', '株洲市芦淞区医疗保障局'],
    ['县司法局2020年度法律援助经费', '县司法局法律援助经费'],
    ['二〇二三年部门决算', '部门决算'],
    ['2023-2025年规划', '规划'],
    ['2023年10月24日', '10月24日'],
    ['本年收入', '本年收入'],
  ])('cuts the years out of %s', (text, rest) => {
    expect(withoutYears(text)).toBe(rest);
  });
});

describe('dateAtStart', () => {
  it.each([
    ['2023年10月24日', '2023-10-24'],
    ['2022.4.15', '2022-04-15'],
    ['2022-04-15印发', '2022-04-15'],
    ['2023-12-0515:04', '2023-12-05'],
    ['2023-12-05 15:04', '2023-12-05'],
    ['2023年10月', null],
    ['2023年13月5日', null],
    ['于2023年10月24日', null],
  ])('reads %s as %s', (text, iso) => {
    expect(dateAtStart(text)?.iso ?? null).toBe(iso);
  });
});
