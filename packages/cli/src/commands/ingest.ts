import { realpathSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { describeFsError, isFsReadError, NOT_A_REGULAR_FILE, NotRegularFileError, resolveInputs, summarize, type IngestResult, type Runner, type Submitted } from '@budget-ingest/pipeline';
import { withDbRetry } from '@budget-ingest/db';
import { openCliRunner, progressLines } from '../cli-runner.ts';
import { dataDirText, openContext, openDbContext, type DbContext, type GlobalOptions, type Runtime } from '../context.ts';
import { pad, renderTable, seconds } from '../format.ts';
import { createProgress } from '../progress.ts';

export interface IngestOptions extends GlobalOptions {
  readonly json?: boolean;
  /** With REDIS_URL: follow the queued jobs until every document is done. */
  readonly wait?: boolean;
  /** Exit 0 even when documents failed. */
  readonly allowFailures?: boolean;
}

/**
 * `ingest PATH…`: every file through store → extract → parse, one line per
 * document, a summary at the end. In this process, each line is a finished
 * document; with REDIS_URL, a queued one, and --wait follows the workers to
 * the end and prints the finished lines then.
 */
export async function ingestCommand(rt: Runtime, paths: readonly string[], opts: IngestOptions): Promise<number> {
  const { config } = openContext(rt, opts);
  const resolved = await resolveInputs(paths, rt.cwd);
  const { missing, unreadable, skipped } = resolved;
  // Never the data directory itself (the database's own files, the blob store): `ingest .` from a project folder.
  const { kept: files, inside } = outsideDataDir(resolved.files, [config.dataDir, config.blobDir]);
  if (inside > 0) rt.stderr(`budget-ingest: left out ${inside} file(s) inside the data directory ${config.dataDir}`);
  for (const m of missing) rt.stderr(`budget-ingest: no such file or folder: ${escapeControls(m)}`);
  for (const u of unreadable) rt.stderr(`budget-ingest: cannot read ${escapeControls(u.path)}: ${u.reason}`);
  for (const s of skipped) rt.stderr(skippedLine(s));
  if (files.length === 0) {
    rt.stderr('budget-ingest: nothing to ingest');
    return 2;
  }
  const ctx = await openDbContext(rt, opts);
  try {
    ctx.logger.debug({ args: paths.length, files: files.length, missing: missing.length, unreadable: unreadable.length, database: ctx.handle.kind }, 'inputs resolved');
    const runner = await openCliRunner(rt, ctx);
    try {
      return await ingestFiles(rt, ctx, runner, files, opts, missing.length + unreadable.length);
    } finally {
      await runner.close();
    }
  } finally {
    await ctx.close();
  }
}

async function ingestFiles(rt: Runtime, ctx: DbContext, runner: Runner, files: readonly string[], opts: IngestOptions, problemsBefore: number): Promise<number> {
  const started = performance.now();
  const quiet = opts.quiet === true;
  if (!opts.json && !quiet) rt.stdout(`ingesting ${files.length} file(s) into ${ctx.handle.kind === 'pglite' ? `the embedded database in ${dataDirText(ctx.config)}` : ctx.handle.location}`);
  const submitted: Submitted[] = [];
  const progress = createProgress(files.length, rt.stdoutIsTty && !opts.json && !quiet, { write: rt.stdout, ...(rt.bar ? { bar: rt.bar } : {}) });
  try {
    for (const [i, file] of files.entries()) {
      progress.working(displayName(file, rt.cwd));
      const s = await runner.submit({ path: file }).catch((err: unknown) => {
        // Swapped for a FIFO or a device since the inputs were listed: skipped like one found then.
        if (err instanceof NotRegularFileError) rt.stderr(skippedLine(err));
        return unreadableFile(file, err);
      });
      submitted.push(s);
      if (opts.json) progress.line(JSON.stringify(s.result ?? s));
      else if (s.result) progress.line(quiet && DONE.has(s.result.status) ? null : documentLine(s.result, rt.cwd, i + 1, files.length));
      else progress.line(quiet ? null : queuedLine(s, rt.cwd, i + 1, files.length));
    }
  } finally {
    progress.stop();
  }
  const waiting = submitted.filter((s) => !s.result);
  if (waiting.length > 0 && !opts.wait) {
    if (!opts.json && !quiet) rt.stdout(`${waiting.filter((s) => s.from).length} document(s) queued; follow them with \`budget-ingest status\` or re-run with --wait`);
    return problemsBefore > 0 || submitted.some((s) => s.documentId === UNREAD) ? 1 : 0;
  }
  const finished = await runner.wait(waiting, opts.json || quiet ? {} : { onProgress: progressLines(rt) });
  for (const [i, r] of finished.entries()) {
    if (opts.json) rt.stdout(JSON.stringify(r));
    else if (!quiet || !DONE.has(r.status)) rt.stdout(documentLine(r, rt.cwd, i + 1, finished.length));
  }
  const results = [...submitted.flatMap((s) => (s.result ? [s.result] : [])), ...finished];
  await printSummary(rt, ctx, results, started, opts.json === true);
  const failed = results.filter((r) => !DONE.has(r.status)).length;
  if (problemsBefore > 0) return 1;
  return failed > 0 && !opts.allowFailures ? 1 : 0;
}

/** The end-of-run summary: this run's counts, then what the database holds; with --json, one closing `{"summary": …}` object. */
async function printSummary(rt: Runtime, ctx: DbContext, results: readonly IngestResult[], started: number, json: boolean): Promise<void> {
  // Its connection may be one a Postgres restart just closed (57P01): read it again on a new one.
  const s = await withDbRetry(() => summarize(ctx.handle.db));
  const failed = results.filter((r) => !DONE.has(r.status)).length;
  const ms = performance.now() - started;
  if (json) {
    const outcome = (o: IngestResult['outcome']) => results.filter((r) => r.outcome === o).length;
    rt.stdout(JSON.stringify({ summary: { documents: results.length, new: outcome('new'), unchanged: outcome('unchanged'), reprocessed: outcome('reprocessed'), failed, ms: Math.round(ms), database: { kind: ctx.handle.kind, ...s } } }));
    return;
  }
  rt.stdout('');
  const table = renderTable(
    ['documents', 'new', 'unchanged', 'reprocessed', 'failed', 'time'],
    [[String(results.length), count(results, (r) => r.outcome === 'new'), count(results, (r) => r.outcome === 'unchanged'), count(results, (r) => r.outcome === 'reprocessed'), String(failed), seconds(ms)]],
    [0, 1, 2, 3, 4],
  );
  for (const line of table) rt.stdout(line);
  rt.stdout('');
  const statuses = Object.entries(s.documentsByStatus)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  rt.stdout(`database (${ctx.handle.kind}): ${s.documents} documents (${statuses}); ${s.reports} reports, ${s.amounts} amounts, ${s.expenditureLines} expenditure lines, ${s.indicators} indicators, ${s.findings} findings`);
}

/** Files outside the given folders (compared by real path, so a link into the data directory is caught too). */
function outsideDataDir(files: readonly string[], dirs: readonly string[]): { kept: string[]; inside: number } {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const roots = dirs.map((d) => real(d) + sep);
  const kept = files.filter((f) => !roots.some((r) => real(f).startsWith(r)));
  return { kept, inside: files.length - kept.length };
}

/** documentId of a file that could not be read: it has no document row. */
const UNREAD = -1;

/** A path that is not a regular file: one line, nothing read. */
function skippedLine(s: { readonly path: string; readonly reason: string }): string {
  return `budget-ingest: skipped ${escapeControls(s.path)}: ${s.reason} [${NOT_A_REGULAR_FILE}]`;
}

/** A file that could not be read (EACCES, I/O error, not a regular file) is one failed line; any other error is not the file's and stops the run. */
function unreadableFile(file: string, err: unknown): Submitted {
  if (!isFsReadError(err) && !(err instanceof NotRegularFileError)) throw err;
  const [errorCode, why] = err instanceof NotRegularFileError ? [NOT_A_REGULAR_FILE, err.reason] : ['unreadable', describeFsError(err)];
  const result: IngestResult = { file, documentId: UNREAD, sha256: '', format: 'unknown', pageCount: null, status: 'failed', reports: 0, outcome: 'new', errorCode, errorMessage: `cannot read the file: ${why}`, ms: 0 };
  return { file, documentId: UNREAD, sha256: '', isNew: true, from: null, result };
}

/** A document handed to the workers: the stage it waits for, or unchanged. */
function queuedLine(s: Submitted, cwd: string, n: number, total: number): string {
  return `[${pad(String(n), String(total).length, 'right')}/${total}] ${pad(displayName(s.file, cwd), 44)} ${s.from ? `queued for ${s.from}` : 'unchanged'}`;
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
