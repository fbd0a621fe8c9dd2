import { findBorderlessTables } from './borderless-tables.ts';
import { fillGrids } from './cell-assign.ts';
import { toLines } from './lines.ts';
import { toRuledGrids } from './ruling-grid.ts';
import type { PlacedTable, RawPage, TextLine } from './types.ts';

export interface PageLayout {
  readonly number: number;
  readonly height: number;
  /** Lines outside tables, top to bottom (running headers still in). */
  readonly lines: readonly TextLine[];
  readonly tables: readonly PlacedTable[];
  readonly runCount: number;
}

/** One page: ruled tables filled with their text, tables without rulings found by alignment, the other text built into lines. */
export function toPageLayout(page: RawPage): PageLayout {
  const grids = toRuledGrids(page.segments);
  const { tables, rest } = fillGrids(grids, page.runs, page.number);
  const borderless = findBorderlessTables(toLines(rest), page.number);
  const all = [...tables, ...borderless.tables].sort((a, b) => a.bbox[1] - b.bbox[1]);
  return { number: page.number, height: page.height, lines: borderless.rest, tables: all, runCount: page.runs.length };
}
