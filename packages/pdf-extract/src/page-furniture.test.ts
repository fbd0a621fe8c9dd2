import { describe, expect, it } from 'vitest';
import { findPageFurniture, isPageNumber } from './page-furniture.ts';
import { line } from './test-helpers.ts';

describe('isPageNumber', () => {
  it.each(['6', '-6-', '- 6 -', '— 12 —', '─ 6 ─', '第6页', '第 6 页 共 32 页', '6/32'])('reads "%s" as a page number', (text) => {
    expect(isPageNumber(text)).toBe(true);
  });

  it.each(['2023年', '一、部门概况', '6月'])('does not read "%s" as a page number', (text) => {
    expect(isPageNumber(text)).toBe(false);
  });
});

describe('findPageFurniture', () => {
  const page = (n: number) => ({
    height: 800,
    lines: [line('某某局2023年部门决算', 100, 30), line(`正文第${n}页的内容`, 100, 300), line('结尾', 100, 600), line(`- ${n} -`, 280, 760)],
  });

  it('drops page numbers and a header repeated on several pages', () => {
    const drops = findPageFurniture([page(1), page(2), page(3)]);
    expect(drops.map((d) => [...d].sort())).toEqual([
      [0, 3],
      [0, 3],
      [0, 3],
    ]);
  });

  it('keeps a table caption repeated on every page: it states the unit of the table below it', () => {
    const tablePage = (n: number) => ({
      height: 800,
      lines: [line(`公开0${n}表`, 100, 20), line('部门：某某办公厅 单位：万元', 100, 40), line(['收支预算总表', '收入预算总表', '支出预算总表'][n - 1]!, 300, 60), line(`${n}0.00`, 100, 300)],
    });
    const drops = findPageFurniture([tablePage(1), tablePage(2), tablePage(3)]);
    expect(drops.map((d) => [...d].sort())).toEqual([[0], [0], [0]]);
  });

  it('keeps body text that sits in the bottom band above a body line', () => {
    const drops = findPageFurniture([{ height: 800, lines: [line('正文', 100, 100), line('7', 100, 700), line('最后一行正文', 100, 720)] }]);
    expect([...drops[0]!]).toEqual([]);
  });
});
