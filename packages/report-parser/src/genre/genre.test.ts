import { describe, expect, it } from 'vitest';
import { isEconomicName } from './economic-names.ts';
import { defaultPhaseOf } from '../specs/report-kinds.ts';
import { isPhaseHeader, isPhaseOnly, phaseOf } from './phase-words.ts';

describe('phaseOf', () => {
  it.each([
    ['调整后预算数', 'budget_adjusted'],
    ['全年预算数', 'budget_adjusted'],
    ['支出决算为', 'actual'],
    ['全年执行数', 'actual'],
    ['年初预算为', 'budget_initial'],
    ['人员经费支出', 'actual'],
    ['项目名称', null],
  ])('reads the label %s as %s', (text, phase) => {
    expect(phaseOf(text)).toBe(phase);
  });

  it.each([
    ['决算数', 'actual'],
    ['预算数', 'budget_initial'],
    ['一般公共预算', null],
    ['本年支出', null],
  ])('reads the column header level %s as %s', (text, phase) => {
    expect(phaseOf(text, 'column')).toBe(phase);
  });

  it('gives a budget budgeted figures and the other report kinds actual ones', () => {
    expect(defaultPhaseOf('department_budget')).toBe('budget_initial');
    expect(defaultPhaseOf('department_final_accounts')).toBe('actual');
    expect(defaultPhaseOf(null)).toBe('actual');
  });
});

describe('isPhaseOnly', () => {
  it.each([
    ['年初预算', true],
    ['全年执行数', true],
    ['本年预算数', true],
    ['支出决算', true],
    ['项目支出', false],
    ['年初预算收入', false],
  ])('%s is only a phase word: %s', (label, only) => {
    expect(isPhaseOnly(label)).toBe(only);
  });
});

describe('isPhaseHeader', () => {
  it.each([
    ['年初预算数', true],
    ['全年执行数', true],
    ['2023年决算数', true],
    ['实际支出数', true],
    ['执行率', false],
    ['预算执行率(%)', false],
    ['得分', false],
    ['增减变化', false],
    ['项目名称', false],
  ])('%s may state a phase: %s', (header, phase) => {
    expect(isPhaseHeader(header)).toBe(phase);
  });
});

describe('isEconomicName', () => {
  it.each(['基本工资', '办公经费', '公务员医疗补助、特殊群体医疗费', '公务员医疗补助特殊群体医疗费', '其他交通费', '维修(护)费', '其他对个人和家庭的补助支出'])('knows %s', (name) => {
    expect(isEconomicName(name)).toBe(true);
  });

  it.each(['基本支出', '工资', '办公费用合计'])('does not take %s for an economic classification name', (name) => {
    expect(isEconomicName(name)).toBe(false);
  });
});
