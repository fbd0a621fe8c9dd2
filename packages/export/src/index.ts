export { buildDocumentExport, exportJson, exportFileName, type DocumentExport, type ExportedReport, type ReviewEvidence, type Reviewed } from './export-json.ts';
export { exportPublications, type PublicationExport } from './export-publications.ts';
export { EXPORTABLE, exportTable, renderTable, type TableExportOptions, type TableFormat } from './export-table.ts';
export { exportCorrections, readCorrections, type CorrectionExport } from './export-corrections.ts';
export { neutralizeFormula } from './csv-table.ts';
