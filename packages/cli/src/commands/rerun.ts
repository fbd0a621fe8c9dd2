import { inArray, like, or, type SQL } from 'drizzle-orm';
import { documents } from '@budget-ingest/db';
import { getDocument, runExtractStage, runParseStage } from '@budget-ingest/pipeline';
import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';
import { pad, seconds } from '../format.ts';

/** Selects documents by sha256 prefix or exact file name. */
function selection(selectors: readonly string[]): SQL | undefined {
  if (selectors.length === 0) return undefined;
  return or(...selectors.flatMap((s) => [like(documents.sha256, `${s.toLowerCase()}%`), inArray(documents.fileName, [s])]));
}

/** `reparse [SHA256|FILE…]`: re-runs parsing from the stored document models, without re-extracting. */
export async function reparseCommand(rt: Runtime, selectors: readonly string[], opts: GlobalOptions): Promise<number> {
  const ctx = await openDbContext(rt, opts);
  try {
    const rows = await ctx.handle.db
      .select({ id: documents.id, fileName: documents.fileName, status: documents.status, extractedAt: documents.extractedAt })
      .from(documents)
      .where(selection(selectors));
    const parseable = rows.filter((r) => r.extractedAt !== null && (r.status === 'extracted' || r.status === 'parsed' || r.status === 'failed'));
    if (parseable.length === 0) rt.stdout('no extracted documents to reparse');
    for (const r of parseable) {
      const o = await runParseStage(ctx.deps, r.id);
      rt.stdout(`${pad(r.fileName, 44)} ${pad(o.status, 8)} ${o.reports} report(s)  ${seconds(o.ms)}${o.errorMessage ? `  ${o.errorMessage}` : ''}`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}

/** `retry-failed`: runs extraction and parsing again for failed documents (after a fix or a new LibreOffice). */
export async function retryFailedCommand(rt: Runtime, opts: GlobalOptions & { includeUnsupported?: boolean }): Promise<number> {
  const ctx = await openDbContext(rt, opts);
  try {
    const statuses = opts.includeUnsupported ? (['failed', 'needs_ocr', 'unsupported'] as const) : (['failed'] as const);
    const rows = await ctx.handle.db.select({ id: documents.id, fileName: documents.fileName }).from(documents).where(inArray(documents.status, [...statuses]));
    if (rows.length === 0) rt.stdout('no failed documents');
    for (const r of rows) {
      let o = await runExtractStage(ctx.deps, r.id);
      if (o.status === 'extracted') o = await runParseStage(ctx.deps, r.id);
      const doc = await getDocument(ctx.deps, r.id);
      rt.stdout(`${pad(r.fileName, 44)} ${pad(doc.status, 11)} ${seconds(o.ms)}${doc.errorMessage ? `  ${doc.errorMessage}` : ''}`);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
