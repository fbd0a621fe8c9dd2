import { describe, expect, it } from 'vitest';
import { toYuan } from './local-numerals.ts';

describe('toYuan', () => {
  it.each([
    ['3688.59', '万元', '36885900.00'],
    ['4765720.27', '元', '4765720.27'],
    ['4.85', '亿元', '485000000.00'],
    ['0', '万元', '0.00'],
  ])('converts %s %s to %s yuan', (n, unit, yuan) => {
    expect(toYuan(n, unit)).toBe(yuan);
  });
});
