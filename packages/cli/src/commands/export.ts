import { resolve } from 'node:path';
import { exportJson } from '@budget-ingest/pipeline';
import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';

export interface ExportOptions extends GlobalOptions {
  readonly format: string;
  readonly out: string;
}

/** `export --format json --out DIR`: one `<original file name>.json` per document, in the shape of GOLD.md. */
export async function exportCommand(rt: Runtime, opts: ExportOptions): Promise<number> {
  if (opts.format !== 'json') {
    rt.stderr(`budget-ingest export: --format ${opts.format} is not supported yet (supported: json)`);
    return 2;
  }
  const ctx = await openDbContext(rt, opts);
  try {
    const { written } = await exportJson(ctx.handle.db, resolve(rt.cwd, opts.out));
    rt.stdout(`wrote ${written.length} file(s) to ${resolve(rt.cwd, opts.out)}`);
    return 0;
  } finally {
    await ctx.close();
  }
}
