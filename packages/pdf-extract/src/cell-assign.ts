import { toLines } from './lines.ts';
import type { RuledGrid } from './ruling-grid.ts';
import { intervalOf } from './ruling-grid.ts';
import { joinPieces } from './text-join.ts';
import type { PlacedCell, PlacedTable, TextRun } from './types.ts';

/**
 * Puts every run whose middle falls inside a grid into its cell; the cell's
 * lines are joined without the layout's line breaks. Returns the tables and
 * the runs outside every table.
 */
export function fillGrids(grids: readonly RuledGrid[], runs: readonly TextRun[], page: number): { tables: PlacedTable[]; rest: TextRun[] } {
  const perGrid = grids.map(() => new Map<number, TextRun[]>());
  const lookups = grids.map(positionLookup);
  const rest: TextRun[] = [];
  for (const run of runs.flatMap((r) => splitAcrossColumns(r, grids))) {
    const cx = (run.x0 + run.x1) / 2;
    const cy = (run.y0 + run.y1) / 2;
    const g = grids.findIndex((grid) => cx >= grid.bbox[0] && cx <= grid.bbox[2] && cy >= grid.bbox[1] && cy <= grid.bbox[3]);
    if (g < 0) {
      rest.push(run);
      continue;
    }
    const grid = grids[g]!;
    const r = intervalOf(grid.ys, cy);
    const c = intervalOf(grid.xs, cx);
    const cellIndex = lookups[g]![r]?.[c];
    if (cellIndex === undefined) {
      rest.push(run);
      continue;
    }
    const list = perGrid[g]!.get(cellIndex) ?? [];
    list.push(run);
    perGrid[g]!.set(cellIndex, list);
  }
  const tables: PlacedTable[] = [];
  grids.forEach((grid, g) => {
    const cells: PlacedCell[] = grid.cells.map((cell, i) => ({
      row: cell.row,
      col: cell.col,
      rowspan: cell.rowspan,
      colspan: cell.colspan,
      text: cellText(perGrid[g]!.get(i) ?? []),
      page,
      bbox: cell.bbox,
    }));
    const hasText = cells.some((c) => c.text !== '');
    if (!hasText) return;
    tables.push({ page, pageEnd: page, bbox: grid.bbox, xs: grid.xs, nRows: grid.ys.length - 1, nCols: grid.xs.length - 1, cells, caption: null });
  });
  return { tables, rest };
}

const CJK_CHAR = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/u;

/**
 * pdfjs sometimes reports two cells' text as one run with a space between
 * ("96,282,213.44 一、公共安全支出"). A run with spaces that crosses a column
 * line is split into its words: the first keeps the run's left edge, the last
 * its right edge, the others are placed by their share of glyph widths.
 */
export function splitAcrossColumns(run: TextRun, grids: readonly RuledGrid[]): TextRun[] {
  const words = run.text.trim().split(/\s+/u);
  if (words.length < 2 || !run.horizontal) return [run];
  const crosses = grids.some((g) => run.y0 < g.bbox[3] && run.y1 > g.bbox[1] && g.xs.some((x) => x > run.x0 + 1 && x < run.x1 - 1));
  if (!crosses) return [run];
  const widthOf = (w: string): number => [...w].reduce((s, ch) => s + (CJK_CHAR.test(ch) ? 1 : 0.5), 0);
  const widths = words.map(widthOf);
  const total = widths.reduce((a, b) => a + b, 0);
  const scale = total > 0 ? Math.min(run.size, (run.x1 - run.x0) / total) : run.size;
  const first = words.length - 1;
  return words.map((text, i) => {
    const w = widths[i]! * scale;
    let x0: number;
    if (i === 0) x0 = run.x0;
    else if (i === first) x0 = run.x1 - w;
    else x0 = run.x0 + ((run.x1 - run.x0) * widths.slice(0, i).reduce((a, b) => a + b, 0)) / total;
    return { ...run, text, x0, x1: x0 + w };
  });
}

/** The text of a cell: its lines in order, joined as one paragraph. */
export function cellText(runs: readonly TextRun[]): string {
  return toLines(runs).reduce((text, line) => joinPieces(text, line.text, true, true), '');
}

function positionLookup(grid: RuledGrid): number[][] {
  const rows = grid.ys.length - 1;
  const cols = grid.xs.length - 1;
  const table = Array.from({ length: rows }, () => new Array<number>(cols));
  grid.cells.forEach((cell, i) => {
    for (let r = cell.row; r < cell.row + cell.rowspan; r++) for (let c = cell.col; c < cell.col + cell.colspan; c++) table[r]![c] = i;
  });
  return table;
}
