import { describe, expect, it } from 'vitest';
import { looksLikeNumberedHeading, splitHeadingNumbering } from './heading-numbering.ts';

describe('splitHeadingNumbering', () => {
  it.each([
    ['一、部门职责', '一、', '部门职责'],
    ['(一)主要职能', '(一)', '主要职能'],
    ['(二) 年度总体工作', '(二)', '年度总体工作'],
    ['1.机构职能', '1.', '机构职能'],
    ['1、城乡居民', '1、', '城乡居民'],
    ['(1)千方百计', '(1)', '千方百计'],
    ['第一部分 部门概况', '第一部分', '部门概况'],
    ['十一、国有资本经营', '十一、', '国有资本经营'],
    ['①数量指标', '①', '数量指标'],
    ['2.1 收入情况', '2.1', '收入情况'],
  ])('splits %s into %s and %s', (text, numbering, rest) => {
    expect(splitHeadingNumbering(text)).toEqual({ numbering, text: rest });
  });

  it.each([['2023年度部门决算'], ['1.5万元'], ['一般公共预算'], ['一、']])('finds no numbering in %s', (text) => {
    expect(splitHeadingNumbering(text).numbering).toBeNull();
  });
});

describe('looksLikeNumberedHeading', () => {
  it.each([
    ['一、收入支出决算总表', true],
    ['(三)国有资产占有使用情况', true],
    ['1.2023年预算一般公共预算拨款资金648.01万元。', false],
    ['(一)绩效评价工作业务不强,日常工作中对绩效监管不够重视,导致对完成的工作所达到的投入和产出效能不能科学的分析。', false],
    ['(三)部门整体支出绩效目标。2021年县医保局整体支出绩效目标:', false],
    ['第一部分 部门概况..... 4', false],
    ['本部门主要职责是:', false],
  ])('says %s reads as a heading: %s', (text, expected) => {
    expect(looksLikeNumberedHeading(text)).toBe(expected);
  });
});
