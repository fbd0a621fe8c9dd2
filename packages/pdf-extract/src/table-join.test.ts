import { describe, expect, it } from 'vitest';
import { toTextGrid } from '@budget-ingest/doc-model';
import { continuesOnNextPage, joinTables } from './table-join.ts';
import { toTableBlock } from './to-blocks.ts';
import type { PlacedCell, PlacedTable } from './types.ts';

const c = (row: number, col: number, text: string, page: number, rowspan = 1, colspan = 1): PlacedCell => ({ row, col, rowspan, colspan, text, page, bbox: [0, 0, 1, 1] });
const t = (page: number, nRows: number, cells: PlacedCell[], xs = [50, 150, 250]): PlacedTable => ({ page, pageEnd: page, bbox: [50, 0, 250, 100], xs, nRows, nCols: xs.length - 1, cells, caption: null });

describe('continuesOnNextPage', () => {
  it('accepts the next page’s table with the same columns, even shifted', () => {
    expect(continuesOnNextPage(t(1, 1, []), t(2, 1, [], [60, 160, 260]))).toBe(true);
  });

  it('refuses other columns or a page further on', () => {
    expect(continuesOnNextPage(t(1, 1, []), t(2, 1, [], [50, 120, 250]))).toBe(false);
    expect(continuesOnNextPage(t(1, 1, []), t(3, 1, []))).toBe(false);
  });
});

describe('joinTables', () => {
  it('drops a header row repeated at the top of the next page', () => {
    const a = t(1, 2, [c(0, 0, '科目', 1), c(0, 1, '金额', 1), c(1, 0, '301', 1), c(1, 1, '5.00', 1)]);
    const b = t(2, 2, [c(0, 0, '科目', 2), c(0, 1, '金额', 2), c(1, 0, '302', 2), c(1, 1, '6.00', 2)]);
    const joined = joinTables(a, b);
    expect(joined.pageEnd).toBe(2);
    expect(toTextGrid(toTableBlock(joined))).toEqual([
      ['科目', '金额'],
      ['301', '5.00'],
      ['302', '6.00'],
    ]);
  });

  it('continues a label merged over several rows into the empty cell at the top of the next page', () => {
    const a = t(1, 2, [c(0, 0, '成本指标', 1, 2), c(0, 1, '经济成本', 1), c(1, 1, '社会成本', 1)]);
    const b = t(2, 1, [c(0, 0, '', 2), c(0, 1, '生态成本', 2)]);
    const block = toTableBlock(joinTables(a, b));
    expect(block.rows[0]![0]).toMatchObject({ text: '成本指标', rowspan: 3 });
    expect(toTextGrid(block).map((r) => r[0])).toEqual(['成本指标', '成本指标', '成本指标']);
  });

  it('leaves an empty cell alone under a value that was not merged', () => {
    const a = t(1, 1, [c(0, 0, '合计', 1), c(0, 1, '0.00', 1)]);
    const b = t(2, 1, [c(0, 0, '小计', 2), c(0, 1, '', 2)]);
    expect(toTextGrid(toTableBlock(joinTables(a, b)))).toEqual([
      ['合计', '0.00'],
      ['小计', ''],
    ]);
  });
});
