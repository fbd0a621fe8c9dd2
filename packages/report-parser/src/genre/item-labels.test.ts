import { describe, expect, it } from 'vitest';
import { ITEM_LABELS, MONEY_BLOCK_LABELS, isMoneyBlockRow, itemLabelIn, itemsOf, moneyBlockItems, namesChange } from './item-labels.ts';

describe('ITEM_LABELS', () => {
  it.each([
    ['三公经费', ['three_public_expenditure']],
    ['"三公"经费财政拨款支出', ['three_public_expenditure']],
    ['因公出国(境)经费', ['overseas_travel']],
    ['公务用车购置及运行维护费', ['official_vehicles']],
    ['公务用车购置及运行费', ['official_vehicles']],
    ['公务用车运行维护费', []],
    ['外事公务接待费', []],
    ['公务接待费', ['official_reception']],
    ['机关运行经费', ['agency_operating_expenditure']],
    ['政府采购预算总金额为', ['government_procurement']],
    ['政府采购预算', ['government_procurement']],
    ['预留政府采购项目预算金额', null],
    ['政府性基金预算财政拨款', ['government_fund_budget']],
    ['国有资本经营预算财政拨款', []],
    ['社会保险基金', []],
    ['事业收入', []],
    ['上年结转', []],
    ['一般公共预算基本支出', ['basic_expenditure']],
    ['项目经费', ['project_expenditure']],
    ['一般公共预算人员经费', ['personnel_expenditure']],
    ['公用经费', ['public_expenditure']],
    ['一般公共预算拨款', ['general_public_budget']],
    ['财政拨款收支合计', ['fiscal_appropriation']],
    ['财政拨款收入支出总计', ['fiscal_appropriation']],
    ['收支总计', ['total_income', 'total_expenditure']],
    ['收入支出总计', ['total_income', 'total_expenditure']],
    ['部门预算收入', ['total_income']],
    ['预算收入总额', ['total_income']],
    ['本年收入', ['total_income']],
    ['部门决算总额共', ['total_expenditure']],
    ['年度资金总额', ['total_expenditure']],
    ['财政拨款', ['fiscal_appropriation']],
    ['(1)收入', ['total_income']],
    ['决算支出为', ['total_expenditure']],
    ['专项资金', null],
  ])('reads %s as %j', (label, items) => {
    expect(itemLabelIn(label)?.row.items ?? null).toEqual(items);
  });

  it('gives the phase a label states of itself', () => {
    expect(itemLabelIn('部门预算收入')?.row.phase).toBe('budget_initial');
    expect(itemLabelIn('部门决算共')?.row.phase).toBe('actual');
  });

  it('reads every word of a row as that row: a synonym placed below a row that already takes it would never be read', () => {
    for (const row of ITEM_LABELS) {
      for (const word of row.words) if (typeof word === 'string') expect(itemLabelIn(word)?.row, word).toBe(row);
    }
  });
});

describe('ITEM_GROUPS', () => {
  it('groups the parts of the spending and of the “三公”经费', () => {
    expect([...itemsOf('spending')]).toEqual(['basic_expenditure', 'personnel_expenditure', 'public_expenditure', 'project_expenditure']);
    expect([...itemsOf('three_public_part')]).toEqual(['official_reception', 'official_vehicles', 'overseas_travel']);
    expect([...itemsOf('fund')]).toEqual(['fiscal_appropriation', 'general_public_budget', 'government_fund_budget']);
  });
});

describe('MONEY_BLOCK_LABELS', () => {
  it.each([
    ['项目资金总额:', ['total_expenditure']],
    ['总额', ['total_expenditure']],
    ['其中:当年财政资金', ['fiscal_appropriation']],
    ['财政性资金', ['fiscal_appropriation']],
    ['其他资金', []],
  ])('reads the money block label %s as %j', (label, items) => {
    expect(moneyBlockItems(label)).toEqual(items);
  });

  it('knows a money block row about the block as a whole', () => {
    expect(isMoneyBlockRow('预算执行情况')).toBe(true);
    expect(isMoneyBlockRow('项目资金')).toBe(true);
    expect(isMoneyBlockRow('绩效目标')).toBe(false);
  });

  it('has only rows that name items', () => {
    for (const row of MONEY_BLOCK_LABELS) expect(row.items.length).toBeGreaterThan(0);
  });
});

describe('namesChange', () => {
  it.each([
    ['比上年增加', true],
    ['较上年减少', true],
    ['调减', true],
    ['与上年相比', true],
    ['节约', true],
    ['收支总计各增加', true],
    ['本年收入合计', false],
    ['上年结转', false],
  ])('%s states a change: %s', (label, change) => {
    expect(namesChange(label)).toBe(change);
  });
});
