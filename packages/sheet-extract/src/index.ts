import { DOC_MODEL_VERSION, ExtractError, cell, isExtractError, numberBlocks, paragraph, table, toModelText, type Block, type DocumentModel, type ExtractLimits, type ExtractionWarning } from '@budget-ingest/doc-model';
import { checkZipBombSafe, refuseDtd } from '@budget-ingest/docx-extract';
import { toCellText } from './cell-text.ts';
import { parseRange, toSheetRows, type GridCell, type MergeRange } from './sheet-grid.ts';

export { toCellText, formatNumber } from './cell-text.ts';
export { parseRange, toSheetRows } from './sheet-grid.ts';
export type { GridCell, MergeRange, SheetCellSource } from './sheet-grid.ts';

export interface SheetExtractOptions {
  readonly limits: ExtractLimits;
  /** Most cells read from one sheet (default MAX_SHEET_CELLS). */
  readonly maxSheetCells?: number;
}

/**
 * Most cells one sheet may hold: a sheet with more cell elements fails with
 * `too-large` before it is loaded; a sheet whose cells span a larger box
 * (sparse, far apart) is cut with a 'truncated' warning. ExcelJS needs about
 * 2 KB a cell: 400 000 cells stay under the default MAX_EXTRACT_MEMORY_MB.
 */
export const MAX_SHEET_CELLS = 400_000;
/**
 * Most characters of text a workbook's cells may expand to. A shared string
 * is stored once and can be shown by any number of cells (one 1 MB string in
 * 60 000 cells is 60 GB of text from a 300 KB file): the text is counted
 * cell by cell as it is read, each distinct string normalised once, and the
 * workbook fails `too-large` as soon as the count passes this, before any
 * more is built. 32 M characters is 80 characters in each of 400 000 cells.
 */
export const MAX_SHEET_TEXT_CHARS = 32_000_000;
/**
 * Most merged ranges one sheet may declare. ExcelJS checks each merge against
 * every earlier one (quadratic) and creates a cell object for every position
 * a merge covers, so merges are counted, and their areas added to the cells,
 * in the bytes before the workbook is loaded.
 */
export const MAX_SHEET_MERGES = 20_000;
/** Longest single-cell line above a sheet's table still read as its title/unit caption. */
const MAX_TITLE_CHARS = 60;

/**
 * XLSX bytes → document model: every sheet becomes a table with its merged
 * cells as rowspan/colspan. Single-cell lines at the top of a sheet (its title,
 * "单位：万元") become paragraphs and the table's caption, as they would be
 * printed above a table in a Word document. The archive is inflated once with
 * ceilings before ExcelJS (which inflates without limits) sees it, and XML
 * parts that declare a DTD are refused (no entity expansion).
 */
export async function extractSheet(bytes: Uint8Array, opts: SheetExtractOptions): Promise<DocumentModel> {
  const maxCells = opts.maxSheetCells ?? MAX_SHEET_CELLS;
  const zip = checkZipBombSafe(bytes, opts.limits, (name, data) => {
    if (!/\.(xml|rels|vml)$/i.test(name)) return;
    const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    // XML is case-sensitive: a DTD can only be spelt this way (searched in bytes, no string built).
    if (buf.includes('<!DOCTYPE') || buf.includes('<!ENTITY')) refuseDtd('<!DOCTYPE', name);
    // ExcelJS holds a whole workbook as objects (about 2 KB a cell): count the cells in the bytes
    // first and refuse a sheet over the ceiling before it is loaded.
    if (/^\/?xl\/worksheets\/[^/]+\.xml$/i.test(name)) {
      const cells = countCells(buf, maxCells);
      if (cells > maxCells) throw new ExtractError('too-large', `the sheet ${name} holds more than ${maxCells} cells (MAX_SHEET_CELLS)`);
      // ExcelJS creates a cell for every position a merge covers (Excel itself writes those as cells).
      const merges = countMerges(buf, MAX_SHEET_MERGES, maxCells);
      if (merges.count > MAX_SHEET_MERGES) throw new ExtractError('too-large', `the sheet ${name} declares more than ${MAX_SHEET_MERGES} merged ranges (MAX_SHEET_MERGES)`);
      if (merges.area > maxCells) throw new ExtractError('too-large', `the merged ranges of the sheet ${name} cover more than ${maxCells} cells (MAX_SHEET_CELLS)`);
    }
  });
  if (!zip.entries.some((e) => /^\/?xl\/workbook\d*\.xml$/.test(e.name))) throw new ExtractError('corrupt', 'a ZIP archive without xl/workbook.xml: not an Excel workbook');
  // Loaded on first use: a process that never reads a workbook (the CLI, a worker's main process) does
  // not pay ExcelJS's 0.3 s start.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    if (isExtractError(err)) throw err;
    throw new ExtractError('corrupt', `not a readable XLSX: ${(err as Error).message}`, { cause: err });
  }
  const blocks: Block[] = [];
  const warnings: ExtractionWarning[] = [];
  // A shared string is one value shown by many cells: normalised once, its length counted in every cell.
  const normalised = new Map<unknown, string>();
  let textChars = 0;
  let pictures = 0;
  wb.eachSheet((ws) => {
    pictures += ws.getImages().length;
    // Only the cells the file holds (a sheet can claim a million empty rows).
    const texts = new Map<string, string>();
    let rowCount = 0;
    let colCount = 0;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (x, c) => {
        if (x.type === ExcelJS.ValueType.Merge) return;
        const v = x.value as unknown;
        const key = typeof v === 'string' || (typeof v === 'object' && v !== null && 'richText' in v) ? v : null;
        let text = key === null ? undefined : normalised.get(key);
        if (text === undefined) {
          text = toModelText(toCellText(x.value, x.numFmt));
          if (key !== null) normalised.set(key, text);
        }
        textChars += text.length;
        if (textChars > MAX_SHEET_TEXT_CHARS) throw new ExtractError('too-large', `the cells of the workbook expand to more than ${MAX_SHEET_TEXT_CHARS} characters of text (MAX_SHEET_TEXT_CHARS; a long shared string repeated in many cells?)`);
        if (text === '') return;
        texts.set(`${r}:${c}`, text);
        rowCount = Math.max(rowCount, r);
        colCount = Math.max(colCount, c);
      });
    });
    if (rowCount * colCount > maxCells) {
      const kept = Math.max(1, Math.floor(maxCells / Math.max(1, colCount)));
      warnings.push({ code: 'truncated', message: `sheet "${ws.name}" spans ${rowCount} rows × ${colCount} columns; only the first ${kept} rows were read (MAX_SHEET_CELLS ${maxCells})` });
      rowCount = kept;
    }
    const merges = (ws.model.merges ?? []).map(parseRange).filter((m): m is MergeRange => m !== null);
    const rows = toSheetRows({ text: (r, c) => texts.get(`${r}:${c}`) ?? '' }, rowCount, colCount, merges);
    if (rows.length === 0) {
      warnings.push({ code: 'sheet-empty', message: `sheet "${ws.name}" holds no text` });
      return;
    }
    // A loop, not push(...): a sheet of one-cell rows is that many title blocks.
    for (const b of sheetBlocks(rows, ws.name)) blocks.push(b);
  });
  if (blocks.length === 0) {
    // A scan pasted into a workbook: pictures of the pages and no text. It needs OCR, which reads PDFs only for now.
    if (pictures > 0) throw new ExtractError('no-text-layer', `the workbook holds ${pictures} picture(s) and no text (a scan pasted into Excel): OCR reads scanned PDFs only; save it as PDF to have it read`);
    throw new ExtractError('empty', 'the workbook holds no text in any sheet');
  }
  return {
    modelVersion: DOC_MODEL_VERSION,
    format: 'xlsx',
    pageCount: null,
    pages: [],
    blocks: numberBlocks(blocks),
    metadata: { title: wb.title || null, author: wb.creator || null, producer: null, createdAt: wb.created ? wb.created.toISOString() : null },
    warnings,
  };
}

/** Title lines at the top of a sheet (one short text in the row) → paragraphs and caption; the rest → the table. */
export function sheetBlocks(rows: readonly (readonly GridCell[])[], sheet: string): Block[] {
  // A loop, not Math.max(...spread): a spread of 150 000 rows overflows the call stack.
  let width = 0;
  for (const r of rows) width = Math.max(width, r.reduce((n, c) => n + c.colspan, 0));
  const out: Block[] = [];
  let start = 0;
  while (start < rows.length - 1 && width > 1) {
    const row = rows[start]!;
    const filled = row.filter((c) => c.text !== '');
    if (filled.length !== 1 || filled[0]!.rowspan > 1 || filled[0]!.text.length > MAX_TITLE_CHARS) break;
    out.push(paragraph(filled[0]!.text));
    start++;
  }
  const body = rows.slice(start).map((r) => r.map((c) => cell(c.text, { rowspan: c.rowspan, colspan: c.colspan })));
  const caption = out.length > 0 ? (out.at(-1) as { text: string }).text : null;
  out.push(table(body, { caption, sheet }));
  return out;
}

/** Cell elements (`<c ` / `<c>`) in a worksheet's XML, counted up to just past `limit`. */
export function countCells(xml: Buffer, limit: number): number {
  let n = 0;
  for (let p = xml.indexOf('<c'); p !== -1 && n <= limit; p = xml.indexOf('<c', p + 2)) {
    const next = xml[p + 2];
    if (next === 0x20 || next === 0x3e || next === 0x2f) n++; // space, '>', '/'
  }
  return n;
}

/**
 * The <mergeCell ref="…"> elements of a worksheet's XML and the cells they
 * cover, counted in the bytes (no string of the whole part is built), up to
 * just past `maxCount` merges or `maxArea` cells.
 */
export function countMerges(xml: Buffer, maxCount: number, maxArea: number): { count: number; area: number } {
  let count = 0;
  let area = 0;
  for (let p = xml.indexOf('<mergeCell '); p !== -1 && count <= maxCount && area <= maxArea; p = xml.indexOf('<mergeCell ', p + 11)) {
    count++;
    const head = xml.subarray(p, Math.min(xml.length, p + 200)).toString('latin1');
    const range = parseRange(/\sref="([^"]*)"/.exec(head)?.[1] ?? '');
    if (range) area += (range.bottom - range.top + 1) * (range.right - range.left + 1);
  }
  return { count, area };
}
