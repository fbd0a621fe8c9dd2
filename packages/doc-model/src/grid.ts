import { ExtractError } from './errors.ts';
import type { TableBlock, TableCell } from './model.ts';

/** A dense view of a table: every grid position holds the cell that covers it. */
export interface GridPosition {
  readonly cell: TableCell;
  /** True only at the merged cell's top-left position. */
  readonly origin: boolean;
}

/**
 * Most positions a table's dense grid may have. The readers clamp spans to
 * a table's real width and height, so a table read from a file never comes
 * near it (a sheet at the 400 000-cell ceiling is 400 000 positions); it is
 * the bound for a model built any other way, so that no claimed span can
 * make `toGrid`, the plain text or a rendering allocate without limit.
 */
export const MAX_GRID_POSITIONS = 4_000_000;

/**
 * Expands rowspan/colspan into a dense matrix, so that "fill merged cells
 * down" is just reading the grid. Rows are padded to the widest row.
 * Throws ExtractError `too-large` before allocating more than
 * MAX_GRID_POSITIONS positions.
 */
export function toGrid(table: Pick<TableBlock, 'rows'>): GridPosition[][] {
  const grid: (GridPosition | undefined)[][] = [];
  let written = 0;
  const tooLarge = () => new ExtractError('too-large', `a table's merged cells span more than ${MAX_GRID_POSITIONS} grid positions`);
  table.rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (grid[r]![c] !== undefined) c++;
      const rowspan = Math.max(1, cell.rowspan);
      const colspan = Math.max(1, cell.colspan);
      // Counted before writing: a claimed span of two billion columns fails here, not in the allocator.
      written += rowspan * colspan;
      if (written > MAX_GRID_POSITIONS) throw tooLarge();
      for (let dr = 0; dr < rowspan; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < colspan; dc++) {
          grid[r + dr]![c + dc] = { cell, origin: dr === 0 && dc === 0 };
        }
      }
      c += colspan;
    }
  });
  // A loop, not Math.max(...rows): a spread of a sheet's 150 000 rows overflows the call stack.
  let width = 0;
  for (const row of grid) width = Math.max(width, row?.length ?? 0);
  if (grid.length * width > MAX_GRID_POSITIONS) throw tooLarge();
  const empty: TableCell = { text: '', rowspan: 1, colspan: 1, page: null };
  return grid.map((row) => Array.from({ length: width }, (_, c) => row?.[c] ?? { cell: empty, origin: true }));
}

/** The grid as plain strings (merged cells repeated into every position they cover). */
export function toTextGrid(table: Pick<TableBlock, 'rows'>): string[][] {
  return toGrid(table).map((row) => row.map((pos) => pos.cell.text));
}
