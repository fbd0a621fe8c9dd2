import { randomBytes } from 'node:crypto';
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { JOB_NAMES, QUEUES, type FetchJobData } from '@budget-ingest/jobs';
import type { PortalConfig, PortalsConfig } from './portal-config.ts';

export const SCHEDULER_PREFIX = 'crawl:' as const;
const LOCK_COMMAND = 'budgetIngestTakeLock';

export function createCrawlQueue(connection: ConnectionOptions, prefix?: string): CrawlQueue {
  return new Queue<FetchJobData, unknown, string>(QUEUES.fetch, { connection, ...(prefix ? { prefix } : {}) });
}

export type CrawlQueue = Queue<FetchJobData, unknown, string>;

export function schedulerId(portal: Pick<PortalConfig, 'name'>): string {
  return `${SCHEDULER_PREFIX}${portal.name}`;
}

export interface SyncSchedulersResult {
  /** False when another fetcher holds the owner lock and did the work. */
  readonly owner: boolean;
  readonly upserted: readonly string[];
  readonly removed: readonly string[];
}

export interface SyncSchedulersOptions {
  /** How long the owner lock is held; a second fetcher starting within it leaves the schedulers alone. */
  readonly lockTtlMs?: number;
  readonly ownerId?: string;
}

/**
 * Makes the queue's Job Schedulers match the config: one per enabled portal
 * with a cron, upserted by id (so repeating this never duplicates), and
 * schedulers of portals no longer configured removed. One fetcher does it:
 * the first to take a short Redis lock; the others skip.
 */
export async function syncCrawlSchedulers(queue: CrawlQueue, config: PortalsConfig, opts: SyncSchedulersOptions = {}): Promise<SyncSchedulersResult> {
  const client = await queue.client;
  // SET … NX through a script: BullMQ's client interface offers SET without NX.
  client.defineCommand(LOCK_COMMAND, { numberOfKeys: 1, lua: "return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX')" });
  const lockKey = `${queue.opts.prefix ?? 'bull'}:${queue.name}:crawl-schedulers-owner`;
  const ownerId = opts.ownerId ?? randomBytes(8).toString('hex');
  const got: unknown = await client.runCommand(LOCK_COMMAND, [lockKey, ownerId, opts.lockTtlMs ?? 60_000]);
  if (got !== 'OK') return { owner: false, upserted: [], removed: [] };
  const wanted = config.portals.filter((p) => p.enabled && p.cron);
  const upserted: string[] = [];
  for (const p of wanted) {
    const id = schedulerId(p);
    await queue.upsertJobScheduler(
      id,
      { pattern: p.cron ?? '', tz: p.timezone },
      { name: JOB_NAMES.fetch, data: { source: p.name }, opts: { attempts: 1, removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 } } },
    );
    upserted.push(id);
  }
  const removed: string[] = [];
  const existing = await queue.getJobSchedulers(0, -1);
  for (const s of existing) {
    const id = s.id ?? s.key;
    if (id.startsWith(SCHEDULER_PREFIX) && !upserted.includes(id)) {
      await queue.removeJobScheduler(id);
      removed.push(id);
    }
  }
  return { owner: true, upserted, removed };
}

/** Enqueues one crawl now (`crawl SOURCE` through the queue rather than in-process). */
export async function enqueueCrawl(queue: CrawlQueue, data: FetchJobData): Promise<void> {
  await queue.add(JOB_NAMES.fetch, data, { attempts: 1, removeOnComplete: { count: 1000 }, removeOnFail: { count: 5000 } });
}

export interface CrawlWorkerOptions {
  readonly prefix?: string;
  /** Crawls of different sources at once; per-host limits still hold through the shared scheduler. */
  readonly concurrency?: number;
}

export function createCrawlWorker<R>(connection: ConnectionOptions, process: (data: FetchJobData, job: Job<FetchJobData, R, string>) => Promise<R>, opts: CrawlWorkerOptions = {}): Worker<FetchJobData, R, string> {
  return new Worker<FetchJobData, R, string>(QUEUES.fetch, (job) => process(job.data, job), {
    connection,
    concurrency: opts.concurrency ?? 1,
    ...(opts.prefix ? { prefix: opts.prefix } : {}),
  });
}
