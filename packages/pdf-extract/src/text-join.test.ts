import { describe, expect, it } from 'vitest';
import { joinPieces, normalizeText, squeezeSpaces } from './text-join.ts';

describe('normalizeText', () => {
  it.each([
    ['\u2F45', '方'],
    ['\uF9F1', '\u96A3'],
    ['２０２３年', '2023年'],
    ['单位：万元', '单位:万元'],
    ['a\u3000b', 'a b'],
    // CJK radicals NFKC leaves alone (EquivalentUnifiedIdeograph).
    ['\u2EA0\u2EC5\u2ECB\u2ED3', '民见车长'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('squeezeSpaces', () => {
  it.each([
    ['3688.59 万元', '3688.59万元'],
    ['于 2019 年 3 月 13 日组建', '于2019年3月13日组建'],
    ['填 报 人', '填报人'],
    ['执行率: 100%', '执行率:100%'],
    ['LED 电子显示屏', 'LED电子显示屏'],
    ['Word 2007 and PDF', 'Word 2007 and PDF'],
  ])('turns "%s" into "%s"', (input, expected) => {
    expect(squeezeSpaces(input)).toBe(expected);
  });
});

describe('joinPieces', () => {
  it('joins the lines of a Chinese paragraph without a space', () => {
    expect(joinPieces('项目支出为1803.53万', '元,“三公”经费', false, true)).toBe('项目支出为1803.53万元,“三公”经费');
  });

  it('keeps the digits of a number broken over two lines together', () => {
    expect(joinPieces('共计12', '3.5万元', false, true)).toBe('共计123.5万元');
  });

  it('puts a space between two Latin words broken over two lines', () => {
    expect(joinPieces('budget', 'tables', false, true)).toBe('budget tables');
  });

  it('separates two numbers on one line only when the layout left a gap', () => {
    expect(joinPieces('2022', '2023', true)).toBe('2022 2023');
    expect(joinPieces('3688', '.59', false)).toBe('3688.59');
  });
});
