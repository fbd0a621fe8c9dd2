import { relative } from 'node:path';
import { assertQueueMode } from '@budget-ingest/config';
import { countReports, describeFsError, getDocument, ingestOne, isFsReadError, resolveInputs, storeAndEnqueue, summarize, withQueues, type Enqueued, type IngestResult } from '@budget-ingest/pipeline';
import { withDbRetry } from '@budget-ingest/db';
import { followJobs, whileRedisDown } from '../follow-jobs.ts';
import { openDbContext, type DbContext, type GlobalOptions, type Runtime } from '../context.ts';
import { pad, renderTable, seconds } from '../format.ts';
import { createProgress } from '../progress.ts';

export interface IngestOptions extends GlobalOptions {
  readonly json?: boolean;
  /** With REDIS_URL: follow the queued jobs until every document is done. */
  readonly wait?: boolean;
}

/** `ingest PATH…`: every file through store → extract → parse, one line per document, a summary at the end. */
export async function ingestCommand(rt: Runtime, paths: readonly string[], opts: IngestOptions): Promise<number> {
  const { files, missing, unreadable } = await resolveInputs(paths, rt.cwd);
  for (const m of missing) rt.stderr(`budget-ingest: no such file or folder: ${escapeControls(m)}`);
  for (const u of unreadable) rt.stderr(`budget-ingest: cannot read ${escapeControls(u.path)}: ${u.reason}`);
  if (files.length === 0) {
    rt.stderr('budget-ingest: nothing to ingest');
    return 2;
  }
  const ctx = await openDbContext(rt, opts);
  ctx.logger.debug({ args: paths.length, files: files.length, missing: missing.length, unreadable: unreadable.length, database: ctx.handle.kind, queues: ctx.config.redisUrl !== null }, 'inputs resolved');
  if (ctx.config.redisUrl) {
    try {
      return await enqueueFiles(rt, ctx, files, opts, missing.length + unreadable.length);
    } finally {
      await ctx.close();
    }
  }
  const started = performance.now();
  try {
    if (!opts.json) rt.stdout(`ingesting ${files.length} file(s) into ${ctx.handle.kind === 'pglite' ? `the embedded database at ${ctx.handle.location}` : ctx.handle.location}`);
    const results: IngestResult[] = [];
    const progress = createProgress(files.length, rt.stdoutIsTty && !opts.json, rt.stdout);
    let unread = unreadable.length;
    for (const [i, file] of files.entries()) {
      const result = await ingestOne(ctx.deps, { path: file }).catch((err: unknown) => unreadableResult(file, err));
      if (result.documentId === UNREAD) unread++;
      results.push(result);
      progress.line(opts.json ? JSON.stringify(result) : documentLine(result, rt.cwd, i + 1, files.length));
      progress.tick(displayName(file, rt.cwd));
    }
    progress.stop();
    if (!opts.json) await printSummary(rt, ctx, results, started);
    return missing.length || unread ? 1 : 0;
  } finally {
    await ctx.close();
  }
}

/** The end-of-run summary: this run's counts, then what the database holds. */
async function printSummary(rt: Runtime, ctx: DbContext, results: readonly IngestResult[], started: number): Promise<void> {
  // Its connection may be one a Postgres restart just closed (57P01): read it again on a new one.
  const s = await withDbRetry(() => summarize(ctx.handle.db));
  const failed = results.filter((r) => !DONE.has(r.status)).length;
  rt.stdout('');
  const table = renderTable(
    ['documents', 'new', 'unchanged', 'reprocessed', 'failed', 'time'],
    [[String(results.length), count(results, (r) => r.outcome === 'new'), count(results, (r) => r.outcome === 'unchanged'), count(results, (r) => r.outcome === 'reprocessed'), String(failed), seconds(performance.now() - started)]],
    [0, 1, 2, 3, 4],
  );
  for (const line of table) rt.stdout(line);
  rt.stdout('');
  const statuses = Object.entries(s.documentsByStatus)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  rt.stdout(`database (${ctx.handle.kind}): ${s.documents} documents (${statuses}); ${s.reports} reports, ${s.amounts} amounts, ${s.expenditureLines} expenditure lines, ${s.indicators} indicators, ${s.findings} findings`);
}

/** Queue mode: store every file, queue its first pending stage, and (with --wait) follow the jobs to the end. */
async function enqueueFiles(rt: Runtime, ctx: DbContext, files: readonly string[], opts: IngestOptions, missingCount: number): Promise<number> {
  let problems = missingCount;
  const { redisUrl } = assertQueueMode(ctx.config);
  const started = performance.now();
  return withQueues(
    redisUrl,
    ctx.config.queuePrefix,
    async (queues) => {
      const queued: Enqueued[] = [];
      const unread: IngestResult[] = [];
      for (const [i, file] of files.entries()) {
        const n = `[${pad(String(i + 1), String(files.length).length, 'right')}/${files.length}]`;
        const e = await whileRedisDown(rt, ctx, () => storeAndEnqueue(ctx.deps, queues, { path: file })).catch((err: unknown) => unreadableResult(file, err));
        if ('outcome' in e) {
          unread.push(e);
          rt.stdout(opts.json ? JSON.stringify(e) : documentLine(e, rt.cwd, i + 1, files.length));
          continue;
        }
        queued.push(e);
        if (opts.json) rt.stdout(JSON.stringify(e));
        else rt.stdout(`${n} ${pad(displayName(e.file, rt.cwd), 44)} ${e.queued ? `queued for ${e.queued}` : 'unchanged'}`);
      }
      problems += unread.length;
      const n = queued.filter((q) => q.queued).length;
      if (!opts.wait) {
        if (!opts.json) rt.stdout(`${n} document(s) queued; follow them with \`budget-ingest status\` or re-run with --wait`);
        return problems ? 1 : 0;
      }
      await followJobs(rt, ctx, queues, queued, { quiet: opts.json });
      const results: IngestResult[] = [...unread];
      for (const q of queued) {
        const [doc, reports] = await withDbRetry(() => Promise.all([getDocument(ctx.deps, q.documentId), countReports(ctx.deps, q.documentId)]));
        const r: IngestResult = { file: q.file, documentId: q.documentId, sha256: q.sha256, format: doc.format, pageCount: doc.pageCount, status: doc.status, reports, outcome: q.isNew ? 'new' : q.queued ? 'reprocessed' : 'unchanged', errorMessage: doc.errorMessage, ms: (doc.extractMs ?? 0) + (doc.parseMs ?? 0) };
        results.push(r);
        rt.stdout(opts.json ? JSON.stringify(r) : documentLine(r, rt.cwd, results.length, queued.length));
      }
      if (!opts.json) await printSummary(rt, ctx, results, started);
      return problems ? 1 : 0;
    },
    ctx.config.redisConnectTimeoutMs,
  );
}

/** documentId of a file that could not be read: it has no document row. */
const UNREAD = -1;

/** A file that could not be read (EACCES, I/O error) is one failed line; any other error is not the file's and stops the run. */
function unreadableResult(file: string, err: unknown): IngestResult {
  if (!isFsReadError(err)) throw err;
  return { file, documentId: UNREAD, sha256: '', format: 'unknown', pageCount: null, status: 'failed', reports: 0, outcome: 'new', errorMessage: `cannot read the file: ${describeFsError(err)}`, ms: 0 };
}

function displayName(file: string, cwd: string): string {
  return escapeControls(relative(cwd, file).startsWith('..') ? file : relative(cwd, file));
}

/** A newline or other control character in a file name is shown escaped (\n), so each document stays one line. */
function escapeControls(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]/g, (ch) => JSON.stringify(ch).slice(1, -1));
}

function count(results: readonly IngestResult[], pred: (r: IngestResult) => boolean): string {
  return String(results.filter(pred).length);
}

/** Statuses of a document read to the end: out_of_scope is a result (no report, with its reason), not a failure. */
const DONE: ReadonlySet<string> = new Set(['parsed', 'extracted', 'out_of_scope']);

function documentLine(r: IngestResult, cwd: string, n: number, total: number): string {
  const ok = DONE.has(r.status);
  const mark = ok ? '✓' : '✗';
  const name = displayName(r.file, cwd);
  const pages = r.pageCount === null ? '-' : `${r.pageCount}p`;
  const detail = r.status === 'out_of_scope' ? (r.errorMessage ?? '') : ok ? `${r.reports} report(s)` : (r.errorMessage ?? '');
  const again = r.outcome === 'unchanged' ? ' (unchanged)' : '';
  return `[${pad(String(n), String(total).length, 'right')}/${total}] ${mark} ${pad(name, 44)} ${pad(r.format, 5)} ${pad(pages, 5, 'right')}  ${pad(r.status, 11)} ${pad(seconds(r.ms), 8, 'right')}  ${detail}${again}`;
}
