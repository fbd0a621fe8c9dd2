/**
 * The positioned primitives the pdfjs adapter hands to the layout steps.
 * Coordinates are PDF points in the page's display space: origin top-left,
 * y growing downwards, page rotation already applied.
 */

/** One run of text as pdfjs reports it, with its box on the page. */
export interface TextRun {
  readonly text: string;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  /** Glyph height in points (the line height the run asks for). */
  readonly size: number;
  /** False for runs written top-to-bottom or rotated on the page. */
  readonly horizontal: boolean;
}

/** A horizontal or vertical ruling line (a stroked path or a thin filled rectangle). */
export interface Segment {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface RawPage {
  /** 1-based. */
  readonly number: number;
  readonly width: number;
  readonly height: number;
  readonly rotation: number;
  readonly runs: readonly TextRun[];
  readonly segments: readonly Segment[];
}

/** A line of text: runs on one baseline, left to right. */
export interface TextLine {
  readonly text: string;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  readonly size: number;
  readonly runs: readonly TextRun[];
}

export type Box = readonly [number, number, number, number];

/** A cell of a table found on a page, by grid position. */
export interface PlacedCell {
  readonly row: number;
  readonly col: number;
  readonly rowspan: number;
  readonly colspan: number;
  readonly text: string;
  readonly page: number;
  readonly bbox: Box;
}

/** A table with its cells by grid position (HTML rows are made at the end). */
export interface PlacedTable {
  readonly page: number;
  readonly pageEnd: number;
  readonly bbox: Box;
  /** Column boundaries of the first page's grid. */
  readonly xs: readonly number[];
  readonly nRows: number;
  readonly nCols: number;
  readonly cells: readonly PlacedCell[];
  readonly caption: string | null;
}
