import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '@budget-ingest/db';
import { toCsv, type CsvOptions } from './csv-table.ts';
import { toParquet } from './parquet-table.ts';
import { readTable, type TableData } from './read-table.ts';

export { EXPORTABLE } from './read-table.ts';

/** csv and parquet files; jsonl: one JSON object per row (numbers as exact decimal strings, lists and JSON nested). */
export type TableFormat = 'csv' | 'parquet' | 'jsonl';

export type TableExportOptions = CsvOptions;

/** A table or view in a format, as bytes or text ready to write to a file or stdout. */
export async function renderTable(db: Db, table: string, format: TableFormat, opts: TableExportOptions = {}): Promise<{ body: string | Uint8Array; rows: number }> {
  const data = await readTable(db, table);
  return { body: renderData(data, format, opts), rows: data.rows.length };
}

function renderData(data: TableData, format: TableFormat, opts: TableExportOptions): string | Uint8Array {
  if (format === 'csv') return toCsv(data, opts);
  if (format === 'parquet') return toParquet(data);
  return data.rows.map((r) => JSON.stringify(r)).join('\n') + (data.rows.length ? '\n' : '');
}

/** Exports a table or view as `<table>.csv`, `.parquet` or `.jsonl` in outDir. */
export async function exportTable(db: Db, table: string, format: TableFormat, outDir: string, opts: TableExportOptions = {}): Promise<{ path: string; rows: number }> {
  const { body, rows } = await renderTable(db, table, format, opts);
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, `${table}.${format}`);
  await writeFile(path, body);
  return { path, rows };
}
