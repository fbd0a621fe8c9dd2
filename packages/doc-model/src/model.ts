/**
 * The document model every extractor produces and the report parser consumes.
 *
 * Blocks are kept in one flat list in reading order, each carrying the page it
 * sits on, rather than nested under pages: a table that continues over a page
 * break is one block whose cells carry their own pages, and formats without
 * pages (DOCX, XLSX) simply have `page: null`. `pages` lists the pages so that
 * "pages → blocks" is a filter on `block.page`.
 *
 * Everything here is plain JSON (no classes, no Dates, no Decimals) so the
 * model can be stored in Postgres as jsonb and parsed again later without
 * re-extracting.
 */

export const DOC_MODEL_VERSION = 1 as const;

export const SOURCE_FORMATS = ['pdf', 'docx', 'doc', 'xlsx', 'xls', 'wps'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/**
 * [x0, y0, x1, y1] in PDF points, origin top-left of the page as displayed; on a page read turned
 * upright (warning `page-turned`), of the page turned that way.
 */
export type BBox = readonly [number, number, number, number];

/** Where a block came from: 1-based page (null for formats without pages), box, and position in reading order. */
export interface Provenance {
  readonly page: number | null;
  readonly bbox?: BBox;
  /** 0-based position of the block in the document's reading order. */
  readonly index: number;
  /** Set on a block read by OCR from a page image (a scan): its text is the engine's reading, not the file's. */
  readonly ocr?: true;
  /** With `ocr`: the engine's mean confidence (0–1) over the words of the block. */
  readonly confidence?: number;
}

export interface HeadingBlock extends Provenance {
  readonly kind: 'heading';
  /** The numbering as printed: "一、", "（一）", "1.", "（1）", "第一部分", or null when unnumbered. */
  readonly numbering: string | null;
  /** The heading text without its numbering. */
  readonly text: string;
  /** Outline level when the source states one (Word heading styles), else null. */
  readonly level: number | null;
}

export interface ParagraphBlock extends Provenance {
  readonly kind: 'paragraph';
  /** Lines joined into one paragraph; layout line breaks removed. */
  readonly text: string;
}

export interface TableCell {
  readonly text: string;
  readonly rowspan: number;
  readonly colspan: number;
  readonly page: number | null;
  readonly bbox?: BBox;
  /** In a table read by OCR: the engine's mean confidence (0–1) over the words in the cell (absent for an empty cell). */
  readonly confidence?: number;
}

/**
 * A table as rows of cells. A merged cell appears once, in its top-left
 * position, with rowspan/colspan > 1; positions it covers are absent from the
 * rows below/right of it (HTML semantics). Use `toGrid` for a dense matrix.
 */
export interface TableBlock extends Provenance {
  readonly kind: 'table';
  readonly rows: readonly (readonly TableCell[])[];
  /** Caption or title printed right above the table, if any (e.g. "单位：万元"). */
  readonly caption: string | null;
  /** Name of the sheet, for spreadsheets. */
  readonly sheet?: string;
  /** Last page the table reaches when it continues over page breaks. */
  readonly pageEnd?: number | null;
}

export type Block = HeadingBlock | ParagraphBlock | TableBlock;
export type BlockKind = Block['kind'];

export interface PageInfo {
  /** 1-based page number. */
  readonly number: number;
  /** Points, in the frame the boxes on this page use. */
  readonly width: number;
  readonly height: number;
  /** Degrees, as the PDF states it (0, 90, 180, 270). */
  readonly rotation: number;
  /**
   * Set when the page's text runs sideways or upside down as displayed: the
   * degrees clockwise the displayed page was turned to read it. Boxes on the
   * page are in that turned frame.
   */
  readonly turn?: 90 | 180 | 270;
  /** Set on a page read by OCR (it had no usable text layer): how the reading went. */
  readonly ocr?: PageOcrInfo;
}

export interface PageOcrInfo {
  /** The engine that read it, e.g. "tesseract 5.3.0 chi_sim". */
  readonly engine: string;
  /** Mean word confidence on the page, 0–1. */
  readonly confidence: number;
  readonly words: number;
  /** Degrees the scan was turned back to make its lines level. */
  readonly skewDegrees: number;
  /** Resolution the page was rendered at for the engine. */
  readonly dpi: number;
}

export const WARNING_CODES = [
  'empty-page',
  'no-text-layer',
  'table-unreadable',
  'table-joined-across-pages',
  'page-turned',
  'font-missing',
  'unknown-element',
  'numbering-unresolved',
  'ocr-unavailable',
  'ocr-page-failed',
  'converted-from-legacy-format',
  /** LibreOffice converted the file with network access (no bwrap/unshare here). */
  'converter-not-isolated',
  'sheet-empty',
  'truncated',
  'text-sanitized',
] as const;
export type WarningCode = (typeof WARNING_CODES)[number];

export interface ExtractionWarning {
  readonly code: WarningCode;
  readonly message: string;
  readonly page?: number | null;
}

export interface DocumentMetadata {
  readonly title?: string | null;
  readonly author?: string | null;
  readonly producer?: string | null;
  readonly createdAt?: string | null;
}

export interface DocumentModel {
  readonly modelVersion: typeof DOC_MODEL_VERSION;
  readonly format: SourceFormat;
  /** Number of pages, null for formats without pages. */
  readonly pageCount: number | null;
  readonly pages: readonly PageInfo[];
  readonly blocks: readonly Block[];
  readonly metadata: DocumentMetadata;
  readonly warnings: readonly ExtractionWarning[];
}
