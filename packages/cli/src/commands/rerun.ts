import { inArray, like, or, type SQL } from 'drizzle-orm';
import { documents, type DocumentStatus } from '@budget-ingest/db';
import type { DocumentRef, IngestResult, Runner, StageName, Submitted } from '@budget-ingest/pipeline';
import { openCliRunner, progressLines } from '../cli-runner.ts';
import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';
import { pad, seconds } from '../format.ts';

export interface RerunOptions extends GlobalOptions {
  /** With REDIS_URL: follow the queued jobs until every document is done. */
  readonly wait?: boolean;
  /** Exit 0 even when documents end failed (as `ingest --allow-failures`). */
  readonly allowFailures?: boolean;
}

/** Statuses of a document read to the end (as for `ingest`): anything else is a failure of the run. */
const DONE: ReadonlySet<string> = new Set(['parsed', 'extracted', 'out_of_scope']);

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
      .select({ documentId: documents.id, fileName: documents.fileName, sha256: documents.sha256, status: documents.status, extractedAt: documents.extractedAt })
      .from(documents)
      .where(selection(selectors));
    const parseable = rows.filter((r) => r.extractedAt !== null && (r.status === 'extracted' || r.status === 'parsed' || r.status === 'out_of_scope' || r.status === 'failed'));
    if (parseable.length === 0) {
      rt.stdout('no extracted documents to reparse');
      return 0;
    }
    const runner = await openCliRunner(rt, ctx);
    try {
      const started = await rerunFrom(rt, runner, parseable, 'parse');
      return await finish(rt, runner, started, opts);
    } finally {
      await runner.close();
    }
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
      .select({ documentId: documents.id, fileName: documents.fileName, sha256: documents.sha256 })
      .from(documents)
      .where(inArray(documents.status, [...statuses]));
    const runner = await openCliRunner(rt, ctx);
    try {
      const started = await rerunFrom(rt, runner, rows, 'extract');
      // Documents whose jobs Redis lost (pending or extracted with no job) are taken up too.
      const lost = await runner.recoverLost();
      if (lost.length > 0) rt.stdout(`${lost.length} document(s) without a job in the queues queued again`);
      if (started.length + lost.length === 0) {
        rt.stdout('no failed documents');
        return 0;
      }
      return await finish(rt, runner, [...started, ...lost], opts);
    } finally {
      await runner.close();
    }
  } finally {
    await ctx.close();
  }
}

/** Starts the chain again at `from` for each document; prints what finished at once and how many wait in the queues. */
async function rerunFrom(rt: Runtime, runner: Runner, docs: readonly DocumentRef[], from: StageName): Promise<Submitted[]> {
  const out: Submitted[] = [];
  for (const d of docs) {
    const s = await runner.rerun(d, from);
    if (s.result) rt.stdout(rerunLine(s.result));
    out.push(s);
  }
  const waiting = out.filter((s) => !s.result).length;
  if (waiting > 0) rt.stdout(`${waiting} document(s) queued for ${from}`);
  return out;
}

/** Without --wait, documents still in the queues are left to the workers; with it, each one's final line. */
async function finish(rt: Runtime, runner: Runner, started: readonly Submitted[], opts: RerunOptions): Promise<number> {
  const waiting = started.filter((s) => !s.result);
  const finished = started.flatMap((s) => (s.result ? [s.result] : []));
  if (waiting.length > 0 && opts.wait) {
    const results = await runner.wait(waiting, { onProgress: progressLines(rt, ' (no progress means no worker is running: start `budget-ingest workers`)') });
    for (const r of results) rt.stdout(rerunLine(r));
    finished.push(...results);
  }
  // Like ingest: a run in which a document ended failed exits 1, unless --allow-failures.
  return finished.some((r) => !DONE.has(r.status)) && !opts.allowFailures ? 1 : 0;
}

function rerunLine(r: IngestResult): string {
  return `${pad(r.file, 44)} ${pad(r.status, 11)} ${pad(`${r.reports} report(s)`, 12)} ${pad(seconds(r.ms), 8, 'right')}${r.errorMessage ? `  ${r.errorMessage}` : ''}`;
}
