import { describe, expect, it } from 'vitest';
import { numberBlocks, paragraph } from '@budget-ingest/doc-model';
import { moneyIn } from './figures/index.ts';
import { toTextUnits, yearBefore } from './text-units.ts';

describe('toTextUnits', () => {
  it('joins a figure and its unit split by a page break', () => {
    const blocks = numberBlocks([paragraph('项目支出为 1803.53', { page: 2 }), paragraph('万元，“三公”经费为 5.32 万元。', { page: 3 })]);
    const units = toTextUnits(blocks, [0, 1]);
    expect(units).toHaveLength(1);
    expect(moneyIn(units[0]!.text).map((f) => f.yuan)).toEqual(['18035300.00', '53200.00']);
  });

  it('marks a paragraph printed twice as a duplicate, whatever its numbering', () => {
    const text = '加强党建引领，队伍建设扎实推进，深入推进党的二十大精神学习。';
    const blocks = numberBlocks([paragraph(`1.${text}`), paragraph('其他内容'), paragraph(`4.${text}`)]);
    expect(toTextUnits(blocks, [0, 1, 2]).map((u) => u.duplicate)).toEqual([false, false, true]);
  });
});

describe('yearBefore', () => {
  it('ignores years named for comparison', () => {
    const text = '2022年度收支总计3688.59万元。与2021年相比，收支总计各增加3008.59万元';
    expect(yearBefore(text, text.length)).toBe(2022);
  });
});
