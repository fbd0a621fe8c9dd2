import { findOrphans, queueDepths, summarize, withQueues, type Orphan, type QueueDepths } from '@budget-ingest/pipeline';
import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';
import { renderTable } from '../format.ts';

/** `status`: document counts by status and row counts. */
export async function statusCommand(rt: Runtime, opts: GlobalOptions & { json?: boolean }): Promise<number> {
  const ctx = await openDbContext(rt, opts);
  try {
    const s = await summarize(ctx.handle.db);
    // In queue mode, also the documents whose jobs Redis lost (a restart without persistence).
    const q: { depths: QueueDepths; orphans: Orphan[] } | null = ctx.config.redisUrl
      ? await withQueues(ctx.config.redisUrl, ctx.config.queuePrefix, async (qs) => ({ depths: await queueDepths(qs), orphans: await findOrphans(ctx.handle.db, qs) }), ctx.config.redisConnectTimeoutMs)
      : null;
    const queues = q?.depths ?? null;
    if (opts.json) {
      rt.stdout(JSON.stringify(q ? { ...s, queues, withoutJob: q.orphans.map((o) => ({ documentId: o.documentId, fileName: o.fileName, status: o.status, stage: o.stage })) } : s));
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
    return 0;
  } finally {
    await ctx.close();
  }
}
