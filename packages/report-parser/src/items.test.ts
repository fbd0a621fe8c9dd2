import { describe, expect, it } from 'vitest';
import { readColumnHeader, readLabel } from './items.ts';

describe('readLabel', () => {
  it.each([
    ['县医保局年度财政拨款预算金额共', ['fiscal_appropriation'], 'budget_initial'],
    ['县医保局年度部门决算共', ['total_expenditure'], 'actual'],
    ['其中基本支出预算金额为', ['basic_expenditure'], 'budget_initial'],
    ['项目支出为', ['project_expenditure'], null],
    ['人员经费支出', ['personnel_expenditure'], 'actual'],
    ['政府性基金预算财政拨款收入', ['government_fund_budget'], null],
    ['2023年预算一般公共预算拨款资金', ['general_public_budget'], 'budget_initial'],
    ['2022年度收支总计', ['total_income', 'total_expenditure'], null],
    ['2024年度收入支出总计', ['total_income', 'total_expenditure'], null],
    ['2024年度财政拨款收入支出总计', ['fiscal_appropriation'], null],
    ['2022年财政拨款收支总计', ['fiscal_appropriation'], null],
    ['2022年部门预算收入', ['total_income'], 'budget_initial'],
    ['"三公"经费财政拨款支出决算为', ['three_public_expenditure'], 'actual'],
    ['国有资本经营预算财政拨款收入', [], 'budget_initial'],
    ['国内公务接待支出', [], 'actual'],
    ['2025年本部门政府采购预算', ['government_procurement'], null],
    ['政府采购货物预算', [], 'budget_initial'],
    ['2017年我部门政府采购预算总金额为', ['government_procurement'], null],
    ['本单位政府采购支出总金额', ['government_procurement'], null],
    ['2025年本部门面向中小企业预留政府采购项目预算金额', [], 'budget_initial'],
  ])('reads %s', (label, items, phase) => {
    const r = readLabel(label);
    expect(r.items).toEqual(items);
    expect(r.phase).toBe(phase);
  });

  it('does not take what a fund pays for for the fund’s total', () => {
    expect(readLabel('某某局2017年度一般公共预算拨款安排的会议费预算支出').items).toEqual([]);
    expect(readLabel('某某局2019年度一般公共预算拨款安排的培训费预算支出').items).toEqual([]);
    expect(readLabel('政府性基金预算拨款安排的项目建设支出').items).toEqual([]);
    expect(readLabel('财政拨款用于办公设备购置的支出').items).toEqual([]);
    expect(readLabel('一般公共预算拨款安排支出').items).toEqual(['general_public_budget']);
    expect(readLabel('一般公共预算拨款安排的预算为').items).toEqual(['general_public_budget']);
    // A headline item named after the fund is still that item.
    expect(readLabel('一般公共预算拨款安排的基本支出').items).toEqual(['basic_expenditure']);
  });

  it('flags a 总计, which is the 合计 plus what is carried over', () => {
    expect(readLabel('2024年度收入支出总计').grandTotal).toBe(true);
    expect(readLabel('2024年度财政拨款收入支出总计').grandTotal).toBe(true);
    expect(readLabel('2022年本年收入合计').grandTotal).toBe(false);
    expect(readLabel('本年支出合计').grandTotal).toBe(false);
  });

  it('flags changes, which are not amounts', () => {
    expect(readLabel('收支总计各增加').change).toBe(true);
  });

  it('recognises a label that names only a phase', () => {
    expect(readLabel('年初预算为').phaseOnly).toBe(true);
    expect(readLabel('项目支出为').phaseOnly).toBe(false);
  });
});

describe('readColumnHeader', () => {
  it.each([
    ['年初预算数', 'budget_initial', null],
    ['全年预算数', 'budget_adjusted', null],
    ['全年执行数', 'actual', null],
    ['2022年决算数', 'actual', 2022],
    ['2023年预算数', 'budget_initial', 2023],
  ])('reads the column %s', (text, phase, year) => {
    expect(readColumnHeader(text)).toEqual({ phase, year });
  });

  it('ignores score and rate columns', () => {
    expect(readColumnHeader('执行率')).toBeNull();
    expect(readColumnHeader('分值')).toBeNull();
  });
});
