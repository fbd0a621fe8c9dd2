export { buildDocumentExport, exportJson, exportFileName, type DocumentExport, type ExportedReport } from './export-json.ts';
export { exportPublications, type PublicationExport } from './export-publications.ts';
export { EXPORTABLE, exportTable, renderTable, type TableExportOptions, type TableFormat } from './export-table.ts';
export { neutralizeFormula } from './csv-table.ts';
