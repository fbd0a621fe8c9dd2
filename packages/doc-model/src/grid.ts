import type { TableBlock, TableCell } from './model.ts';

/** A dense view of a table: every grid position holds the cell that covers it. */
export interface GridPosition {
  readonly cell: TableCell;
  /** True only at the merged cell's top-left position. */
  readonly origin: boolean;
}

/**
 * Expands rowspan/colspan into a dense matrix, so that "fill merged cells
 * down" is just reading the grid. Rows are padded to the widest row.
 */
export function toGrid(table: Pick<TableBlock, 'rows'>): GridPosition[][] {
  const grid: (GridPosition | undefined)[][] = [];
  table.rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (grid[r]![c] !== undefined) c++;
      for (let dr = 0; dr < Math.max(1, cell.rowspan); dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < Math.max(1, cell.colspan); dc++) {
          grid[r + dr]![c + dc] = { cell, origin: dr === 0 && dc === 0 };
        }
      }
      c += Math.max(1, cell.colspan);
    }
  });
  const width = Math.max(0, ...grid.map((row) => row?.length ?? 0));
  const empty: TableCell = { text: '', rowspan: 1, colspan: 1, page: null };
  return grid.map((row) => Array.from({ length: width }, (_, c) => row?.[c] ?? { cell: empty, origin: true }));
}

/** The grid as plain strings (merged cells repeated into every position they cover). */
export function toTextGrid(table: Pick<TableBlock, 'rows'>): string[][] {
  return toGrid(table).map((row) => row.map((pos) => pos.cell.text));
}
