import { crawlCommand as runCrawlCommand, createStoreFileSink, dryRunCommand, loadPortalsFile, PortalConfigError, type PortalsConfig } from '@budget-ingest/crawl';
import { openCliRunner } from '../cli-runner.ts';
import { openContext, openDbContext, type GlobalOptions, type Runtime } from '../context.ts';

export interface CrawlOptions extends GlobalOptions {
  readonly all?: boolean;
  readonly full?: boolean;
  readonly dryRun?: boolean;
  readonly portals?: string;
}

/**
 * `crawl SOURCE…|--all`: one crawl now. New files go through the whole
 * pipeline in this process, or onto the extract queue when REDIS_URL is set.
 * `--dry-run` opens no database: it only reads pages and prints links.
 * `${NAME}` placeholders in the portals file come from the environment.
 */
export async function crawlCommand(rt: Runtime, sources: readonly string[], opts: CrawlOptions): Promise<number> {
  if (!opts.all && sources.length === 0) {
    rt.stderr('budget-ingest crawl: name one or more sources, or --all');
    return 2;
  }
  const selection = opts.all ? 'all' : [...sources];
  // The portals file is read before the database is opened: a bad file (or an unset ${NAME}) is exit 2, and says which.
  const base = openContext(rt, opts);
  let portals: PortalsConfig;
  try {
    portals = await loadPortalsFile(opts.portals ?? base.config.portalsConfig, { env: rt.env });
  } catch (err) {
    if (!(err instanceof PortalConfigError)) throw err;
    rt.stderr(`budget-ingest crawl: ${err.message}`);
    return 2;
  }
  if (opts.dryRun) {
    const ctx = base;
    const { exitCode } = await dryRunCommand({ logger: ctx.logger }, { out: rt.stdout }, portals, selection);
    return exitCode;
  }
  const ctx = await openDbContext(rt, opts);
  try {
    const runner = await openCliRunner(rt, ctx);
    try {
      // New files go through the chain: to its end here, or onto the queues for the workers.
      const sink = createStoreFileSink(async (file) => {
        const s = await runner.submit({ path: file.path, fileName: file.fileName, sourceUrl: file.sourceUrl, sourceId: file.sourceId, provenance: file.provenance });
        return { documentId: s.documentId, isNew: s.isNew };
      });
      const { exitCode } = await runCrawlCommand({ db: ctx.handle.db, sink, logger: ctx.logger }, { out: rt.stdout }, portals, {
        sources: selection,
        ...(opts.full ? { full: true } : {}),
      });
      return exitCode;
    } finally {
      await runner.close();
    }
  } finally {
    await ctx.close();
  }
}
