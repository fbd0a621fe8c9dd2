import { resolve } from 'node:path';
import { EXPORTABLE, exportCorrections, exportJson, exportPublications, exportTable } from '@budget-ingest/export';
import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';

export interface ExportOptions extends GlobalOptions {
  readonly format: string;
  readonly out: string;
  readonly table?: string;
  readonly by?: string;
  readonly corrections?: boolean;
}

/**
 * `export --format json --out DIR`: one `<original file name>.json` per document, in the shape of GOLD.md.
 * `export --corrections`: the reviewers' corrections alone, as corrections.json.
 * `export --by publication`: one `publication-<id>.json` per publication (a report whatever files it came in), merged.
 * `export --format csv|parquet --table VIEW --out DIR`: a table or view for spreadsheets and pandas.
 */
export async function exportCommand(rt: Runtime, opts: ExportOptions): Promise<number> {
  const out = resolve(rt.cwd, opts.out);
  if (opts.format !== 'json' && !opts.table) {
    rt.stderr(`budget-ingest export: --format ${opts.format} needs --table (one of: ${EXPORTABLE.join(', ')})`);
    return 2;
  }
  if (opts.table && !EXPORTABLE.includes(opts.table)) {
    rt.stderr(`budget-ingest export: unknown table or view "${opts.table}" (one of: ${EXPORTABLE.join(', ')})`);
    return 2;
  }
  const ctx = await openDbContext(rt, opts);
  try {
    if (opts.format === 'json' && opts.corrections) {
      const { path, corrections, orphaned } = await exportCorrections(ctx.handle.db, out);
      rt.stdout(`wrote ${corrections} correction(s) (${orphaned} orphaned) to ${path}`);
    } else if (opts.format === 'json' && opts.by === 'publication') {
      const { written } = await exportPublications(ctx.handle.db, out);
      rt.stdout(`wrote ${written.length} publication(s) to ${out}`);
    } else if (opts.format === 'json') {
      const { written } = await exportJson(ctx.handle.db, out);
      rt.stdout(`wrote ${written.length} file(s) to ${out}`);
    } else {
      const { path, rows } = await exportTable(ctx.handle.db, opts.table!, opts.format as 'csv' | 'parquet', out);
      rt.stdout(`wrote ${rows} row(s) to ${path}`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
