import { describe, expect, it } from 'vitest';
import { intervalOf, mergeRulings, toRuledGrids } from './ruling-grid.ts';
import type { Segment } from './types.ts';

const h = (y: number, x0: number, x1: number): Segment => ({ x0, x1, y0: y, y1: y });
const v = (x: number, y0: number, y1: number): Segment => ({ x0: x, x1: x, y0, y1 });

describe('mergeRulings', () => {
  it('merges touching pieces of one line and keeps separate lines apart', () => {
    const { h: hs, v: vs } = mergeRulings([h(10, 0, 50), h(10.3, 50.5, 100), h(40, 0, 100), v(0, 10, 40)]);
    expect(hs).toHaveLength(2);
    expect(hs[0]).toMatchObject({ x0: 0, x1: 100 });
    expect(vs).toHaveLength(1);
  });
});

describe('toRuledGrids', () => {
  it('builds a grid with one cell per box', () => {
    const segs = [h(0, 0, 200), h(20, 0, 200), h(40, 0, 200), v(0, 0, 40), v(100, 0, 40), v(200, 0, 40)];
    const [grid] = toRuledGrids(segs);
    expect(grid?.xs).toEqual([0, 100, 200]);
    expect(grid?.ys).toEqual([0, 20, 40]);
    expect(grid?.cells).toHaveLength(4);
  });

  it('merges grid positions where an inner line is missing', () => {
    // The line at y=20 and the line at x=50 exist only in part: the top-left
    // 2×2 positions form one merged cell.
    const segs = [h(0, 0, 200), h(20, 100, 200), h(40, 0, 200), h(60, 0, 200), v(0, 0, 60), v(100, 0, 60), v(200, 0, 60), v(50, 40, 60)];
    const [grid] = toRuledGrids(segs);
    const cells = grid!.cells.map((c) => [c.row, c.col, c.rowspan, c.colspan]);
    expect(cells).toEqual([
      [0, 0, 2, 2],
      [0, 2, 1, 1],
      [1, 2, 1, 1],
      [2, 0, 1, 1],
      [2, 1, 1, 1],
      [2, 2, 1, 1],
    ]);
  });

  it('closes a table without outer vertical borders at the ends of its horizontal lines', () => {
    const segs = [h(0, 10, 300), h(20, 10, 300), h(40, 10, 300), v(100, 0, 40), v(200, 0, 40)];
    const [grid] = toRuledGrids(segs);
    expect(grid?.xs).toEqual([10, 100, 200, 300]);
    expect(grid?.cells).toHaveLength(6);
  });

  it('ignores a lone box and a lone underline', () => {
    expect(toRuledGrids([h(0, 0, 100), h(50, 0, 100), v(0, 0, 50), v(100, 0, 50)])).toEqual([]);
    expect(toRuledGrids([h(0, 0, 100)])).toEqual([]);
  });

  it('finds two tables on one page as two grids, top one first', () => {
    const box = (y: number): Segment[] => [h(y, 0, 100), h(y + 20, 0, 100), h(y + 40, 0, 100), v(0, y, y + 40), v(100, y, y + 40)];
    const grids = toRuledGrids([...box(300), ...box(100)]);
    expect(grids.map((g) => g.bbox[1])).toEqual([100, 300]);
  });
});

describe('intervalOf', () => {
  it('finds the interval that holds a value, or -1 outside', () => {
    expect(intervalOf([0, 10, 20], 15)).toBe(1);
    expect(intervalOf([0, 10, 20], 5)).toBe(0);
    expect(intervalOf([0, 10, 20], 25)).toBe(-1);
  });
});
