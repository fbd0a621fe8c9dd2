import { describe, expect, it } from 'vitest';
import { FUND_BUDGETS, isFundApart, lastFundNamed, namesEarmarkedMoney, namesFundApart } from './funds.ts';
import { phaseOf } from './phase-words.ts';

describe('FUND_BUDGETS', () => {
  it.each([
    ['一般公共预算拨款', '拨款'],
    ['政府性基金预算财政拨款', '财政拨款'],
    ['国有资本经营预算收入', '收入'],
    ['社会保险基金预算', ''],
    ['年初预算', '年初预算'],
  ])('takes the fund out of %s (its 预算 is not a phase)', (text, rest) => {
    expect(text.replace(FUND_BUDGETS, '')).toBe(rest);
  });

  it.each(['一般公共预算', '政府性基金预算', '国有资本经营预算', '社会保险基金预算'])('does not read the column header %s as a phase', (header) => {
    expect(phaseOf(header, 'column')).toBeNull();
  });
});

describe('funds apart from the ordinary spending', () => {
  it.each([
    ['政府性基金预算财政拨款收入支出情况', true],
    ['国有资本经营预算财政拨款支出情况', true],
    ['社会保险基金', true],
    ['一般公共预算财政拨款支出情况', false],
    ['财政拨款收入支出情况', false],
  ])('%s names a fund apart: %s', (text, apart) => {
    expect(namesFundApart(text)).toBe(apart);
  });
});

describe('lastFundNamed', () => {
  it.each([
    ['一般公共预算财政拨款基本支出', '一般公共预算'],
    ['财政拨款收入中,政府性基金预算财政拨款', '政府性基金'],
    ['2024年财政拨款支出', '财政拨款'],
    ['本年支出合计', null],
  ])('reads the fund of %s as %s', (text, fund) => {
    expect(lastFundNamed(text)).toBe(fund);
  });

  it('tells the funds apart from the general budget and the appropriation', () => {
    expect(isFundApart('政府性基金')).toBe(true);
    expect(isFundApart('社会保险基金')).toBe(true);
    expect(isFundApart('一般公共预算')).toBe(false);
    expect(isFundApart('财政拨款')).toBe(false);
  });
});

describe('namesEarmarkedMoney', () => {
  it.each([
    ['医疗救助专项基金共', true],
    ['困难群众生活补助', true],
    ['项目经费', true],
    ['本年', false],
    ['2023年部门', false],
  ])('%s names money for a purpose: %s', (text, named) => {
    expect(namesEarmarkedMoney(text)).toBe(named);
  });
});
