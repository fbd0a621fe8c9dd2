import type { SourceCrawlStatus } from '@budget-ingest/crawl';
// Narrow entry points, not the package index: status loads no queue or extraction code.
import { summarize, unfinishedDocuments } from '@budget-ingest/pipeline/summary';
import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';
import { renderTable } from '../format.ts';

/** `status`: document counts by status and row counts. */
export async function statusCommand(rt: Runtime, opts: GlobalOptions & { json?: boolean }): Promise<number> {
  const ctx = await openDbContext(rt, opts);
  try {
    const s = await summarize(ctx.handle.db);
    // The queue code (bullmq, ioredis) loads only when there are queues to read.
    const q = ctx.config.redisUrl
      ? await (await import('../queue-depths.ts')).readQueueState(ctx.handle.db, ctx.config.redisUrl, ctx.config.queuePrefix, ctx.config.redisConnectTimeoutMs)
      : null;
    const queues = q?.depths ?? null;
    const crawls = await (await import('@budget-ingest/crawl')).crawlStatusBySource(ctx.handle.db);
    const unfinished = await unfinishedDocuments(ctx.handle.db);
    if (opts.json) {
      const withoutJob = q?.orphans.map((o) => ({ documentId: o.documentId, fileName: o.fileName, status: o.status, stage: o.stage }));
      rt.stdout(JSON.stringify({ ...s, ...(q ? { queues, withoutJob } : {}), unfinished, crawls }));
      return 0;
    }
    if (queues) {
      for (const line of renderTable(
        ['queue', 'waiting', 'active', 'delayed', 'failed', 'completed'],
        Object.entries(queues).map(([name, q]) => [name, String(q.waiting), String(q.active), String(q.delayed), String(q.failed), String(q.completed)]),
        [1, 2, 3, 4, 5],
      ))
        rt.stdout(line);
      rt.stdout('');
    }
    rt.stdout(`database: ${ctx.handle.kind} (${ctx.handle.location})`);
    rt.stdout('');
    for (const line of renderTable(['status', 'documents'], Object.entries(s.documentsByStatus).map(([k, v]) => [k, String(v)]), [1])) rt.stdout(line);
    rt.stdout('');
    for (const line of renderTable(
      ['reports', 'amounts', 'expenditure lines', 'indicators', 'findings'],
      [[String(s.reports), String(s.amounts), String(s.expenditureLines), String(s.indicators), String(s.findings)]],
      [0, 1, 2, 3, 4],
    ))
      rt.stdout(line);
    if (q && q.orphans.length > 0) {
      rt.stdout('');
      rt.stdout(`${q.orphans.length} document(s) pending or extracted with no job in the queues (Redis lost them: a restart without persistence?); \`budget-ingest retry-failed\` queues them again:`);
      for (const o of q.orphans.slice(0, 20)) rt.stdout(`  ${o.status.padEnd(9)} ${o.fileName}`);
      if (q.orphans.length > 20) rt.stdout(`  … and ${q.orphans.length - 20} more`);
    }
    if (unfinished.length > 0) {
      // Not final: in flight while workers run; cut short when a process died (re-run `ingest`, or `retry-failed`).
      rt.stdout('');
      rt.stdout(`not in a final state (oldest first${unfinished.length === 20 ? ', first 20' : ''}):`);
      for (const line of renderTable(['id', 'status', 'since', 'file'], unfinished.map((u) => [String(u.id), u.status, u.updatedAt, u.fileName]), [0])) rt.stdout(line);
    }
    if (crawls.length > 0) {
      rt.stdout('');
      for (const line of crawlTable(crawls)) rt.stdout(line);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}

/** One row per crawled source: its last run, new files (last run / all runs) and a block, if any (since when, last checked). */
function crawlTable(crawls: readonly SourceCrawlStatus[]): string[] {
  const at = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '-');
  return renderTable(
    ['source', 'last run', 'status', 'new files (last/all)', 'runs', 'blocked since', 'block last checked'],
    crawls.map((c) => [c.source, at(c.lastRunAt), c.lastStatus ?? '-', `${c.lastNewFiles ?? '-'}/${c.newFiles}`, String(c.runs), at(c.blockedSince), at(c.blockedCheckedAt)]),
    [3, 4],
  );
}
