import { Queue, type ConnectionOptions, type DefaultJobOptions } from 'bullmq';
import { EXTRACTOR_VERSION } from '@budget-ingest/extract';
import { JOB_NAMES, QUEUES, type ExtractJobData, type FetchJobData, type ParseJobData } from '@budget-ingest/jobs';
import { PARSER_VERSION } from '@budget-ingest/report-parser';
import type { StageName } from './chain.ts';
import { connectProducer } from './redis-connection.ts';

export { QUEUES, type ExtractJobData, type FetchJobData, type ParseJobData, type QueueName } from '@budget-ingest/jobs';

export interface PipelineQueues {
  readonly extract: Queue<ExtractJobData>;
  readonly parse: Queue<ParseJobData>;
  readonly fetch: Queue<FetchJobData>;
  close(): Promise<void>;
}

/**
 * Retries with exponential backoff for transient failures (a timeout, the
 * database away); permanent input errors end at once through
 * UnrecoverableError. Finished jobs are trimmed so Redis does not grow with
 * the corpus: the document rows in Postgres are the record.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
};

/**
 * Deterministic job ids (stage + sha256 + stage version): BullMQ keeps one
 * job per id, so the same file is never processed twice at once, and a new
 * extractor or parser version makes new jobs.
 */
export function extractJobId(sha256: string): string {
  return `extract_${sha256}_v${EXTRACTOR_VERSION}`;
}
/** Includes the extractor version: a re-extracted document must be parsed again even when the parser did not change. */
export function parseJobId(sha256: string): string {
  return `parse_${sha256}_x${EXTRACTOR_VERSION}_v${PARSER_VERSION}`;
}

export { createRedis } from './redis-connection.ts';

/**
 * `onError` hears the queues' connection errors (Redis restarting); the
 * commands that hit them fail and are retried by their callers, so the
 * default is to stay quiet instead of printing each one.
 */
export function createQueues(connection: ConnectionOptions, prefix: string, onError: (err: Error) => void = () => {}): PipelineQueues {
  const opts = { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS };
  const extract = new Queue<ExtractJobData>(QUEUES.extract, opts);
  const parse = new Queue<ParseJobData>(QUEUES.parse, opts);
  const fetch = new Queue<FetchJobData>(QUEUES.fetch, opts);
  for (const q of [extract, parse, fetch]) q.on('error', onError);
  return {
    extract,
    parse,
    fetch,
    close: async () => {
      await Promise.all([extract.close(), parse.close(), fetch.close()]);
    },
  };
}

/**
 * Runs `work` with the queues on a producer connection of its own, closing
 * both afterwards (CLI commands). Fails with a RedisUnavailableError naming
 * REDIS_URL when Redis does not answer within `connectTimeoutMs`.
 */
export async function withQueues<T>(redisUrl: string, prefix: string, work: (queues: PipelineQueues) => Promise<T>, connectTimeoutMs = 10_000): Promise<T> {
  const redis = await connectProducer(redisUrl, connectTimeoutMs);
  const queues = createQueues(redis, prefix);
  try {
    return await work(queues);
  } finally {
    // Closing waits for Redis; when it is gone there is nothing left to flush.
    if (redis.status === 'ready') await queues.close().catch(() => {});
    redis.disconnect();
  }
}

/** Queues a document's `stage` of the chain (chain.ts); the job id makes it once per file and version. */
export async function enqueueStage(queues: Pick<PipelineQueues, 'extract' | 'parse'>, stage: StageName, data: ExtractJobData): Promise<void> {
  await addOnce(queues[stage], JOB_NAMES[stage], data, stage === 'extract' ? extractJobId(data.sha256) : parseJobId(data.sha256));
}

/** The state of a document's job for `stage` ('unknown' when the queue holds none). */
export function stageJobState(queues: Pick<PipelineQueues, 'extract' | 'parse'>, stage: StageName, sha256: string): Promise<string> {
  return queues[stage].getJobState(stage === 'extract' ? extractJobId(sha256) : parseJobId(sha256));
}

/**
 * Adds a job unless the same id is already waiting or running. A finished
 * job with the same id is removed first: the caller only enqueues what the
 * database says still needs doing (a retry after a fix, a wiped database).
 */
async function addOnce(queue: Queue<ExtractJobData>, name: string, data: ExtractJobData, jobId: string): Promise<void> {
  const existing = await queue.getJob(jobId);
  if (existing) {
    const state = await existing.getState();
    if (state !== 'completed' && state !== 'failed') return;
    await existing.remove();
  }
  await queue.add(name, data, { jobId });
}

export interface QueueDepths {
  readonly [queue: string]: { waiting: number; active: number; delayed: number; failed: number; completed: number };
}

export async function queueDepths(queues: PipelineQueues): Promise<QueueDepths> {
  const out: Record<string, QueueDepths[string]> = {};
  for (const q of [queues.fetch, queues.extract, queues.parse]) {
    const c = await q.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed', 'prioritized');
    out[q.name] = { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, completed: c.completed ?? 0 };
  }
  return out;
}
