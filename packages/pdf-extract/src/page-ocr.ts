/**
 * What the PDF extractor asks of an OCR engine for a page without a usable
 * text layer, as plain values: the engine itself (rendering, image work, the
 * recognizer's process) lives in an I/O package (`@budget-ingest/ocr`) and is
 * handed in through `PdfExtractOptions.ocr`, so this package stays pure.
 */
import type { Segment } from './types.ts';

/** A word the engine read, with its box in PDF points (origin top-left of the page as displayed). */
export interface OcrWord {
  readonly text: string;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
  /** Glyph height of the word's line, in points. */
  readonly size: number;
  /** The engine's confidence, 0–1. */
  readonly confidence: number;
}

/** One page as the engine read it: words, and the ruling lines found in the image (points). */
export interface OcrPageReading {
  readonly words: readonly OcrWord[];
  readonly segments: readonly Segment[];
  readonly skewDegrees: number;
  readonly engine: string;
  readonly dpi: number;
}

export interface PageOcr {
  /** Null when the engine can run; otherwise why not, naming what to install. */
  readonly unavailable: string | null;
  /** Pages read at once (the worker's slots). */
  readonly slots: number;
  /** Reads page `page` (1-based) of the document being extracted; rejects when that page cannot be read. */
  readPage(page: number, width: number, height: number): Promise<OcrPageReading>;
  /** Told after each OCR page (done of total), for progress logs and bars. */
  readonly onPage?: (done: number, total: number, page: number) => void;
}
