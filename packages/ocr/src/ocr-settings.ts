import type { DeskewSettings } from './deskew.ts';
import type { RulingSettings } from './rulings.ts';

/** How scanned pages are read (config: OCR_* variables; defaults below). */
export interface OcrSettings {
  /** OCR_ENABLED: read pages without a text layer (default true); off, such documents stay `needs_ocr`. */
  readonly enabled: boolean;
  /** OCR_DPI: resolution pages are rendered at for the engine (default 200; Tesseract reads this genre's 10.5–12 pt print best at 200–300). */
  readonly dpi: number;
  /** OCR_LANGUAGE: Tesseract language(s) (default "chi_sim"; its traineddata holds the Latin digits too). */
  readonly language: string;
  /** OCR_PAGE_SECONDS: one page's time limit (render + read); past it the page fails with a warning (default 60). */
  readonly pageSeconds: number;
  /** OCR_PAGE_MEMORY_MB: address-space ceiling of the engine's process for one page (default 1024). */
  readonly pageMemoryMb: number;
  /** Pages read at once: the worker's slots (EXTRACT_CONCURRENCY). */
  readonly slots: number;
}

export const DEFAULT_OCR_SETTINGS: OcrSettings = { enabled: true, dpi: 200, language: 'chi_sim', pageSeconds: 60, pageMemoryMb: 1024, slots: 1 };

/**
 * Image steps' tolerances, in points so that they hold at any dpi. A ruled
 * form's lines are 0.5–1.5 pt and run across several columns (40 pt and
 * more), longer than the strokes of bold heading characters joined by a
 * scan's bleed; one row of a merged cell's divider is 14 pt or more.
 */
export const IMAGE_SETTINGS: RulingSettings & DeskewSettings & { readonly speckMaxPt2: number; readonly paperLevel: number } = {
  darkThreshold: 160,
  minHorizontalPt: 40,
  minVerticalPt: 60,
  minJoinedVerticalPt: 10,
  maxThicknessPt: 3,
  gapPt: 0.5,
  verticalGapPt: 1.5,
  rulingThreshold: 190,
  maxDegrees: 3,
  /** Largest blob of ink, in square points, painted out as speckle (a printed full stop is about 0.6). */
  speckMaxPt2: 0.5,
  /** Gray at and above which a pixel is paper (a red seal read through the red channel is lighter; lower, the thin strokes of a 150 dpi scan fade: 二 reads 一). */
  paperLevel: 215,
};
