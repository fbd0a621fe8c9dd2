// Placeholder spreadsheet adapter: every sheet a table without merges. The
// full extractor (merged cells, limits) replaces this module.
import ExcelJS from 'exceljs';
import { DOC_MODEL_VERSION, ExtractError, cell, numberBlocks, table, type DocumentModel, type ExtractLimits, type TableBlock } from '@budget-ingest/doc-model';

export interface SheetExtractOptions {
  readonly limits: ExtractLimits;
}

export async function extractSheet(bytes: Uint8Array, _opts: SheetExtractOptions): Promise<DocumentModel> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (err) {
    throw new ExtractError('corrupt', `not a readable XLSX: ${(err as Error).message}`, { cause: err });
  }
  const blocks: TableBlock[] = [];
  wb.eachSheet((ws) => {
    const rows: ReturnType<typeof cell>[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: ReturnType<typeof cell>[] = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(cell(row.getCell(c).text.normalize('NFKC').trim()));
      rows.push(cells);
    });
    if (rows.length) blocks.push(table(rows, { sheet: ws.name }));
  });
  return { modelVersion: DOC_MODEL_VERSION, format: 'xlsx', pageCount: null, pages: [], blocks: numberBlocks(blocks), metadata: {}, warnings: [] };
}
