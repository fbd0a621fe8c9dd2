/**
 * The positioned primitives the pdfjs adapter hands to the layout steps.
 * Coordinates are PDF points, origin top-left, y growing downwards: in the
 * page's display space (its /Rotate applied) for drawn pages, and in the
 * frame where the text reads upright for RawPage.
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

/** Reading direction of a run as drawn: degrees clockwise from left-to-right. */
export type Direction = 0 | 90 | 180 | 270;

/** A run as pdfjs draws it, before the page is turned so that its text reads upright. */
export interface DrawnRun extends Omit<TextRun, 'horizontal'> {
  /** Null for a run at a slant (not a multiple of 90°). */
  readonly direction: Direction | null;
}

/** A page as pdfjs draws it in display space (its /Rotate applied). */
export interface DrawnPage {
  /** 1-based. */
  readonly number: number;
  readonly width: number;
  readonly height: number;
  /** The page's /Rotate, as the PDF states it. */
  readonly rotation: number;
  readonly runs: readonly DrawnRun[];
  readonly segments: readonly Segment[];
}

/**
 * A page turned so that most of its text reads left to right: coordinates
 * below are in that upright frame (width and height swap after a quarter turn).
 */
export interface RawPage extends Omit<DrawnPage, 'runs'> {
  /** Degrees clockwise the display space was turned to make the text upright (0 for almost every page). */
  readonly turn: Direction;
  readonly runs: readonly TextRun[];
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
