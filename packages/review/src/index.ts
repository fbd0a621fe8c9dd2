export { createReviewApp, type ReviewDeps } from './app.ts';
export { startReviewServer, type ReviewServer } from './server.ts';
export { generateToken, isLoopback, parseTokens, Trust, type ReviewToken } from './trust.ts';
export { correctionInputSchema, indicatorKey, recordCorrection, toYuan, type CorrectionInput } from './corrections.ts';
export { documentFilterSchema, listDocuments, type DocumentFilter, type DocumentPage } from './document-list.ts';
export { readReport, type ReportDetail } from './report-detail.ts';
