import type { PlacedCell, PlacedTable } from './types.ts';

const EDGE_TOL = 3;

/** Same number of columns at the same places (relative to the table's left edge). */
export function sameColumns(a: PlacedTable, b: PlacedTable): boolean {
  if (a.nCols !== b.nCols) return false;
  const widthA = a.xs[a.xs.length - 1]! - a.xs[0]!;
  const widthB = b.xs[b.xs.length - 1]! - b.xs[0]!;
  if (Math.abs(widthA - widthB) > EDGE_TOL * 2) return false;
  return a.xs.every((x, i) => Math.abs(x - a.xs[0]! - (b.xs[i]! - b.xs[0]!)) <= EDGE_TOL);
}

function rowTexts(t: PlacedTable, row: number): string[] {
  const out = new Array<string>(t.nCols).fill('');
  for (const c of t.cells) if (c.row <= row && row < c.row + c.rowspan) for (let k = c.col; k < c.col + c.colspan; k++) out[k] = c.text;
  return out;
}

/** How many of `b`'s first rows repeat `a`'s header rows word for word. */
function repeatedHeaderRows(a: PlacedTable, b: PlacedTable): number {
  let n = 0;
  while (n < Math.min(3, a.nRows, b.nRows - 1)) {
    const ra = rowTexts(a, n);
    const rb = rowTexts(b, n);
    if (ra.join('\u0001') !== rb.join('\u0001') || rb.every((t) => t === '')) break;
    n++;
  }
  return n;
}

/**
 * Joins `b` (the top of the next page) onto `a`: a repeated header is dropped,
 * and an empty cell at the top of `b` under a label that was merged over
 * several rows of `a` continues that merged cell.
 */
export function joinTables(a: PlacedTable, b: PlacedTable): PlacedTable {
  const skip = repeatedHeaderRows(a, b);
  const cells: PlacedCell[] = [...a.cells];
  const shifted = b.cells
    .filter((c) => c.row >= skip)
    .map((c) => ({ ...c, row: c.row - skip + a.nRows }));
  const lastRow = a.nRows - 1;
  const firstRow = a.nRows;
  const dropped = new Set<PlacedCell>();
  for (const top of shifted) {
    if (top.row !== firstRow || top.text !== '') continue;
    const idx = cells.findIndex((c) => c.col === top.col && c.colspan === top.colspan && c.row < lastRow && c.row + c.rowspan - 1 === lastRow && c.text !== '');
    if (idx < 0) continue;
    const above = cells[idx]!;
    cells[idx] = { ...above, rowspan: above.rowspan + top.rowspan };
    dropped.add(top);
  }
  const bRows = b.nRows - skip;
  return {
    ...a,
    pageEnd: b.pageEnd,
    nRows: a.nRows + bRows,
    cells: [...cells, ...shifted.filter((c) => !dropped.has(c))],
  };
}

/** True when `b` can continue `a` on the next page. */
export function continuesOnNextPage(a: PlacedTable, b: PlacedTable): boolean {
  return b.page === a.pageEnd + 1 && sameColumns(a, b);
}
