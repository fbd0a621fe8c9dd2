export { buildDocumentExport, exportJson, type DocumentExport, type ExportedReport } from './export-json.ts';
export { exportPublications, type PublicationExport } from './export-publications.ts';
export { EXPORTABLE, exportTable, type TableFormat } from './export-table.ts';
