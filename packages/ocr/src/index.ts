export { openPdfOcr, type PdfOcr } from './pdf-ocr.ts';
export { DEFAULT_OCR_SETTINGS, type OcrSettings } from './ocr-settings.ts';
export { findEngine, INSTALL_HINT, type OcrEngine } from './find-engine.ts';
export type { OcrStageTimes } from './read-scanned-page.ts';
