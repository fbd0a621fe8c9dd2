import { stringify } from 'csv-stringify/sync';
import { kindOf, type TableData } from './read-table.ts';

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark, so Excel (Chinese Windows included) reads the file as UTF-8. */
  readonly bom?: boolean;
  /** Keep text cells that begin with = + - @ as they are (by default they are escaped, see below). */
  readonly rawFormulas?: boolean;
}

/** A spelled-out CSV column: its header and how to read its cell from a row. */
interface CsvColumn {
  readonly header: string;
  readonly cell: (row: Record<string, unknown>) => unknown;
  readonly text: boolean;
}

/**
 * A table as CSV. JSON and list cells are spelled out as columns of their own: an object by key
 * (`anchor.block`, `anchor.row`, `anchor.cell`), a list by position (`path.1`, `path.2` …, `bbox.1`
 * … `bbox.4`). A column whose objects or lists hold further objects or lists (`values_involved`,
 * a source's `config`) is left to the JSON export. Numbers stay exact decimal strings.
 *
 * A text cell that begins with = + - @ (or a tab or carriage return) is written with a leading `'`,
 * so a spreadsheet shows it as text instead of running it as a formula (OWASP "CSV injection");
 * `rawFormulas` keeps such cells as they are.
 */
export function toCsv(data: TableData, opts: CsvOptions = {}): string {
  const columns = data.columns.flatMap((c): CsvColumn[] => {
    const kind = kindOf(c);
    if (kind !== 'json') return [{ header: c.name, cell: (r) => r[c.name], text: kind === 'text' }];
    return spellOut(c.name, data.rows.map((r) => r[c.name]));
  });
  const rows = data.rows.map((r) =>
    columns.map((col) => {
      const v = col.cell(r);
      if (v === null || v === undefined) return null;
      const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
      return col.text && typeof v === 'string' && !opts.rawFormulas ? neutralizeFormula(s) : s;
    }),
  );
  const body = stringify([columns.map((c) => c.header), ...rows], { cast: { boolean: (b) => (b ? 'true' : 'false') } });
  return opts.bom ? `\uFEFF${body}` : body;
}

/** OWASP: a cell a spreadsheet would take as a formula gets a leading apostrophe. */
export function neutralizeFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function spellOut(name: string, values: readonly unknown[]): CsvColumn[] {
  const present = values.filter((v) => v !== null && v !== undefined);
  const nested = (v: unknown) => v !== null && typeof v === 'object';
  if (present.every((v) => Array.isArray(v))) {
    const lists = present as unknown[][];
    if (lists.some((l) => l.some(nested))) return [];
    const width = Math.max(0, ...lists.map((l) => l.length));
    return Array.from({ length: width }, (_, i) => ({ header: `${name}.${i + 1}`, cell: (r) => (r[name] as unknown[] | null)?.[i] ?? null, text: true }));
  }
  if (present.every((v) => nested(v) && !Array.isArray(v))) {
    const objects = present as Record<string, unknown>[];
    if (objects.some((o) => Object.values(o).some(nested))) return [];
    const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
    return keys.map((k) => ({ header: `${name}.${k}`, cell: (r) => (r[name] as Record<string, unknown> | null)?.[k] ?? null, text: true }));
  }
  // Scalars (a JSON string or number): one column as it is.
  return [{ header: name, cell: (r) => r[name], text: true }];
}
