import { describe, expect, it } from 'vitest';
import { Dec } from './decimal.ts';
import { parseFinancialAmount } from './financial-uppercase.ts';
import { parseMoney, parseUnitHeader, toYuan } from './money.ts';

describe('parseMoney', () => {
  it.each([
    ['3688.59万元', '36885900.00'],
    ['4765720.27元', '4765720.27'],
    ['4.85亿元', '485000000.00'],
    ['5千元', '5000.00'],
    ['1.2百万元', '1200000.00'],
    ['0万元', '0.00'],
    ['1.23余亿元', '123000000.00'],
    ['6391.32\n万元', '63913200.00'],
    ['3 688.59 万元', '36885900.00'],
    ['人民币壹万贰仟叁佰肆拾伍元陆角柒分', '12345.67'],
    ['叁拾万元整', '300000.00'],
    ['壹佰万元整', '1000000.00'],
    ['壹元零伍分', '1.05'],
    ['一万五千元', '15000.00'],
    ['三元', '3.00'],
    ['-0.1万元', '-1000.00'],
    ['¥100元', '100.00'],
    ['1亿2000万元', '120000000.00'],
    ['1.5亿350.5万元', '153505000.00'],
  ])('reads %j as %s yuan', (text, yuan) => {
    const r = parseMoney(text);
    expect(r.ok && r.value.text).toBe(yuan);
  });

  it.each([
    ['3688.59', '万元', '36885900.00'],
    ['3688.59', '单位：万元', '36885900.00'],
    ['3688.59', '（万元）', '36885900.00'],
    ['12.5', '元', '12.50'],
    ['1.5', '亿元', '150000000.00'],
    ['3688.59元', '万元', '3688.59'],
  ])('reads %j under a %s header', (text, unit, yuan) => {
    const r = parseMoney(text, { unit });
    expect(r.ok && r.value.text).toBe(yuan);
  });

  it('marks approximate amounts', () => {
    const r = parseMoney('约1.23余亿元');
    expect(r.ok && r.value.approx).toBe(true);
  });

  it.each([
    ['3688.59', 'missing_unit'],
    ['95%', 'wrong_kind'],
    ['', 'empty'],
    ['无', 'not_a_number'],
    ['3万元和4万元', 'ambiguous'],
  ])('refuses %j with reason %s', (text, reason) => {
    const r = parseMoney(text);
    expect(!r.ok && r.reason).toBe(reason);
  });

  it('refuses a context unit that is not money', () => {
    const r = parseMoney('12', { unit: '人次' });
    expect(!r.ok && r.reason).toBe('wrong_kind');
  });
});

describe('parseUnitHeader', () => {
  it.each([
    ['单位：万元', '万元'],
    ['单位:元', '元'],
    ['金额单位：万元', '万元'],
    ['单位： 万 元', '万元'],
    ['（万元）', '万元'],
    ['(亿元)', '亿元'],
    ['万元', '万元'],
    ['单位：人民币元', '元'],
    ['决算数/万元', '万元'],
    ['预算数（万元）', '万元'],
    ['项目名称', null],
    ['单位：人', null],
  ])('finds the unit in %j', (text, unit) => {
    expect(parseUnitHeader(text)).toBe(unit);
  });
});

describe('toYuan', () => {
  it.each([
    ['3688.59', '万元', '36885900.00'],
    ['0.005', '元', '0.01'],
    ['4.85', '亿元', '485000000.00'],
    ['1,234.5', '单位：元', '1234.50'],
    ['-0.1', '万元', '-1000.00'],
    ['abc', '万元', null],
    ['12', '人次', null],
  ])('converts %j %s to %s', (amount, unit, yuan) => {
    expect(toYuan(amount, unit)).toBe(yuan);
  });

  it('takes a Decimal as well as a string', () => {
    expect(toYuan(new Dec('3688.59'), '万元')).toBe('36885900.00');
  });
});

describe('parseFinancialAmount', () => {
  it.each([
    ['人民币壹万贰仟叁佰肆拾伍元陆角柒分', '12345.67'],
    ['叁拾万元整', '300000'],
    ['壹佰万元整', '1000000'],
    ['伍角', '0.5'],
    ['零元整', '0'],
    ['壹仟零壹圆正', '1001'],
    ['玖角玖分', '0.99'],
  ])('reads %s', (text, expected) => {
    const r = parseFinancialAmount(text);
    expect(r.ok && r.value.toFixed()).toBe(expected);
  });

  it('refuses text without an amount', () => {
    const r = parseFinancialAmount('合计');
    expect(r.ok).toBe(false);
  });
});
