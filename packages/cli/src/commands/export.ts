import { resolve } from 'node:path';
import { EXPORTABLE, exportCorrections, exportJson, exportPublications, exportTable, renderTable, type TableFormat } from '@budget-ingest/export';
import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';

export interface ExportOptions extends GlobalOptions {
  readonly format: string;
  readonly out: string;
  readonly table?: readonly string[];
  readonly by?: string;
  readonly corrections?: boolean;
  readonly bom?: boolean;
  readonly rawFormulas?: boolean;
}

/** Where `--out -` writes: stdout's bytes (a CSV, JSON lines or a Parquet file piped on). */
export interface RawOut {
  write(body: string | Uint8Array): Promise<void>;
}

/**
 * `export --format json --out DIR`: one `<original file name>.json` per document, in the shape of GOLD.md.
 * `export --corrections`: the reviewers' corrections alone, as corrections.json.
 * `export --by publication`: one `publication-<id>.json` per publication (a report whatever files it came in), merged.
 * `export --format csv|parquet|json --table VIEW… --out DIR|-`: tables or views for spreadsheets, pandas and duckdb
 * (json: one JSON object per row); `--out -` writes one table to stdout.
 */
export async function exportCommand(rt: Runtime, opts: ExportOptions, rawOut?: RawOut): Promise<number> {
  const tables = opts.table ?? [];
  const usage = (msg: string) => {
    rt.stderr(`budget-ingest export: ${msg}`);
    return 2;
  };
  if (opts.corrections && tables.length > 0) return usage('--corrections writes corrections.json to a folder, not with --table');
  if (opts.format !== 'json' && tables.length === 0) return usage(`--format ${opts.format} needs --table (one of: ${EXPORTABLE.join(', ')})`);
  const unknown = tables.find((t) => !EXPORTABLE.includes(t));
  if (unknown) return usage(`unknown table or view "${unknown}" (one of: ${EXPORTABLE.join(', ')})`);
  const toStdout = opts.out === '-';
  if (toStdout && tables.length !== 1) return usage('--out - writes one table to stdout: give exactly one --table (documents and publications go to a folder)');
  if (toStdout && opts.format === 'parquet' && rt.stdoutIsTty) return usage('--out - with parquet writes binary: pipe it to a file or program');
  if (opts.by === 'publication' && tables.length > 0) return usage('--by publication is for the JSON export of documents, not with --table');
  const format: TableFormat = opts.format === 'json' ? 'jsonl' : (opts.format as TableFormat);
  const csv = { ...(opts.bom ? { bom: true } : {}), ...(opts.rawFormulas ? { rawFormulas: true } : {}) };
  const ctx = await openDbContext(rt, opts);
  try {
    if (toStdout) {
      const { body } = await renderTable(ctx.handle.db, tables[0]!, format, csv);
      if (rawOut) await rawOut.write(body);
      else rt.stdout((typeof body === 'string' ? body : Buffer.from(body).toString('latin1')).replace(/\n$/, ''));
      return 0;
    }
    const out = resolve(rt.cwd, opts.out);
    if (tables.length > 0) {
      for (const table of tables) {
        const { path, rows } = await exportTable(ctx.handle.db, table, format, out, csv);
        rt.stdout(`wrote ${rows} row(s) to ${path}`);
      }
    } else if (opts.corrections) {
      const { path, corrections, orphaned } = await exportCorrections(ctx.handle.db, out);
      rt.stdout(`wrote ${corrections} correction(s) (${orphaned} orphaned) to ${path}`);
    } else if (opts.by === 'publication') {
      const { written } = await exportPublications(ctx.handle.db, out);
      rt.stdout(`wrote ${written.length} publication(s) to ${out}`);
    } else {
      const { written } = await exportJson(ctx.handle.db, out);
      rt.stdout(`wrote ${written.length} file(s) to ${out}`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
