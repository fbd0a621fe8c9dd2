import { describe, expect, it } from 'vitest';
import { fillGrids, splitAcrossColumns } from './cell-assign.ts';
import { toRuledGrids } from './ruling-grid.ts';
import { run } from './test-helpers.ts';
import type { Segment } from './types.ts';

const h = (y: number, x0: number, x1: number): Segment => ({ x0, x1, y0: y, y1: y });
const v = (x: number, y0: number, y1: number): Segment => ({ x0: x, x1: x, y0, y1 });
const grid = toRuledGrids([h(0, 0, 200), h(40, 0, 200), h(80, 0, 200), v(0, 0, 80), v(100, 0, 80), v(200, 0, 80)]);

describe('fillGrids', () => {
  it('puts runs into their cells and joins a cell’s lines without line breaks', () => {
    const { tables, rest } = fillGrids(grid, [run('城乡居民基本', 5, 2), run('医保参保人数', 5, 14), run('16.58万', 120, 45), run('正文', 5, 100)], 3);
    expect(rest.map((r) => r.text)).toEqual(['正文']);
    const cells = tables[0]!.cells.map((c) => c.text);
    expect(cells).toEqual(['城乡居民基本医保参保人数', '', '', '16.58万']);
    expect(tables[0]!.cells[0]).toMatchObject({ page: 3, bbox: [0, 0, 100, 40] });
  });

  it('drops a grid with no text in it (a drawing, not a table)', () => {
    expect(fillGrids(grid, [], 1).tables).toEqual([]);
  });
});

describe('splitAcrossColumns', () => {
  it('splits a run with a space that crosses a column line into its words', () => {
    const r = { ...run('96,282,213.44 一、公共安全支出', 30, 5), x1: 190 };
    const parts = splitAcrossColumns(r, grid);
    expect(parts.map((p) => p.text)).toEqual(['96,282,213.44', '一、公共安全支出']);
    expect(parts[0]!.x1).toBeLessThan(100);
    expect(parts[1]!.x0).toBeGreaterThan(100);
  });

  it('leaves a run inside one cell alone', () => {
    const r = run('合计 100', 110, 5);
    expect(splitAcrossColumns(r, grid)).toEqual([r]);
  });
});
