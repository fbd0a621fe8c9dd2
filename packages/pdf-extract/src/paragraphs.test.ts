import { describe, expect, it } from 'vitest';
import { toFlowBlocks, type FlowParagraph } from './paragraphs.ts';
import { line } from './test-helpers.ts';
import type { PlacedTable } from './types.ts';

// A body 300 points wide at x=100; a full line is 30 Han characters of 10 points.
const full = (text: string, y: number, x = 100) => ({ ...line(text, x, y), x1: 400 });
const texts = (blocks: ReturnType<typeof toFlowBlocks>) => blocks.map((b) => (b.kind === 'paragraph' ? b.text : '[table]'));

describe('toFlowBlocks', () => {
  it('joins the lines of a paragraph and starts a new one after a short line', () => {
    const lines = [full('甲甲甲', 100, 120), full('乙乙乙', 118), line('丙丙。', 100, 136), full('丁丁丁', 154, 120), line('戊。', 100, 172)];
    expect(texts(toFlowBlocks([{ page: 1, lines, tables: [] }]))).toEqual(['甲甲甲乙乙乙丙丙。', '丁丁丁戊。']);
  });

  it('starts a new paragraph at a line with heading numbering', () => {
    const lines = [full('前文前文', 100, 120), line('一、部门概况', 100, 118)];
    expect(texts(toFlowBlocks([{ page: 1, lines, tables: [] }]))).toEqual(['前文前文', '一、部门概况']);
  });

  it('continues a paragraph over a page break', () => {
    const pages = [
      { page: 1, lines: [full('项目支出为', 600, 120), full('1803.53万', 618)], tables: [] },
      { page: 2, lines: [line('元,“三公”经费为5.32万元。', 100, 80), full('下一段', 98, 120)], tables: [] },
    ];
    const blocks = toFlowBlocks(pages) as FlowParagraph[];
    expect(blocks.map((b) => b.text)).toEqual(['项目支出为1803.53万元,“三公”经费为5.32万元。', '下一段']);
    expect(blocks[0]).toMatchObject({ page: 1, lineCount: 3 });
  });

  it('does not continue a paragraph into the indented first line of the next page', () => {
    const pages = [
      { page: 1, lines: [full('上一段', 528, 120), ...[546, 564, 582, 600].map((y) => full('续', y))], tables: [] },
      { page: 2, lines: [full('新的一段', 80, 120)], tables: [] },
    ];
    expect(texts(toFlowBlocks(pages))).toEqual(['上一段续续续续', '新的一段']);
  });

  it('places a table between the paragraphs above and below it', () => {
    const table: PlacedTable = { page: 1, pageEnd: 1, bbox: [100, 200, 400, 300], xs: [100, 400], nRows: 1, nCols: 1, cells: [], caption: null };
    const lines = [line('单位:万元', 100, 180), full('表后文字', 320, 120)];
    expect(texts(toFlowBlocks([{ page: 1, lines, tables: [table] }]))).toEqual(['单位:万元', '[table]', '表后文字']);
  });

  it('joins the two lines of a centred title', () => {
    // Body from x=100 to 400; both title lines sit midway (centre 250).
    const lines = [line('2023年度株洲市芦淞区医疗保障局整体支出', 98, 100, 16), line('绩效自评报告', 202, 140, 16), line('正文', 100, 200), full('正文', 218)];
    expect(texts(toFlowBlocks([{ page: 1, lines: lines.map((l, i) => (i === 0 ? { ...l, x0: 110, x1: 390 } : l)), tables: [] }]))[0]).toBe('2023年度株洲市芦淞区医疗保障局整体支出绩效自评报告');
  });
});
