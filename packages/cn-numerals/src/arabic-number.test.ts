import { describe, expect, it } from 'vitest';
import { parseArabicNumber } from './arabic-number.ts';
import { parseNumber } from './number.ts';

describe('parseArabicNumber', () => {
  it.each([
    ['3688.59', '3688.59'],
    ['1,234.56', '1234.56'],
    ['12,345,678', '12345678'],
    ['３６８８．５９', '3688.59'],
    ['+5', '5'],
    ['-5.5', '-5.5'],
    ['－5', '-5'],
    ['负3.5', '-3.5'],
    ['0.00', '0'],
    ['  42 ', '42'],
  ])('reads %j as %s', (text, expected) => {
    const r = parseArabicNumber(text);
    expect(r.ok && r.value.toFixed()).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['abc', 'not_a_number'],
    ['12abc', 'ambiguous'],
  ])('rejects %j with reason %s', (text, reason) => {
    const r = parseArabicNumber(text);
    expect(!r.ok && r.reason).toBe(reason);
  });
});

describe('parseNumber', () => {
  it.each([
    ['3688.59', '3688.59'],
    ['3.5万', '35000'],
    ['16.58万', '165800'],
    ['4.85亿', '485000000'],
    ['一百零五', '105'],
    ['两万', '20000'],
    ['三', '3'],
    ['3 688.59万', '36885900'],
    ['-1,000', '-1000'],
  ])('reads %j as %s', (text, expected) => {
    const r = parseNumber(text);
    expect(r.ok && r.value.toFixed()).toBe(expected);
  });

  it.each([
    ['5万元', 'wrong_kind'],
    ['95%', 'wrong_kind'],
    ['约5', 'ambiguous'],
    ['3 4', 'ambiguous'],
    ['显著提升', 'not_a_number'],
  ])('rejects %j with reason %s', (text, reason) => {
    const r = parseNumber(text);
    expect(!r.ok && r.reason).toBe(reason);
  });
});
