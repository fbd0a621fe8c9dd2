import { describe, expect, it } from 'vitest';
import { toCompactText, toModelText } from './normalize-text.ts';

describe('toModelText', () => {
  it.each([
    ['full-width digits, letters and signs become ASCII', '２０２３年（一）Ａ：５０％', '2023年(一)A:50%'],
    ['an ideographic or no-break space is one space', '部门\u3000预算\u00a0说明', '部门 预算 说明'],
    ['a CJK radical NFKC leaves alone becomes its ideograph', '⻋辆购置', '车辆购置'],
    ['invisible characters are dropped', '收\u200b入\ufeff合\u00ad计', '收入合计'],
    ['a line break joins CJK text without a space', '一般公共\n预算支出', '一般公共预算支出'],
    ['a line break between Latin words or numbers leaves one space', 'PDF\r\nfile 12\n34', 'PDF file 12 34'],
    ['runs of white space collapse, ends are trimmed', '  基本   支出\t合计  ', '基本 支出 合计'],
  ])('%s', (_name, input, expected) => {
    expect(toModelText(input)).toBe(expected);
  });
});

describe('toCompactText', () => {
  it.each([
    ['every kind of white space goes', '收 入\u3000合\u00a0计\n', '收入合计'],
    ['full-width punctuation folds to ASCII', '（一）单位：万元', '(一)单位:万元'],
    ['a CJK radical becomes its ideograph', '⻋ 辆', '车辆'],
  ])('%s', (_name, input, expected) => {
    expect(toCompactText(input)).toBe(expected);
  });
});
