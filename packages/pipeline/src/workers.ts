import { fileURLToPath } from 'node:url';
import { Worker, type ConnectionOptions } from 'bullmq';
import { describeDbError } from '@budget-ingest/db';
import type { PipelineDeps } from './deps.ts';
import { processExtractJob, processParseJob } from './processors.ts';
import { QUEUES, type ExtractJobData, type ParseJobData, type PipelineQueues } from './queues.ts';

export type StageName = 'extract' | 'parse';

export interface WorkerOptions {
  readonly deps: PipelineDeps;
  readonly queues: PipelineQueues;
  /** A connection with maxRetriesPerRequest: null (see createRedis). */
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  readonly stages: readonly StageName[];
  readonly concurrency: { readonly extract: number; readonly parse: number };
  /** Extraction in child processes (default); false runs it in this process (tests, debugging). */
  readonly sandboxExtract: boolean;
  readonly lockMs?: number;
  readonly stalledCheckMs?: number;
}

const SANDBOX_ENTRY = fileURLToPath(new URL('./sandbox/extract-entry.mjs', import.meta.url));

/**
 * Starts the stage workers. PDF extraction is CPU-heavy: in a sandboxed child
 * process it cannot block this process's event loop, so job locks are renewed
 * on time and a crash of the extractor kills the child, not the worker.
 */
export function startWorkers(opts: WorkerOptions): Worker[] {
  const common = { connection: opts.connection, prefix: opts.prefix, lockDuration: opts.lockMs ?? 60_000, stalledInterval: opts.stalledCheckMs ?? 30_000, maxStalledCount: 2 };
  const workers: Worker[] = [];
  if (opts.stages.includes('extract')) {
    const worker = opts.sandboxExtract
      ? new Worker<ExtractJobData>(QUEUES.extract, SANDBOX_ENTRY, { ...common, concurrency: opts.concurrency.extract, useWorkerThreads: false })
      : new Worker<ExtractJobData>(QUEUES.extract, (job) => processExtractJob(opts.deps, opts.queues, job), { ...common, concurrency: opts.concurrency.extract });
    workers.push(worker);
  }
  if (opts.stages.includes('parse')) {
    workers.push(new Worker<ParseJobData>(QUEUES.parse, (job) => processParseJob(opts.deps, job), { ...common, concurrency: opts.concurrency.parse }));
  }
  for (const w of workers) {
    // describeDbError: a database error's real cause, not drizzle's "Failed query" with the whole document as parameters.
    w.on('failed', (job, err) => opts.deps.logger.warn({ queue: w.name, jobId: job?.id, attempts: job?.attemptsMade, error: describeDbError(err) }, 'job failed'));
    w.on('error', (err) => opts.deps.logger.error({ queue: w.name, error: describeDbError(err) }, 'worker error'));
  }
  return workers;
}

/** Graceful stop: wait for running jobs to finish (or return them to the queue), then close connections. */
export async function stopWorkers(workers: readonly Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.close()));
}
