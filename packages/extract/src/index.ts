export { extractDocument, EXTRACTOR_VERSION } from './extract-document.ts';
export type { ExtractOptions, Extracted } from './extract-document.ts';
export { sniffFormat } from './sniff.ts';
export type { Sniffed, SniffedFormat } from './sniff.ts';
export { findSoffice, convertWithSoffice, SOFFICE_MISSING_MESSAGE } from './soffice.ts';
export { renderModelText, renderTable, renderBlock } from './render-text.ts';
