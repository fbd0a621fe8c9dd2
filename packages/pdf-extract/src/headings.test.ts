import { describe, expect, it } from 'vitest';
import { splitNumbering, toHeading } from './headings.ts';

describe('splitNumbering', () => {
  it.each([
    ['一、部门基本情况', '一、', '部门基本情况'],
    ['(一) 部门职能', '(一)', '部门职能'],
    ['1.年度总体工作', '1.', '年度总体工作'],
    ['2、使用绩效', '2、', '使用绩效'],
    ['(1)医疗救助', '(1)', '医疗救助'],
    ['第一部分 部门概况', '第一部分', '部门概况'],
  ])('splits "%s" into %s and %s', (text, numbering, rest) => {
    expect(splitNumbering(text)).toEqual({ numbering, rest });
  });

  it.each(['3.5万元已拨付', '2023年度', '本部门', '1.2023年预算拨款'])('finds no numbering in "%s"', (text) => {
    expect(splitNumbering(text).numbering).toBeNull();
  });
});

describe('toHeading', () => {
  it('makes a short numbered line a heading', () => {
    expect(toHeading({ text: '一、部门基本情况', lineCount: 1, sizeRatio: 1 })).toEqual({ numbering: '一、', text: '部门基本情况' });
  });

  it('takes a one-line numbered heading ending in a full stop for a heading', () => {
    expect(toHeading({ text: '(二)年度总体工作和重点工作任务。', lineCount: 1, sizeRatio: 1 })).toEqual({ numbering: '(二)', text: '年度总体工作和重点工作任务。' });
  });

  it('does not take a line of dots for a heading', () => {
    expect(toHeading({ text: '32.......。', lineCount: 1, sizeRatio: 1 })).toBeNull();
  });

  it('leaves a numbered paragraph whose sentence runs on as a paragraph', () => {
    expect(toHeading({ text: '1.年度总体工作。以习近平新时代中国特色社会主义思想为指导', lineCount: 1, sizeRatio: 1 })).toBeNull();
    expect(toHeading({ text: '(一)部门职能。根据方案,我局于2019年组建,为正科级县政府组成部门', lineCount: 3, sizeRatio: 1 })).toBeNull();
  });

  it('makes a short line in a larger size an unnumbered heading', () => {
    expect(toHeading({ text: '部门整体支出绩效自评报告', lineCount: 1, sizeRatio: 1.6 })).toEqual({ numbering: null, text: '部门整体支出绩效自评报告' });
  });

  it('does not take table-of-contents entries for headings', () => {
    expect(toHeading({ text: '一、部门职责..... 4', lineCount: 1, sizeRatio: 1 })).toBeNull();
  });
});
