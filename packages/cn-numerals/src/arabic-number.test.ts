import { describe, expect, it } from 'vitest';
import { parseArabicNumber } from './arabic-number.ts';

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
