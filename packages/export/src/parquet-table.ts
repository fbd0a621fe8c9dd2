import { ByteWriter, parquetWrite, schemaFromColumnData } from 'hyparquet-writer';
import { kindOf, type ColumnInfo, type TableData } from './read-table.ts';

type SchemaElement = Parameters<typeof schemaFromColumnData>[0]['schemaOverrides'] extends Record<string, infer E> | undefined ? E : never;
type BasicType = 'STRING' | 'INT32' | 'INT64' | 'BOOLEAN' | 'JSON' | 'DOUBLE';

/** Money in the schema: numeric(20,2), yuan. */
const MONEY = { precision: 20, scale: 2 } as const;

/** The most digits a Parquet DECIMAL (and duckdb, pandas' decimal128) holds. */
const MAX_PRECISION = 38;

/**
 * A table as Parquet with real types: numeric(20,2) money as DECIMAL(20,2), an undeclared numeric
 * as DECIMAL(20,2) when its values fit, else DECIMAL(38, s) with s the largest scale among them (exact, never a float), integers as
 * INT32/INT64, dates as DATE, timestamps as UTC TIMESTAMP(MILLIS), lists and JSON as JSON text.
 */
export function toParquet(data: TableData): Uint8Array {
  const overrides: Record<string, SchemaElement> = {};
  const columnData = data.columns.map((c) => {
    const values = data.rows.map((r) => r[c.name] ?? null);
    const kind = kindOf(c);
    if (kind === 'decimal') {
      const decimal = decimalShape(c, values as (string | null)[]);
      if (decimal) {
        overrides[c.name] = { name: c.name, repetition_type: 'OPTIONAL', type: 'FIXED_LEN_BYTE_ARRAY', type_length: bytesFor(decimal.precision), converted_type: 'DECIMAL', precision: decimal.precision, scale: decimal.scale, logical_type: { type: 'DECIMAL', precision: decimal.precision, scale: decimal.scale } };
        return { name: c.name, data: values.map((v) => (v === null ? null : unscaled(v as string, decimal.scale))) };
      }
      return { name: c.name, data: values, type: 'STRING' as BasicType };
    }
    if (kind === 'date') {
      overrides[c.name] = { name: c.name, repetition_type: 'OPTIONAL', type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } };
      return { name: c.name, data: values.map((v) => (v === null ? null : Math.round(Date.parse(`${v as string}T00:00:00Z`) / 86_400_000))) };
    }
    if (kind === 'timestamp') {
      overrides[c.name] = { name: c.name, repetition_type: 'OPTIONAL', type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } };
      return { name: c.name, data: values.map((v) => (v === null ? null : BigInt(Date.parse(v as string)))) };
    }
    const type: BasicType = kind === 'int32' ? 'INT32' : kind === 'int64' ? 'INT64' : kind === 'boolean' ? 'BOOLEAN' : kind === 'double' ? 'DOUBLE' : kind === 'json' ? 'JSON' : 'STRING';
    return { name: c.name, data: kind === 'int64' ? values.map((v) => (v === null ? null : BigInt(String(v)))) : kind === 'double' ? values.map((v) => (v === null ? null : Number(v))) : values, type };
  });
  const schema = schemaFromColumnData({ columnData: columnData.map((c) => (overrides[c.name] ? { name: c.name, data: c.data } : c)), schemaOverrides: overrides });
  const writer = new ByteWriter();
  parquetWrite({ writer, schema, columnData: columnData.map((c) => ({ name: c.name, data: c.data })), kvMetadata: [{ key: 'budget-ingest.note', value: 'money is DECIMAL(20,2) in yuan; every numeric is an exact DECIMAL' }] });
  return new Uint8Array(writer.getBuffer());
}

/**
 * numeric(p,s) as declared; an undeclared numeric (a view's pivot, sum or ratio) as DECIMAL(20,2) when
 * every value fits it, else DECIMAL(38, largest scale seen); null when a value does not fit at all.
 */
function decimalShape(c: ColumnInfo, values: readonly (string | null)[]): { precision: number; scale: number } | null {
  if (c.precision !== null && c.scale !== null && c.precision <= MAX_PRECISION) return { precision: c.precision, scale: c.scale };
  let scale = 0;
  let intDigits = 1;
  for (const v of values) {
    if (v === null) continue;
    if (!/^-?\d+(\.\d+)?$/.test(v)) return null; // NaN, Infinity
    const [int, frac = ''] = v.replace('-', '').split('.');
    scale = Math.max(scale, frac.length);
    intDigits = Math.max(intDigits, int!.replace(/^0+(?=\d)/, '').length);
  }
  // A view's column computed from money (a pivot, a sum) loses numeric(20,2) on the way: what fits the money type gets it.
  if (scale <= MONEY.scale && intDigits <= MONEY.precision - MONEY.scale) return MONEY;
  return intDigits + scale <= MAX_PRECISION ? { precision: MAX_PRECISION, scale } : null;
}

/** "-123.4" at scale 2 → -12340n, from the decimal text itself (no float on the way). */
export function unscaled(text: string, scale: number): bigint {
  const negative = text.startsWith('-');
  const [int, frac = ''] = text.replace('-', '').split('.');
  if (frac.length > scale) throw new Error(`${text} has more than ${scale} decimal places`);
  const digits = BigInt(`${int}${frac.padEnd(scale, '0')}`);
  return negative ? -digits : digits;
}

/** Bytes of a two's-complement integer holding any number of `precision` digits. */
function bytesFor(precision: number): number {
  return Math.ceil((Math.log2(10 ** precision) + 1) / 8);
}
