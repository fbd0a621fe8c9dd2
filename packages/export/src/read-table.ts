import { sql } from 'drizzle-orm';
import { rowsOf, SCHEMA_DOCS, VIEW_DOCS, type Db } from '@budget-ingest/db';

/** Tables and views a user may export: the documented ones, nothing else reaches the SQL. */
export const EXPORTABLE = [...Object.keys(VIEW_DOCS), ...Object.keys(SCHEMA_DOCS)].filter((t) => t !== 'document_contents');

/** A column as information_schema states it (a numeric's precision and scale only when declared, e.g. numeric(20,2)). */
export interface ColumnInfo {
  readonly name: string;
  readonly dataType: string;
  readonly precision: number | null;
  readonly scale: number | null;
}

export interface TableData {
  readonly table: string;
  readonly columns: readonly ColumnInfo[];
  /** Values as read: integers and booleans as such, lists and JSON as parsed JSON, everything else as Postgres's exact text. */
  readonly rows: readonly Record<string, unknown>[];
}

export type ColumnKind = 'int32' | 'int64' | 'boolean' | 'decimal' | 'double' | 'date' | 'timestamp' | 'json' | 'text';

export function kindOf(c: ColumnInfo): ColumnKind {
  switch (c.dataType) {
    case 'integer':
    case 'smallint':
      return 'int32';
    case 'bigint':
      return 'int64';
    case 'boolean':
      return 'boolean';
    case 'numeric':
      return 'decimal';
    case 'double precision':
    case 'real':
      return 'double';
    case 'date':
      return 'date';
    case 'timestamp with time zone':
    case 'timestamp without time zone':
      return 'timestamp';
    case 'ARRAY':
    case 'jsonb':
    case 'json':
      return 'json';
    default:
      return 'text';
  }
}

/** Reads a table or view with its column types; nothing is read through a JS float or a local-time Date. */
export async function readTable(db: Db, table: string): Promise<TableData> {
  if (!EXPORTABLE.includes(table)) throw new Error(`unknown table or view "${table}"; exportable: ${EXPORTABLE.join(', ')}`);
  const columns = rowsOf<{ column_name: string; data_type: string; numeric_precision: number | null; numeric_scale: number | null }>(
    await db.execute(
      sql`SELECT column_name, data_type, numeric_precision, numeric_scale FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table} ORDER BY ordinal_position`,
    ),
  ).map((c): ColumnInfo => ({ name: c.column_name, dataType: c.data_type, precision: c.numeric_precision === null ? null : Number(c.numeric_precision), scale: c.numeric_scale === null ? null : Number(c.numeric_scale) }));
  const select = columns
    .map((c) => {
      const kind = kindOf(c);
      if (kind === 'int32' || kind === 'boolean') return `"${c.name}"`;
      // Lists and JSON as JSON text (a Postgres array too), parsed below; a timestamp in UTC, ISO 8601.
      if (kind === 'json') return `to_jsonb("${c.name}")::text AS "${c.name}"`;
      if (kind === 'timestamp') return `to_char("${c.name}" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "${c.name}"`;
      return `"${c.name}"::text AS "${c.name}"`;
    })
    .join(', ');
  const raw = rowsOf<Record<string, unknown>>(await db.execute(sql.raw(`SELECT ${select} FROM "${table}"`)));
  const jsonColumns = columns.filter((c) => kindOf(c) === 'json').map((c) => c.name);
  const rows = raw.map((r) => {
    const row = { ...r };
    for (const name of jsonColumns) if (typeof row[name] === 'string') row[name] = JSON.parse(row[name]);
    return row;
  });
  return { table, columns, rows };
}
