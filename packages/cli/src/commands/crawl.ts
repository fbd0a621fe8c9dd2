import { crawlCommand as runCrawlCommand, createStoreFileSink, loadPortalsFile } from '@budget-ingest/crawl';
import { createQueues, createRedis, ingestOne, storeAndEnqueue } from '@budget-ingest/pipeline';
import { openDbContext, type GlobalOptions, type Runtime } from '../context.ts';

export interface CrawlOptions extends GlobalOptions {
  readonly all?: boolean;
  readonly full?: boolean;
  readonly portals?: string;
}

/**
 * `crawl SOURCE…|--all`: one crawl now. New files go through the whole
 * pipeline in this process, or onto the extract queue when REDIS_URL is set.
 */
export async function crawlCommand(rt: Runtime, sources: readonly string[], opts: CrawlOptions): Promise<number> {
  if (!opts.all && sources.length === 0) {
    rt.stderr('budget-ingest crawl: name one or more sources, or --all');
    return 2;
  }
  const ctx = await openDbContext(rt, opts);
  const portalsPath = opts.portals ?? ctx.config.portalsConfig;
  const redis = ctx.config.redisUrl ? createRedis(ctx.config.redisUrl, 'producer') : null;
  const queues = redis ? createQueues(redis, ctx.config.queuePrefix) : null;
  try {
    const portals = await loadPortalsFile(portalsPath);
    const sink = createStoreFileSink(async (file) => {
      if (queues) {
        const e = await storeAndEnqueue(ctx.deps, queues, { path: file.path, fileName: file.fileName, sourceUrl: file.sourceUrl, sourceId: file.sourceId });
        return { documentId: e.documentId, isNew: e.isNew };
      }
      const r = await ingestOne(ctx.deps, { path: file.path, fileName: file.fileName, sourceUrl: file.sourceUrl, sourceId: file.sourceId });
      return { documentId: r.documentId, isNew: r.outcome === 'new' };
    });
    const { exitCode } = await runCrawlCommand({ db: ctx.handle.db, sink, logger: ctx.logger }, { out: rt.stdout }, portals, {
      sources: opts.all ? 'all' : [...sources],
      ...(opts.full ? { full: true } : {}),
    });
    return exitCode;
  } finally {
    await queues?.close();
    redis?.disconnect();
    await ctx.close();
  }
}
