import { basename, relative } from 'node:path';
import { ingestOne, resolveInputs, summarize, type IngestResult } from '@budget-ingest/pipeline';
import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';
import { pad, renderTable, seconds } from '../format.ts';

export interface IngestOptions extends GlobalOptions {
  readonly json?: boolean;
}

/** `ingest PATH…`: every file through store → extract → parse, one line per document, a summary at the end. */
export async function ingestCommand(rt: Runtime, paths: readonly string[], opts: IngestOptions): Promise<number> {
  const { files, missing } = await resolveInputs(paths, rt.cwd);
  for (const m of missing) rt.stderr(`budget-ingest: no such file or folder: ${m}`);
  if (files.length === 0) {
    rt.stderr('budget-ingest: nothing to ingest');
    return 2;
  }
  const ctx = await openDbContext(rt, opts);
  const started = performance.now();
  try {
    if (!opts.json) rt.stdout(`ingesting ${files.length} file(s) into ${ctx.handle.kind === 'pglite' ? `the embedded database at ${ctx.handle.location}` : ctx.handle.location}`);
    const results: IngestResult[] = [];
    for (const [i, file] of files.entries()) {
      const result = await ingestOne(ctx.deps, { path: file });
      results.push(result);
      rt.stdout(opts.json ? JSON.stringify(result) : documentLine(result, rt.cwd, i + 1, files.length));
    }
    if (!opts.json) {
      const s = await summarize(ctx.handle.db);
      rt.stdout('');
      const statuses = Object.entries(s.documentsByStatus)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      for (const line of renderTable(
        ['this run', 'documents', 'new', 'unchanged', 'failed', 'time'],
        [[basename(ctx.config.dataDir), String(results.length), count(results, (r) => r.outcome === 'new'), count(results, (r) => r.outcome === 'unchanged'), count(results, (r) => !['parsed', 'extracted'].includes(r.status)), seconds(performance.now() - started)]],
        [1, 2, 3, 4],
      ).slice(0))
        rt.stdout(line);
      rt.stdout('');
      rt.stdout(`database: ${s.documents} documents (${statuses}); ${s.reports} reports, ${s.amounts} amounts, ${s.expenditureLines} expenditure lines, ${s.indicators} indicators, ${s.findings} findings`);
    }
    return missing.length ? 1 : 0;
  } finally {
    await ctx.close();
  }
}

function count(results: readonly IngestResult[], pred: (r: IngestResult) => boolean): string {
  return String(results.filter(pred).length);
}

function documentLine(r: IngestResult, cwd: string, n: number, total: number): string {
  const ok = r.status === 'parsed' || r.status === 'extracted';
  const mark = ok ? '✓' : '✗';
  const name = relative(cwd, r.file).startsWith('..') ? r.file : relative(cwd, r.file);
  const pages = r.pageCount === null ? '-' : `${r.pageCount}p`;
  const detail = ok ? `${r.reports} report(s)` : (r.errorMessage ?? '');
  const again = r.outcome === 'unchanged' ? ' (unchanged)' : '';
  return `[${pad(String(n), String(total).length, 'right')}/${total}] ${mark} ${pad(name, 44)} ${pad(r.format, 5)} ${pad(pages, 5, 'right')}  ${pad(r.status, 11)} ${pad(seconds(r.ms), 8, 'right')}  ${detail}${again}`;
}
