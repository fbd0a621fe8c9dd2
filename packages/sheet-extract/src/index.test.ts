import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { extractErrorOf } from '@budget-ingest/doc-model/testing';
import { DEFAULT_EXTRACT_LIMITS, toTextGrid, type TableBlock } from '@budget-ingest/doc-model';
import { writeZip } from '@budget-ingest/docx-extract/testing';
import { extractSheet } from './index.ts';
import { sheetXlsx } from './testing.ts';

const opts = { limits: DEFAULT_EXTRACT_LIMITS };

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('extractSheet', () => {
  it('reads the lusong self-evaluation spreadsheet as a table with its merged cells', async () => {
    const bytes = new Uint8Array(await readFile(new URL('../../../test/fixtures/corpus/docs/lusong-2023-table.xlsx', import.meta.url)));
    const m = await extractSheet(bytes, opts);
    expect(m.format).toBe('xlsx');
    expect(m.blocks[0]).toMatchObject({ kind: 'paragraph', text: '2023年度部门(单位)整体支出绩效自评表' });
    const t = m.blocks[1] as TableBlock;
    expect(t).toMatchObject({ kind: 'table', sheet: 'Sheet1', caption: '2023年度部门(单位)整体支出绩效自评表' });
    const grid = toTextGrid(t);
    expect(grid).toHaveLength(23);
    expect(grid.every((r) => r.length === 9)).toBe(true);
    expect(t.rows[0]).toMatchObject([{ text: '区级预算单位名称', colspan: 2 }, { text: '株洲市芦淞区医疗保障局', colspan: 7 }]);
    expect(t.rows[1]![0]).toMatchObject({ text: '年度预算申请(万元)', rowspan: 7 });
    expect(grid[2]).toEqual(['年度预算申请(万元)', '年度资金总额', '年度资金总额', '648.01', '346.26', '313.33', '10', '90.49%', '9']);
    const header = grid.findIndex((r) => r[1] === '一级指标');
    expect(t.rows[header]![0]).toMatchObject({ text: '绩效指标', rowspan: 12 });
    expect(grid[header + 1]).toEqual(['绩效指标', '产出指标(40分)', '数量指标', '城乡居民基本医保参保人数', '16.58万', '16.61万', '25', '25', '']);
    expect(grid[header + 3]!.slice(1, 4)).toEqual(['产出指标(40分)', '时效指标', '执行期间']);
    expect(grid.at(-1)).toEqual(['总分', '总分', '总分', '总分', '总分', '总分', '100', '96', '96']);
  });

  it('makes every sheet a table, shows numbers through their format and warns about empty sheets', async () => {
    const bytes = await workbook((wb) => {
      const a = wb.addWorksheet('收支');
      a.addRow(['单位:万元']);
      a.addRow(['项目', '预算数', '执行率']);
      a.addRow(['基本支出', 126.15, 0.9049]);
      a.getCell('C3').numFmt = '0.00%';
      a.getCell('B3').numFmt = '#,##0.00';
      a.mergeCells('A1:C1');
      wb.addWorksheet('空白');
      const b = wb.addWorksheet('指标');
      b.addRow(['产出指标', '数量指标']);
      b.addRow([null, '质量指标']);
      b.mergeCells('A1:A2');
    });
    const m = await extractSheet(bytes, opts);
    const ts = m.blocks.filter((x): x is TableBlock => x.kind === 'table');
    expect(ts.map((t) => t.sheet)).toEqual(['收支', '指标']);
    expect(ts[0]!.caption).toBe('单位:万元');
    expect(toTextGrid(ts[0]!)).toEqual([['项目', '预算数', '执行率'], ['基本支出', '126.15', '90.49%']]);
    expect(ts[1]!.rows[0]![0]).toMatchObject({ text: '产出指标', rowspan: 2 });
    expect(m.warnings.map((w) => w.code)).toEqual(['sheet-empty']);
  });

  it('reads only the first rows of a sheet that spans more cells than allowed, with a warning', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('大表');
      ws.getCell('A1').value = '表头';
      ws.getCell('A2').value = '第二行';
      ws.getCell('J500000').value = '远处的单元格';
    });
    const m = await extractSheet(bytes, { ...opts, maxSheetCells: 20 });
    const t = m.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    expect(toTextGrid(t).map((r) => r[0])).toEqual(['表头', '第二行']);
    expect(m.warnings.map((w) => w.code)).toEqual(['truncated']);
  });

  it('fails fast on a zip-bomb XLSX before the spreadsheet library inflates it', async () => {
    const bomb = writeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/worksheets/sheet1.xml', data: new Uint8Array(64 * 1024 * 1024), declaredSize: 4096 },
    ]);
    const start = performance.now();
    const err = await extractErrorOf(extractSheet(bomb, opts));
    expect(err.code).toBe('zip-bomb');
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('refuses a workbook whose XML declares entities', async () => {
    const bytes = writeZip([
      { name: 'xl/workbook.xml', data: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><workbook/>' },
    ]);
    const err = await extractErrorOf(extractSheet(bytes, opts));
    expect(err.code).toBe('corrupt');
    expect(err.message).toMatch(/entit/);
  });

  it('calls bytes that are not a workbook corrupt', async () => {
    expect((await extractErrorOf(extractSheet(writeZip([{ name: 'a.txt', data: 'x' }]), opts))).code).toBe('corrupt');
    expect((await extractErrorOf(extractSheet(new TextEncoder().encode('not a zip'), opts))).code).toBe('corrupt');
  });
});

describe('a workbook holding only pictures', () => {
  it('is a scan pasted into Excel: it needs OCR', async () => {
    // The smallest PNG there is: one white pixel.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGP4DwABAQEAWk1v8QAAAABJRU5ErkJggg==', 'base64');
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('扫描件');
      ws.addImage(wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' }), 'A1:H40');
    });
    expect(await extractErrorOf(extractSheet(bytes, opts))).toMatchObject({ code: 'no-text-layer', status: 'needs_ocr', message: expect.stringContaining('1 picture(s) and no text') });
  });
});

describe('large sheets', () => {
  it('reads a sheet of 150 000 rows × 2 columns (no call-stack overflow)', async () => {
    const { bigSheetXlsx } = await import('../../../test/support/hostile-files.ts');
    const m = await extractSheet(bigSheetXlsx(150_000, 2), opts);
    const t = m.blocks.find((b) => b.kind === 'table') as TableBlock;
    expect(t.rows).toHaveLength(150_000);
  }, 120_000);

  it('fails a sheet over MAX_SHEET_CELLS with too-large before loading it', async () => {
    const { bigSheetXlsx } = await import('../../../test/support/hostile-files.ts');
    const bytes = bigSheetXlsx(1_000_000, 2);
    const before = process.memoryUsage().rss;
    const err = await extractErrorOf(extractSheet(bytes, opts));
    expect(err).toMatchObject({ code: 'too-large', message: expect.stringMatching(/MAX_SHEET_CELLS/) });
    expect(process.memoryUsage().rss - before).toBeLessThan(500 * 1024 * 1024);
  }, 120_000);

  it('reads a sheet of 150 000 one-cell title rows above a two-column row (no spread of its blocks)', async () => {
    let data = '';
    for (let r = 1; r <= 150_000; r++) data += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>标题${r}</t></is></c></row>`;
    data += '<row r="150001"><c r="A150001"><v>1</v></c><c r="B150001"><v>2</v></c></row>';
    const m = await extractSheet(sheetXlsx(data), opts);
    expect(m.blocks.filter((b) => b.kind === 'paragraph')).toHaveLength(150_000);
  }, 120_000);

  it('fails a shared string of 1 MB shown by 60 000 cells as too-large in seconds, before its text is built', async () => {
    const { sharedStringBombXlsx } = await import('../../../test/support/hostile-files.ts');
    const bytes = sharedStringBombXlsx(60_000, 1_000_000);
    const started = performance.now();
    const err = await extractErrorOf(extractSheet(bytes, opts));
    expect(err).toMatchObject({ code: 'too-large', message: expect.stringMatching(/MAX_SHEET_TEXT_CHARS/) });
    expect(performance.now() - started).toBeLessThan(15_000);
  }, 120_000);

  it('still reads a shared string repeated in many cells when the text stays under the ceiling', async () => {
    let data = '';
    for (let r = 1; r <= 1000; r++) data += `<row r="${r}"><c r="A${r}" t="s"><v>0</v></c><c r="B${r}"><v>${r}</v></c></row>`;
    const m = await extractSheet(sheetXlsx(data, { sharedStrings: '<si><t>办公费</t></si>' }), opts);
    const grid = toTextGrid(m.blocks.find((b) => b.kind === 'table') as TableBlock);
    expect(grid).toHaveLength(1000);
    expect(grid[999]).toEqual(['办公费', '1000']);
  });

  it('fails a merge over the whole sheet, or more merges than MAX_SHEET_MERGES, as too-large before loading', async () => {
    const cells = '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>';
    const started = performance.now();
    const whole = await extractErrorOf(extractSheet(sheetXlsx(cells, { mergeCells: '<mergeCell ref="A1:XFD1048576"/>' }), opts));
    expect(whole).toMatchObject({ code: 'too-large', message: expect.stringMatching(/merged ranges.*MAX_SHEET_CELLS/) });
    let many = '';
    for (let r = 2; r <= 25_002; r++) many += `<mergeCell ref="A${r}:B${r}"/>`;
    const count = await extractErrorOf(extractSheet(sheetXlsx(cells, { mergeCells: many }), opts));
    expect(count).toMatchObject({ code: 'too-large', message: expect.stringMatching(/MAX_SHEET_MERGES/) });
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 60_000);
});
