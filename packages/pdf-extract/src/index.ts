export { extractPdf, type PdfExtractOptions } from './extract-pdf.ts';
export type { StageTimes } from './pdfjs-adapter.ts';
export type { OcrPageReading, OcrWord, PageOcr } from './page-ocr.ts';
export { toRuledGrids, type RuledGrid } from './ruling-grid.ts';
