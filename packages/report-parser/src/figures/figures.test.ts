import { describe, expect, it } from 'vitest';
import { COMPARED, EMITTED, figuresIn, isNumberCell, labelled, labelOf, moneyIn, parseAmountCell, printedOf, scaleOf, toYuan, unitInCell, yuanString } from './index.ts';

describe('figuresIn', () => {
  it('yields every figure of a sentence once, with its kind, value, printed unit, scale and label', () => {
    const figures = figuresIn('2023年基本支出126.15万元,完成率96.74%,参保47万人,约100万元');
    expect(figures.map((f) => [f.kind, f.value?.toString() ?? null, f.printedUnit, f.scale, f.approx, f.label])).toEqual([
      ['year', '2023', null, 0, false, ''],
      ['money', '1261500', '万元', 2, false, '基本支出'],
      ['percent', '96.74', '%', -2, false, '完成率'],
      ['count', '470000', '万人', 4, false, '参保'],
      ['money', '1000000', '万元', 4, true, ''],
    ]);
  });

  it('reads what cn-numerals reads: Chinese numerals, 百分之, bounds', () => {
    expect(figuresIn('百分之九十五').map((f) => [f.kind, f.value?.toString()])).toEqual([['percent', '95']]);
    expect(figuresIn('两万人次').map((f) => [f.kind, f.value?.toString()])).toEqual([['count', '20000']]);
    expect(figuresIn('不低于95%').map((f) => [f.kind, f.op, f.digitsAt])).toEqual([['percent', '>=', 3]]);
  });
});

describe('moneyIn', () => {
  it.each([
    ['基本支出126.15万元', '1261500.00', 2],
    ['支出4765720.27元', '4765720.27', -2],
    ['预算4.85亿元', '485000000.00', 6],
    ['项目支出为1803.53万', '18035300.00', 2],
    ['合计3,688.59万元', '36885900.00', 2],
    ['比上年减少62.52万元', '625200.00', 2],
  ])('reads %s as %s yuan', (text, yuan, scale) => {
    const [fig] = moneyIn(text, EMITTED);
    expect(fig?.yuan).toBe(yuan);
    expect(fig?.scale).toBe(scale);
  });

  it('starts a money figure at its first digit, so a change word stays in the label', () => {
    const [fig] = moneyIn('比上年减少62.52万元');
    expect(labelOf('比上年减少62.52万元'.slice(0, fig!.start))).toBe('比上年减少');
  });

  it.each([
    ['approximations with 余', '支出30余万元'],
    ['approximations with 约', '约10万元'],
    ['bounds', '单价100万元以上的设备'],
    ['万 before a noun', '参保47万人'],
    ['万 followed by 余', '发放宣传资料10万余份'],
    ['rates', '补助580元/人'],
    ['amounts in Chinese numerals', '奖励一万元'],
  ])('leaves out %s for the readers that emit values', (_what, text) => {
    expect(moneyIn(text, EMITTED)).toEqual([]);
  });

  it('keeps approximations and bounds for the checks, but not a bare 万', () => {
    expect(moneyIn('约10万元,资金100万。', COMPARED).map((f) => f.yuan)).toEqual(['100000.00']);
    expect(moneyIn('约10万元,资金100万。', EMITTED).map((f) => f.yuan)).toEqual(['1000000.00']);
  });

  it('gives the checks 亿元 as 万元 with four fewer decimals', () => {
    const [fig] = moneyIn('4.85亿元', COMPARED);
    expect(printedOf(fig!)).toMatchObject({ text: '48500', decimals: -2, unit: 'wan' });
  });

  it('reads 结余 before a figure as a word, not as an approximation', () => {
    expect(moneyIn('年末结转和结余0.00万元').map((f) => f.yuan)).toEqual(['0.00']);
  });
});

describe('table cells', () => {
  it.each([
    ['3,688.59', '3688.59', 2],
    ['－12', '-12', 0],
    ['0.00', '0', 2],
    [' 1 234 ', '1234', 0],
  ])('reads the cell %s', (text, value, decimals) => {
    const p = parseAmountCell(text, 'wan');
    expect(p?.value.toString()).toBe(value);
    expect(p?.decimals).toBe(decimals);
  });

  it.each(['', '-', '——', '12万元', '约12', '合计', '12.5%'])('does not read %j as an amount', (text) => {
    expect(parseAmountCell(text, 'yuan')).toBeNull();
    expect(isNumberCell(text)).toBe(false);
  });

  it.each([
    ['3688.59', 'wan', '36885900.00', 2],
    ['4765720.27', 'yuan', '4765720.27', -2],
    ['4.85', 'yi', '485000000.00', 6],
    ['0', 'wan', '0.00', 4],
  ] as const)('converts %s %s to %s yuan', (text, unit, yuan, scale) => {
    const p = parseAmountCell(text, unit)!;
    expect(yuanString(toYuan(p))).toBe(yuan);
    expect(scaleOf(p)).toBe(scale);
  });

  it.each([
    ['单位:万元', 'wan'],
    ['(元)', 'yuan'],
    ['金额单位:亿元', 'yi'],
    ['合计', null],
  ])('reads the unit note %s', (text, unit) => {
    expect(unitInCell(text)).toBe(unit);
  });
});

describe('labelled', () => {
  it('labels each figure a reader takes against the one it took before, up to the stops asked for', () => {
    const text = '支出:一般公共服务支出10万元、教育支出5万元';
    expect(labelled(text, moneyIn(text)).map((l) => l.label)).toEqual(['支出:一般公共服务支出', '教育支出']);
    expect(labelled(text, moneyIn(text), 'clauseOrColon').map((l) => l.label)).toEqual(['一般公共服务支出', '教育支出']);
  });
});
