export { extractPdf, type PdfExtractOptions } from './extract-pdf.ts';
export type { StageTimes } from './pdfjs-adapter.ts';
