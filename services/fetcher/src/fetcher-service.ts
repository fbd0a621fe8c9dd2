import { assertQueueMode, type Config } from '@budget-ingest/config';
import { crawlSource, createCrawlQueue, createCrawlWorker, createStoreFileSink, HostScheduler, syncCrawlSchedulers, UnknownSourceError, type CrawlSummary, type PortalsConfig } from '@budget-ingest/crawl';
import { createDb, migrate, sanitizeError } from '@budget-ingest/db';
import type { Logger } from '@budget-ingest/logger';
import { createPipelineDeps, createQueues, createRedis, storeAndEnqueue } from '@budget-ingest/pipeline';

export interface RunningFetcher {
  readonly workers: readonly ReturnType<typeof createCrawlWorker<CrawlSummary>>[];
  /** Lets running crawls finish, then closes Redis and Postgres connections. */
  stop(): Promise<void>;
  /** How long stop() may take before the process exits anyway (SHUTDOWN_TIMEOUT_MS). */
  readonly shutdownTimeoutMs: number;
}

export interface FetcherOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly portals: PortalsConfig;
  /** PATH, handed to the pipeline (LibreOffice lookup). */
  readonly pathEnv: string;
}

/**
 * Wires the fetcher process: Postgres, the crawl queue and its Job
 * Schedulers (one per portal with a cron), the crawl worker, and a sink that
 * stores each new file in the blob store and queues its extraction.
 */
export async function startFetcher(opts: FetcherOptions): Promise<RunningFetcher> {
  const { config, logger, portals } = opts;
  const { databaseUrl, redisUrl } = assertQueueMode(config);
  const handle = await createDb({
    databaseUrl,
    dataDir: config.dataDir,
    maxConnections: config.concurrency.fetch + 2,
    onConnectionError: (err) => logger.warn({ err: sanitizeError(err) }, 'database connection lost; reconnecting on the next query'),
  });
  await migrate(handle);
  const producer = createRedis(redisUrl, 'producer');
  const workerConnection = createRedis(redisUrl, 'worker');
  const queues = createQueues(producer, config.queuePrefix);
  const crawlQueue = createCrawlQueue(producer, config.queuePrefix);
  const deps = createPipelineDeps(handle.db, config, logger, opts.pathEnv);
  const sink = createStoreFileSink((file) => storeAndEnqueue(deps, queues, file));
  // One scheduler per process: per-host politeness holds across concurrent crawls of different sources.
  const scheduler = new HostScheduler();

  const synced = await syncCrawlSchedulers(crawlQueue, portals);
  logger.info({ owner: synced.owner, upserted: synced.upserted, removed: synced.removed }, synced.owner ? 'crawl schedulers synced' : 'another fetcher syncs the crawl schedulers');

  const worker = createCrawlWorker<CrawlSummary>(
    workerConnection,
    async (data, job) => {
      const portal = portals.portals.find((p) => p.name === data.source);
      if (!portal) throw new UnknownSourceError([data.source], portals.portals.map((p) => p.name));
      // crawlSource writes the run's one log line ('crawl finished': status, counts, paging, message) and its crawl_runs row, which `status` shows.
      return crawlSource({ db: handle.db, sink, logger: logger.child({ stage: 'crawl', jobId: job.id }), scheduler }, portal, data.full ? { full: true } : {});
    },
    { prefix: config.queuePrefix, concurrency: config.concurrency.fetch },
  );
  worker.on('failed', (job, err) => logger.error({ stage: 'crawl', jobId: job?.id, source: job?.data.source, error: err.message }, 'crawl job failed'));
  logger.info({ portals: portals.portals.length, concurrency: config.concurrency.fetch, prefix: config.queuePrefix }, 'fetcher started');

  let stopping: Promise<void> | null = null;
  return {
    workers: [worker],
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    stop: () =>
      (stopping ??= (async () => {
        logger.info('stopping fetcher: finishing running crawls');
        await worker.close();
        await crawlQueue.close();
        await queues.close();
        producer.disconnect();
        workerConnection.disconnect();
        await handle.close();
        logger.info('fetcher stopped');
      })()),
  };
}
