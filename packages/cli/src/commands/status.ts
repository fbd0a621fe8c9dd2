// Narrow entry points, not the package index: status loads no queue or extraction code.
import { summarize } from '@budget-ingest/pipeline/summary';
import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';
import { renderTable } from '../format.ts';

/** `status`: document counts by status and row counts. */
export async function statusCommand(rt: Runtime, opts: GlobalOptions & { json?: boolean }): Promise<number> {
  const ctx = await openDbContext(rt, opts);
  try {
    const s = await summarize(ctx.handle.db);
    // The queue code (bullmq, ioredis) loads only when there are queues to read.
    const queues = ctx.config.redisUrl ? await (await import('../queue-depths.ts')).readQueueDepths(ctx.config.redisUrl, ctx.config.queuePrefix) : null;
    if (opts.json) {
      rt.stdout(JSON.stringify(queues ? { ...s, queues } : s));
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
    return 0;
  } finally {
    await ctx.close();
  }
}

