import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { ByteWriter, parquetWrite } from 'hyparquet-writer';
import { rowsOf, SCHEMA_DOCS, VIEW_DOCS, type Db } from '@budget-ingest/db';

export type TableFormat = 'csv' | 'parquet';

/** Tables and views a user may export: the documented ones, nothing else reaches the SQL. */
export const EXPORTABLE = [...Object.keys(VIEW_DOCS), ...Object.keys(SCHEMA_DOCS)].filter((t) => t !== 'document_contents');

interface ColumnInfo {
  readonly name: string;
  readonly dataType: string;
}

type ParquetType = 'STRING' | 'INT32' | 'INT64' | 'BOOLEAN' | 'JSON';

/**
 * Exports a table or view as CSV or Parquet. Money and other numerics leave
 * as exact decimal strings (never floats); integers as integers; arrays and
 * JSON as JSON text.
 */
export async function exportTable(db: Db, table: string, format: TableFormat, outDir: string): Promise<{ path: string; rows: number }> {
  if (!EXPORTABLE.includes(table)) throw new Error(`unknown table or view "${table}"; exportable: ${EXPORTABLE.join(', ')}`);
  const columns = rowsOf<{ column_name: string; data_type: string }>(
    await db.execute(sql`SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table} ORDER BY ordinal_position`),
  ).map((c): ColumnInfo => ({ name: c.column_name, dataType: c.data_type }));
  // Everything that is not a plain integer or boolean is read as text, so no driver turns it into a float or a local-time Date.
  const select = columns.map((c) => (parquetType(c) === 'INT32' || parquetType(c) === 'BOOLEAN' ? `"${c.name}"` : `"${c.name}"::text AS "${c.name}"`)).join(', ');
  const rows = rowsOf<Record<string, unknown>>(await db.execute(sql.raw(`SELECT ${select} FROM "${table}"`)));
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, `${table}.${format}`);
  if (format === 'csv') {
    await writeFile(path, stringify(rows, { header: true, columns: columns.map((c) => c.name), cast: { boolean: (b) => (b ? 'true' : 'false') } }));
  } else {
    const writer = new ByteWriter();
    parquetWrite({
      writer,
      columnData: columns.map((c) => {
        const type = parquetType(c);
        const data = rows.map((r) => toParquetValue(r[c.name], type));
        return { name: c.name, data, type };
      }),
      kvMetadata: [{ key: 'budget-ingest.note', value: 'numeric columns are exact decimal strings' }],
    });
    await writeFile(path, new Uint8Array(writer.getBuffer()));
  }
  return { path, rows: rows.length };
}

function parquetType(c: ColumnInfo): ParquetType {
  switch (c.dataType) {
    case 'integer':
    case 'smallint':
      return 'INT32';
    case 'bigint':
      return 'INT64';
    case 'boolean':
      return 'BOOLEAN';
    case 'ARRAY':
    case 'jsonb':
    case 'json':
      return 'JSON';
    default:
      return 'STRING';
  }
}

function toParquetValue(v: unknown, type: ParquetType): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'INT64') return BigInt(String(v));
  if (type === 'JSON') return typeof v === 'string' ? JSON.parse(pgArrayToJson(v)) : v;
  return v;
}

/** `{a,b}` text of a Postgres array → JSON text; JSON text passes through. */
function pgArrayToJson(text: string): string {
  if (!text.startsWith('{')) return text;
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    const inner = text.slice(1, -1);
    if (inner === '') return '[]';
    const items = inner.match(/("([^"\\]|\\.)*"|[^,]+)/g) ?? [];
    return JSON.stringify(items.map((i) => (i.startsWith('"') ? JSON.parse(i) : i === 'NULL' ? null : /^-?\d+$/.test(i) ? Number(i) : i)));
  }
}
