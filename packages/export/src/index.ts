export { buildDocumentExport, exportJson, type DocumentExport, type ExportedReport, type ReviewEvidence, type Reviewed } from './export-json.ts';
export { exportPublications, type PublicationExport } from './export-publications.ts';
export { EXPORTABLE, exportTable, type TableFormat } from './export-table.ts';
export { exportCorrections, readCorrections, type CorrectionExport } from './export-corrections.ts';
