import { describe, expect, it } from 'vitest';
import { heading, numberBlocks, paragraph } from '@budget-ingest/doc-model';
import { parseNumbering, sectionPaths } from './sections.ts';

describe('parseNumbering', () => {
  it.each([
    ['第一部分 部门概况', 'part'],
    ['一、部门职责', 'cn'],
    ['（一）机构组成', 'paren-cn'],
    ['1.机构职能', 'arabic'],
    ['（1）千方百计', 'paren-arabic'],
    ['①参保', 'circled'],
  ])('reads the style of %s', (text, style) => {
    expect(parseNumbering(text)?.style).toBe(style);
  });

  it('does not take a year for a numbering', () => {
    expect(parseNumbering('1.2023年预算一般公共预算拨款资金648.01万元')).toMatchObject({ style: 'arabic', rest: '2023年预算一般公共预算拨款资金648.01万元' });
    expect(parseNumbering('2023年度')).toBeNull();
  });
});

describe('sectionPaths', () => {
  it('nests by numbering style, closing deeper levels and tolerating a skipped level', () => {
    const blocks = numberBlocks([heading('部门概况', { numbering: '第一部分' }), heading('部门职责', { numbering: '一、' }), paragraph('1.直接跳到阿拉伯数字'), heading('机构设置', { numbering: '二、' }), paragraph('正文。')]);
    const paths = sectionPaths(blocks).map((p) => p.map((h) => h.text));
    expect(paths[2]).toEqual(['部门概况', '部门职责', '直接跳到阿拉伯数字']);
    expect(paths[4]).toEqual(['部门概况', '机构设置']);
  });
});
