import { queueDepths, summarize, unfinishedDocuments, withQueues } from '@budget-ingest/pipeline';
import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';
import { renderTable } from '../format.ts';

/** `status`: document counts by status and row counts. */
export async function statusCommand(rt: Runtime, opts: GlobalOptions & { json?: boolean }): Promise<number> {
  const ctx = await openDbContext(rt, opts);
  try {
    const s = await summarize(ctx.handle.db);
    const queues = ctx.config.redisUrl ? await withQueues(ctx.config.redisUrl, ctx.config.queuePrefix, queueDepths) : null;
    const unfinished = await unfinishedDocuments(ctx.handle.db);
    if (opts.json) {
      rt.stdout(JSON.stringify({ ...s, ...(queues ? { queues } : {}), unfinished }));
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
    if (unfinished.length > 0) {
      // Not final: in flight while workers run; cut short when a process died (re-run `ingest`, or `retry-failed`).
      rt.stdout('');
      rt.stdout(`not in a final state (oldest first${unfinished.length === 20 ? ', first 20' : ''}):`);
      for (const line of renderTable(['id', 'status', 'since', 'file'], unfinished.map((u) => [String(u.id), u.status, u.updatedAt, u.fileName]), [0])) rt.stdout(line);
    }
    return 0;
  } finally {
    await ctx.close();
  }
}
