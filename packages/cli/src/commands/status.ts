import type { SourceCrawlStatus } from '@budget-ingest/crawl';
import { loadConfig } from '@budget-ingest/config';
import { embeddedDatabaseDir } from '@budget-ingest/db/embedded-stamp';
import { readServedDatabase } from '@budget-ingest/db/served-database';
// Types only: what a fresh answer needs loads when the cache cannot answer.
import type { summarize, unfinishedDocuments } from '@budget-ingest/pipeline/summary';
import type { GlobalOptions, Runtime } from '../context.ts';
import type { readQueueState } from '../queue-depths.ts';
import { renderTable } from '../format.ts';
import { readStatusCache, writeStatusCache } from '../status-cache.ts';

type Summary = Awaited<ReturnType<typeof summarize>>;
type Unfinished = Awaited<ReturnType<typeof unfinishedDocuments>>;
type QueueState = Awaited<ReturnType<typeof readQueueState>>;
/** A crawled source as JSON carries it: dates as ISO strings. */
type CrawlRow = { [K in keyof SourceCrawlStatus]: SourceCrawlStatus[K] extends Date | null ? string | null : SourceCrawlStatus[K] };

/** Everything `status` prints, as `--json` prints it (and as the cache keeps it). */
interface StatusReport extends Summary {
  readonly database: { readonly kind: string; readonly location: string };
  readonly queues?: QueueState['depths'];
  readonly withoutJob?: { documentId: number; fileName: string; status: string; stage: string | null }[];
  readonly unfinished: Unfinished;
  readonly crawls: CrawlRow[];
}

/**
 * `status`: document counts by status and row counts. On the embedded
 * database without queues, a repeated `status` with nothing written in
 * between answers from the cache (status-cache.ts) in a fraction of a second.
 */
export async function statusCommand(rt: Runtime, opts: GlobalOptions & { json?: boolean }): Promise<number> {
  const config = loadConfig(rt.env, opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}, rt.cwd);
  const databaseDir = embeddedDatabaseDir(config.dataDir);
  // While `sql` serves the database, its clients write it without stopping it: its files are no stamp of its state.
  const cacheable = config.databaseUrl === null && config.redisUrl === null && readServedDatabase(databaseDir) === null;
  const report = (cacheable ? readStatusCache<StatusReport>(config.dataDir, databaseDir) : null) ?? (await readStatus(rt, opts, cacheable ? (r) => writeStatusCache(config.dataDir, databaseDir, r) : null));
  if (opts.json) {
    const { database: _database, ...json } = report;
    rt.stdout(JSON.stringify(json));
  } else {
    for (const line of renderStatus(report)) rt.stdout(line);
  }
  return 0;
}

/** Reads the database (and the queues, when there are any); `remember` runs once it is closed, under its lock. */
async function readStatus(rt: Runtime, opts: GlobalOptions, remember: ((report: StatusReport) => void) | null): Promise<StatusReport> {
  const { openDbContext } = await import('../context.ts');
  // Narrow entry points, not the package index: status loads no queue or extraction code.
  const { summarize, unfinishedDocuments } = await import('@budget-ingest/pipeline/summary');
  const ctx = await openDbContext(rt, opts);
  let report: StatusReport | undefined;
  try {
    const s = await summarize(ctx.handle.db);
    // The queue code (bullmq, ioredis) loads only when there are queues to read.
    const q = ctx.config.redisUrl
      ? await (await import('../queue-depths.ts')).readQueueState(ctx.handle.db, ctx.config.redisUrl, ctx.config.queuePrefix, ctx.config.redisConnectTimeoutMs)
      : null;
    const crawls = await (await import('@budget-ingest/crawl')).crawlStatusBySource(ctx.handle.db);
    const unfinished = await unfinishedDocuments(ctx.handle.db);
    const withoutJob = q?.orphans.map((o) => ({ documentId: o.documentId, fileName: o.fileName, status: o.status, stage: o.stage }));
    // Through JSON once, so a fresh answer and a cached one are the same values (dates as ISO strings).
    report = JSON.parse(
      JSON.stringify({ ...s, database: { kind: ctx.handle.kind, location: ctx.handle.location }, ...(q ? { queues: q.depths, withoutJob } : {}), unfinished, crawls }),
    ) as StatusReport;
    return report;
  } finally {
    const done = report;
    await ctx.close(remember && done ? { whileLocked: () => remember(done) } : undefined);
  }
}

function renderStatus(s: StatusReport): string[] {
  const out: string[] = [];
  if (s.queues) {
    out.push(
      ...renderTable(
        ['queue', 'waiting', 'active', 'delayed', 'failed', 'completed'],
        Object.entries(s.queues).map(([name, q]) => [name, String(q.waiting), String(q.active), String(q.delayed), String(q.failed), String(q.completed)]),
        [1, 2, 3, 4, 5],
      ),
      '',
    );
  }
  out.push(`database: ${s.database.kind} (${s.database.location})`, '');
  out.push(...renderTable(['status', 'documents'], Object.entries(s.documentsByStatus).map(([k, v]) => [k, String(v)]), [1]), '');
  out.push(
    ...renderTable(
      ['reports', 'amounts', 'expenditure lines', 'indicators', 'findings'],
      [[String(s.reports), String(s.amounts), String(s.expenditureLines), String(s.indicators), String(s.findings)]],
      [0, 1, 2, 3, 4],
    ),
  );
  const orphans = s.withoutJob ?? [];
  if (orphans.length > 0) {
    out.push('', `${orphans.length} document(s) pending or extracted with no job in the queues (Redis lost them: a restart without persistence?); \`budget-ingest retry-failed\` queues them again:`);
    for (const o of orphans.slice(0, 20)) out.push(`  ${o.status.padEnd(9)} ${o.fileName}`);
    if (orphans.length > 20) out.push(`  … and ${orphans.length - 20} more`);
  }
  if (s.unfinished.length > 0) {
    // Not final: in flight while workers run; cut short when a process died (re-run `ingest`, or `retry-failed`).
    out.push('', `not in a final state (oldest first${s.unfinished.length === 20 ? ', first 20' : ''}):`);
    out.push(...renderTable(['id', 'status', 'since', 'file'], s.unfinished.map((u) => [String(u.id), u.status, u.updatedAt, u.fileName]), [0]));
  }
  if (s.crawls.length > 0) out.push('', ...crawlTable(s.crawls));
  return out;
}

/**
 * One row per crawled source: its last run, new files (last run / all runs)
 * and a block, if any (since when, last checked); under it each last run's
 * summary (what a scheduled crawl did), and a warning for each source that
 * found nothing new for `staleAfterRuns` runs in a row.
 */
function crawlTable(crawls: readonly CrawlRow[]): string[] {
  const at = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '-');
  const table = renderTable(
    ['source', 'last run', 'status', 'new files (last/all)', 'runs', 'blocked since', 'block last checked', 'runs without new'],
    crawls.map((c) => [c.source, at(c.lastRunAt), c.lastStatus ?? '-', `${c.lastNewFiles ?? '-'}/${c.newFiles}`, String(c.runs), at(c.blockedSince), at(c.blockedCheckedAt), `${c.runsWithoutNew}${c.stale ? ' (stale)' : ''}`]),
    [3, 4, 7],
  );
  const runs = crawls.flatMap((c) => {
    const r = c.lastRun;
    if (!r) return [];
    const secs = r.durationMs === null ? '' : ` in ${(r.durationMs / 1000).toFixed(1)} s`;
    return [`${c.source} last run: ${c.lastStatus}: ${r.pagesFetched} pages, ${r.newFiles} new files, ${r.unchanged} unchanged, ${r.errors} errors, ${r.blocked} blocked${secs}${r.message ? `; ${r.message}` : ''}`];
  });
  const stale = crawls
    .filter((c) => c.stale)
    .map((c) => `warning: ${c.source} found no new file in its last ${c.runsWithoutNew} runs (staleAfterRuns ${c.staleAfterRuns}): has the portal moved its column? \`crawl --dry-run ${c.source}\` shows what its seeds still list`);
  return [...table, ...(runs.length > 0 ? ['', ...runs] : []), ...(stale.length > 0 ? ['', ...stale] : [])];
}
