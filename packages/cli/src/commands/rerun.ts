import { inArray, like, or, type SQL } from 'drizzle-orm';
import { assertQueueMode } from '@budget-ingest/config';
import { documents, type DocumentStatus } from '@budget-ingest/db';
import { enqueueExtract, enqueueParse, findOrphans, getDocument, requeueOrphans, runExtractStage, runParseStage, withQueues, type Enqueued } from '@budget-ingest/pipeline';
import { followJobs, whileRedisDown } from '../follow-jobs.ts';
import { openDbContext, type DbContext, type GlobalOptions, type Runtime } from '../context.ts';
import { pad, seconds } from '../format.ts';

export interface RerunOptions extends GlobalOptions {
  /** With REDIS_URL: follow the queued jobs until every document is done. */
  readonly wait?: boolean;
}

interface Selected {
  readonly id: number;
  readonly fileName: string;
  readonly sha256: string;
}

/** Selects documents by sha256 prefix or exact file name. */
function selection(selectors: readonly string[]): SQL | undefined {
  if (selectors.length === 0) return undefined;
  return or(...selectors.flatMap((s) => [like(documents.sha256, `${s.toLowerCase()}%`), inArray(documents.fileName, [s])]));
}

/** `reparse [SHA256|FILE…]`: re-runs parsing from the stored document models, without re-extracting. */
export async function reparseCommand(rt: Runtime, selectors: readonly string[], opts: RerunOptions): Promise<number> {
  const ctx = await openDbContext(rt, opts);
  try {
    const rows = await ctx.handle.db
      .select({ id: documents.id, fileName: documents.fileName, sha256: documents.sha256, status: documents.status, extractedAt: documents.extractedAt })
      .from(documents)
      .where(selection(selectors));
    const parseable = rows.filter((r) => r.extractedAt !== null && (r.status === 'extracted' || r.status === 'parsed' || r.status === 'out_of_scope' || r.status === 'failed'));
    if (parseable.length === 0) {
      rt.stdout('no extracted documents to reparse');
      return 0;
    }
    if (ctx.config.redisUrl) return await rerunThroughQueues(rt, ctx, parseable, 'parse', opts);
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
export async function retryFailedCommand(rt: Runtime, opts: RerunOptions & { includeUnsupported?: boolean }): Promise<number> {
  const ctx = await openDbContext(rt, opts);
  try {
    const statuses: DocumentStatus[] = opts.includeUnsupported ? ['failed', 'needs_ocr', 'unsupported'] : ['failed'];
    // The embedded database has one process at a time: a document it left unfinished was cut short
    // by a crash of that process, and is retried with the failed ones.
    if (ctx.handle.kind === 'pglite') statuses.push('pending', 'extracted');
    const rows = await ctx.handle.db
      .select({ id: documents.id, fileName: documents.fileName, sha256: documents.sha256 })
      .from(documents)
      .where(inArray(documents.status, [...statuses]));
    if (ctx.config.redisUrl) return await rerunThroughQueues(rt, ctx, rows, 'extract', opts);
    if (rows.length === 0) {
      rt.stdout('no failed documents');
      return 0;
    }
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

/**
 * Queue mode: the documents go to the workers like newly ingested ones, from
 * `stage` on (a finished job with the same id is replaced), so a fleet of
 * workers shares the rerun. With --wait, prints each document's final status.
 */
async function rerunThroughQueues(rt: Runtime, ctx: DbContext, docs: readonly Selected[], stage: 'extract' | 'parse', opts: RerunOptions): Promise<number> {
  const { redisUrl } = assertQueueMode(ctx.config);
  return withQueues(
    redisUrl,
    ctx.config.queuePrefix,
    async (queues) => {
      const queued: Enqueued[] = [];
      for (const d of docs) {
        const data = { documentId: d.id, sha256: d.sha256 };
        await whileRedisDown(rt, ctx, () => (stage === 'extract' ? enqueueExtract(queues, data) : enqueueParse(queues, data)));
        queued.push({ file: d.fileName, documentId: d.id, sha256: d.sha256, isNew: false, queued: stage });
      }
      if (docs.length > 0) rt.stdout(`${queued.length} document(s) queued for ${stage}`);
      // retry-failed also takes up documents whose jobs Redis lost (pending or extracted with no job).
      if (stage === 'extract') {
        const orphans = await whileRedisDown(rt, ctx, () => findOrphans(ctx.handle.db, queues));
        await whileRedisDown(rt, ctx, () => requeueOrphans(queues, orphans));
        for (const o of orphans) queued.push({ file: o.fileName, documentId: o.documentId, sha256: o.sha256, isNew: false, queued: o.stage });
        if (orphans.length > 0) rt.stdout(`${orphans.length} document(s) without a job in the queues queued again`);
      }
      if (queued.length === 0) {
        rt.stdout('no failed documents');
        return 0;
      }
      if (!opts.wait) return 0;
      await followJobs(rt, ctx, queues, queued, { hint: ' (no progress means no worker is running: start `budget-ingest workers`)' });
      for (const q of queued) {
        const doc = await getDocument(ctx.deps, q.documentId);
        rt.stdout(`${pad(q.file, 44)} ${pad(doc.status, 11)}${doc.errorMessage ? `  ${doc.errorMessage}` : ''}`);
      }
      return 0;
    },
    ctx.config.redisConnectTimeoutMs,
  );
}
