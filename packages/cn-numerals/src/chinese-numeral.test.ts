import { describe, expect, it } from 'vitest';
import { parseChineseNumeral } from './chinese-numeral.ts';

describe('parseChineseNumeral', () => {
  it.each([
    ['零', '0'],
    ['〇', '0'],
    ['一', '1'],
    ['十', '10'],
    ['十五', '15'],
    ['一十五', '15'],
    ['廿', '20'],
    ['廿三', '23'],
    ['卅', '30'],
    ['一百零五', '105'],
    ['一百一十', '110'],
    ['一千零一', '1001'],
    ['三千零二十', '3020'],
    ['两万', '20000'],
    ['两千两百', '2200'],
    ['十万零一', '100001'],
    ['二十万零三百', '200300'],
    ['一亿二千万', '120000000'],
    ['一亿零五', '100000005'],
    ['一万亿', '1000000000000'],
    ['一兆', '1000000000000'],
    ['一亿亿', '10000000000000000'],
    ['一万五千亿', '1500000000000'],
    ['一万五', '15000'],
    ['三千五', '3500'],
    ['二〇二三', '2023'],
    ['一九九八', '1998'],
    ['三点一四', '3.14'],
    ['零点五', '0.5'],
    ['十二点零五', '12.05'],
    ['负五', '-5'],
    ['壹佰万', '1000000'],
    ['壹万贰仟叁佰肆拾伍', '12345'],
    ['叁拾', '30'],
    ['玖仟玖佰玖拾玖萬玖仟玖佰玖拾玖', '99999999'],
    ['壹億', '100000000'],
    ['貳拾', '20'],
  ])('reads %s as %s', (text, expected) => {
    const r = parseChineseNumeral(text);
    expect(r.ok && r.value.toFixed()).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'not_a_number'],
    ['十百', 'malformed'],
    ['五五十', 'malformed'],
    ['万', 'malformed'],
    ['千万', 'malformed'],
    ['一百个', 'ambiguous'],
  ])('rejects %j with reason %s', (text, reason) => {
    const r = parseChineseNumeral(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });
});
