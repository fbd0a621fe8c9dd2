import type { ColumnRole } from './columns.ts';
import { toCompactText } from '@budget-ingest/doc-model';
import type { Printed } from '../figures/money.ts';
import type { RecognisedTable, TableRow } from './recognise.ts';

/** Leading numbering and 其中 of a row label ("一、", "1.", "（一）", "其中："). */
export function bareLabel(label: string): string {
  return toCompactText(label)
    .replace(/^(其中[:：]?)/, '')
    .replace(/^([一二三四五六七八九十]+[、.．]|\d+[、.．]|\([一二三四五六七八九十\d]+\))/, '');
}

/** A 合计/总计 row of a table whose rows are codes. */
export function isGrandTotalRow(row: TableRow): boolean {
  return row.code === null && /^(合计|总计|本年(支出|收入)合计|支出合计|收入合计)$/.test(bareLabel(row.label));
}

/** The figure in the row's first column of the given role (on the row's side of the table). */
export function valueOf(table: RecognisedTable, row: TableRow, role: ColumnRole): Printed | null {
  for (const c of table.columns) {
    if (c.role !== role) continue;
    const v = row.values.get(c.index);
    if (v) return v;
  }
  return null;
}

/** The figure in the row's main column: the first 'total' column, else the first figure. */
export function mainValue(table: RecognisedTable, row: TableRow): Printed | null {
  return valueOf(table, row, 'total') ?? [...row.values.entries()].sort((a, b) => a[0] - b[0])[0]?.[1] ?? null;
}

/** The table's 合计 row, or for a table with only one row of figures and no labels (支出预算总表 of some provinces), that row. */
export function grandTotalRow(table: RecognisedTable): TableRow | null {
  const explicit = table.rows.find(isGrandTotalRow);
  if (explicit) return explicit;
  if (table.rows.some((r) => r.code !== null)) return null;
  return table.rows.find((r) => r.label === '' && r.values.size > 0) ?? null;
}

/** Rows that carry a functional (2xx) or economic (3xx/5xx) code. */
export function codedRows(table: RecognisedTable, first: '2' | '3' | '5' | null = null): TableRow[] {
  return table.rows.filter((r) => r.code !== null && (first === null || r.code.startsWith(first)));
}

/** True when every figure of the row is blank or zero (not a line, per GOLD.md). */
export function isEmptyRow(row: TableRow): boolean {
  return [...row.values.values()].every((p) => p.value.isZero());
}

/** Names without （类）（款）（项） markers, and a 类 name without its trailing 支出. */
export function cleanName(name: string, stripSpending: boolean): string {
  const n = toCompactText(name).replace(/\((\d*)(类|款|项)\)/g, '');
  return stripSpending ? n.replace(/支出$/, '') : n;
}
