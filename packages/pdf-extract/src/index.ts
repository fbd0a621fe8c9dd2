export { extractPdf, type PdfExtractOptions } from './extract-pdf.ts';
