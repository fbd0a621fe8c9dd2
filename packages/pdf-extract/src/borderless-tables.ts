import { maxOf, minOf } from '@budget-ingest/doc-model';
import { splitAtGaps } from './lines.ts';
import type { PlacedCell, PlacedTable, TextLine } from './types.ts';

const GAP_IN_SIZES = 2;
const MIN_ROWS = 3;
const MIN_COLS = 3;
const MAX_PITCH_IN_SIZES = 2.5;

/**
 * Tables printed without ruling lines, found from column alignment: at least
 * three consecutive lines that each break into pieces at wide gaps, whose
 * pieces fall into at least three shared columns (no two pieces of a line in
 * one column). Conservative on purpose: a doubtful block stays text.
 */
export function findBorderlessTables(lines: readonly TextLine[], page: number): { tables: PlacedTable[]; rest: TextLine[] } {
  const parts = lines.map((l) => splitAtGaps(l, GAP_IN_SIZES));
  const tables: PlacedTable[] = [];
  const used = new Set<number>();
  let start = 0;
  while (start < lines.length) {
    let end = start;
    while (end < lines.length && parts[end]!.length >= 2 && (end === start || lines[end]!.y0 - lines[end - 1]!.y0 <= MAX_PITCH_IN_SIZES * lines[end]!.size)) end++;
    if (end - start >= MIN_ROWS) {
      const table = toTable(parts.slice(start, end), page);
      if (table) {
        tables.push(table);
        for (let i = start; i < end; i++) used.add(i);
      }
    }
    start = Math.max(end, start + 1);
  }
  return { tables, rest: lines.filter((_, i) => !used.has(i)) };
}

function toTable(rows: readonly TextLine[][], page: number): PlacedTable | null {
  // Column bands: the union of overlapping piece extents.
  const spans = rows.flat().map((p) => [p.x0, p.x1] as [number, number]).sort((a, b) => a[0] - b[0]);
  const bands: [number, number][] = [];
  for (const [a, b] of spans) {
    const last = bands[bands.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else bands.push([a, b]);
  }
  if (bands.length < MIN_COLS) return null;
  const bandOf = (p: TextLine): number => bands.findIndex(([a, b]) => p.x0 >= a - 0.01 && p.x1 <= b + 0.01);
  const placed: number[][] = rows.map((row) => row.map(bandOf));
  if (placed.some((cols) => new Set(cols).size !== cols.length)) return null;
  const xs = [bands[0]![0], ...bands.slice(1).map(([a], i) => (bands[i]![1] + a) / 2), bands[bands.length - 1]![1]];
  const cells: PlacedCell[] = [];
  rows.forEach((row, r) => {
    const y0 = minOf(row.map((p) => p.y0));
    const y1 = maxOf(row.map((p) => p.y1));
    for (let c = 0; c < bands.length; c++) {
      const k = placed[r]!.indexOf(c);
      cells.push({ row: r, col: c, rowspan: 1, colspan: 1, text: k >= 0 ? row[k]!.text : '', page, bbox: [xs[c]!, y0, xs[c + 1]!, y1] });
    }
  });
  const top = minOf(rows[0]!.map((p) => p.y0));
  const bottom = maxOf(rows[rows.length - 1]!.map((p) => p.y1));
  return { page, pageEnd: page, bbox: [xs[0]!, top, xs[xs.length - 1]!, bottom], xs, nRows: rows.length, nCols: bands.length, cells, caption: null };
}
